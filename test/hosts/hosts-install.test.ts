// `nightshift hosts install NAME` over a real sshd: npm (the host's own, offline from a local tarball of a package
// named nightshift that runs this checkout) installs it where hosts[].nightshift says; the probe after it passes;
// a second run changes nothing; a host nobody answers for, an unknown name and a nightshift that is a command line
// each fail with the fix.
import { execa } from 'execa';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { HostConfig } from '../../config/schema.js';
import { installCommand } from '../../core/hosts/install.js';
import { nightshiftVersion } from '../../core/hosts/version.js';
import { nightshift } from '../helpers/cli.js';
import { freePort, NIGHTSHIFT_HERE, startSshd, type TestSshd } from '../helpers/sshd.js';
import { killTmuxServer } from '../helpers/tmux-server.js';

const host = (nightshift: string): HostConfig =>
  ({ name: 'box', ssh: 'box', stateDir: '~/.nightshift', nightshift }) as HostConfig;

describe('the npm command line for a host', () => {
  it.each([
    ['nightshift', /npm install --global --no-audit --no-fund nightshift@1\.2\.3$/],
    ['~/.local/bin/nightshift', /--prefix "\$HOME"\/\.local nightshift@1\.2\.3$/],
    ['/opt/ns/bin/nightshift', /--prefix \/opt\/ns nightshift@1\.2\.3$/],
  ])('hosts[].nightshift %s', (program, expected) => {
    const command = installCommand(host(program), 'nightshift@1.2.3');
    expect(command).toMatch(expected);
    expect(command).toMatch(/^command -v npm >\/dev\/null \|\| \{ .* exit 127; \}; npm install/);
  });

  it.each(['env X=1 nightshift', '~/bin/ns', 'node ~/ns/cli.js'])(
    'hosts[].nightshift %s: not something npm installs, so refused with the fix',
    (program) => {
      expect(() => installCommand(host(program), 'nightshift@1.2.3')).toThrow(
        /install nightshift there by hand, or point hosts\[\]\.nightshift at where npm should put it/,
      );
    },
  );
});

describe('nightshift hosts install over SSH', () => {
  let sshd: TestSshd;
  const dir = mkdtempSync(join(tmpdir(), 'ns-hosts-install-'));
  const prefix = join(dir, 'prefix');
  const tarball = join(dir, 'nightshift.tgz');
  const socket = `ns-test-${process.pid}-install-box`;
  const run = (...args: string[]) => nightshift(['hosts', ...args], { cwd: dir });

  beforeAll(async () => {
    sshd = await startSshd();
    // a package named nightshift, this version, whose bin runs this checkout (npm packs nothing else)
    const pkg = join(dir, 'pkg', 'package');
    mkdirSync(join(pkg, 'bin'), { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({
        name: 'nightshift',
        version: nightshiftVersion(),
        bin: { nightshift: 'bin/nightshift' },
      }),
    );
    writeFileSync(join(pkg, 'bin', 'nightshift'), `#!/bin/sh\nexec ${NIGHTSHIFT_HERE} "$@"\n`);
    chmodSync(join(pkg, 'bin', 'nightshift'), 0o755);
    await execa('tar', ['czf', tarball, '-C', join(dir, 'pkg'), 'package']);
    const nobody = await freePort();
    writeFileSync(
      join(dir, 'nightshift.config.yaml'),
      stringify({
        timezone: 'UTC',
        stateDir: join(dir, 'state'),
        tmux: { socket: `ns-test-${process.pid}-install`, session: 'fleet' },
        hosts: [
          {
            name: 'box',
            ssh: sshd.ssh,
            stateDir: join(dir, 'box-node'),
            nightshift: join(prefix, 'bin', 'nightshift'),
            socket,
          },
          { name: 'down', ssh: `-F /dev/null -o ConnectTimeout=3 -p ${nobody} root@127.0.0.1` },
          { name: 'odd', ssh: sshd.ssh, nightshift: 'env NOTHING=1 nightshift-not-here' },
        ],
        agents: [{ name: 'here', command: 'node --version', cwd: dir }],
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await killTmuxServer(socket);
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs it where hosts[].nightshift says, then the host passes the probe', async () => {
    const result = await run('install', 'box', '--package', tarball);
    expect(result.exitCode, result.all).toBe(0);
    expect(existsSync(join(prefix, 'bin', 'nightshift'))).toBe(true);
    expect(result.stdout).toMatch(
      new RegExp(`box: installed nightshift ${nightshiftVersion().replace(/\./g, '\\.')} \\(.*--prefix`),
    );
    expect(result.stdout).toMatch(/ok {3}nightshift [\d.]+ on box[\s\S]*ok {3}tmux \d/);
  }, 180_000);

  it('a second run finds it installed and changes nothing', async () => {
    const result = await run('install', 'box', '--package', join(dir, 'no-such.tgz'));
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toMatch(/box: nightshift [\d.]+ is already installed; nothing to do/);
  }, 120_000);

  it.each([
    ['a host nobody answers for', ['down'], 1, /Fix: make `ssh -o BatchMode=yes .* true` work/],
    [
      'a name not in the config',
      ['nowhere'],
      2,
      /no host named "nowhere" in the config \(hosts: box, down, odd\)/,
    ],
    [
      'a nightshift that is a command line',
      ['odd'],
      2,
      /not `nightshift` or a path ending in \/bin\/nightshift: install nightshift there by hand/,
    ],
    ['no name', [], 2, /usage: nightshift hosts install NAME/],
  ])(
    '%s: fails with the fix',
    async (_, names, exitCode, message) => {
      const result = await run('install', ...names);
      expect(result.exitCode, result.all).toBe(exitCode);
      expect(result.stderr).toMatch(message);
    },
    120_000,
  );
});
