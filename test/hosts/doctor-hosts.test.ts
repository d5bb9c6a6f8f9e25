// `nightshift doctor` checks each host over a real sshd: a good host passes each check; a host nobody answers for
// and a host with another nightshift each fail with the fix printed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { nightshift, repoRoot } from '../helpers/cli.js';
import { freePort, NIGHTSHIFT_HERE, startSshd, type TestSshd } from '../helpers/sshd.js';
import { killTmuxServer } from '../helpers/tmux-server.js';

interface Line {
  name: string;
  level: string;
  detail: string;
  path?: string;
}

describe('nightshift doctor checks each host', () => {
  let sshd: TestSshd;
  const dir = mkdtempSync(join(tmpdir(), 'ns-doctor-hosts-'));
  const socket = `ns-test-${process.pid}-doctor-box`;
  let lines: Line[] = [];
  let exitCode: number | undefined;

  beforeAll(async () => {
    sshd = await startSshd();
    const nobody = await freePort();
    writeFileSync(
      join(dir, 'nightshift.config.yaml'),
      stringify({
        timezone: 'UTC',
        stateDir: join(dir, 'state'),
        tmux: { socket: `ns-test-${process.pid}-doctor`, session: 'fleet' },
        plugins: ['exited'],
        hosts: [
          {
            name: 'box',
            ssh: sshd.ssh,
            stateDir: join(dir, 'box-node'),
            nightshift: NIGHTSHIFT_HERE,
            socket,
          },
          { name: 'down', ssh: `-F /dev/null -o ConnectTimeout=3 -p ${nobody} root@127.0.0.1` },
          {
            name: 'old',
            ssh: sshd.ssh,
            nightshift: `${process.execPath} ${join(repoRoot, 'test', 'fixtures', 'hosts', 'old-nightshift.mjs')}`,
          },
        ],
        agents: [{ name: 'here', command: 'node --version', cwd: dir }],
      }),
    );
    const result = await nightshift(['doctor', '--json'], { cwd: dir });
    exitCode = result.exitCode;
    lines = String(result.stdout)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line)
      .filter((l) => l.name === 'hosts');
  }, 120_000);

  afterAll(async () => {
    await killTmuxServer(socket);
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const of = (host: string) => lines.filter((l) => l.detail.startsWith(`${host}: `));

  it('a good host: ssh, nightshift, state dir and tmux all pass', () => {
    const box = of('box');
    expect(box.map((l) => l.level)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(box.map((l) => l.detail).join('\n')).toMatch(
      /BatchMode[\s\S]*nightshift [\d.]+ on box[\s\S]*writable[\s\S]*tmux \d/,
    );
    expect(box[0]!.path).toBe('hosts[0]');
  });

  it('a host nobody answers for: fails with how to make BatchMode work', () => {
    const down = of('down');
    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({ level: 'fail', path: 'hosts[1]' });
    expect(down[0]!.detail).toMatch(/Fix: make `ssh -o BatchMode=yes .* true` work/);
  });

  it('a host with another nightshift: fails with the version to install', () => {
    const old = of('old');
    expect(old.map((l) => l.level)).toEqual(['ok', 'fail']);
    expect(old[1]!.detail).toMatch(
      /nightshift 0\.0\.9 on old speaks node protocol 0.*install the same version/,
    );
    expect(exitCode).toBe(1);
  });
});
