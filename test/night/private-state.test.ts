// DESIGN.md invariant 9 on a real night: under umask 022 every path nightshift keeps is 0700/0600, pane logs included;
// a chatty agent's log stays under its cap and the report says it was cut; doctor names what others can read.
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightshift, repoRoot } from '../helpers/cli.js';
import { makeFleet, simAgent } from '../helpers/fleet.js';

const MB = 1024 * 1024;
const printer = join(repoRoot, 'test', 'fixtures', 'programs', 'prints-megabytes.mjs');

/** Every path under `root` with its permission bits. */
function modes(root: string): { path: string; mode: number; dir: boolean }[] {
  const out: { path: string; mode: number; dir: boolean }[] = [];
  const walk = (path: string) => {
    const s = statSync(path);
    out.push({ path, mode: s.mode & 0o777, dir: s.isDirectory() });
    if (s.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return out;
}

describe('a night keeps what it writes private, and bounded', () => {
  const fleet = makeFleet(
    [
      simAgent('builder', 'worker', { task: 'Work through TASKS.md' }),
      {
        name: 'chatty',
        command: `node ${printer} 50 chatty-is-done`,
        profile: 'generic',
        size: { cols: 100, rows: 30 },
      },
    ],
    {
      logs: { maxMB: 5 },
      plugins: ['exited', 'prompt', 'kickoff', 'auto-confirm', 'markdown-report', 'agent-detail'],
    },
  );
  const state = join(fleet.dir, 'state');
  let umask: number;
  let night: Awaited<ReturnType<typeof nightshift>>;
  beforeAll(async () => {
    umask = process.umask(0o022);
    night = await nightshift(['night', '--now', '--for', '40s', '--config', fleet.configFile], {
      cwd: fleet.dir,
    });
  }, 150_000);
  afterAll(async () => {
    process.umask(umask);
    await fleet.cleanup();
  });

  it('under umask 022, every directory is 0700 and every file 0600, pane logs included', () => {
    expect(night.exitCode, night.all).toBe(0);
    const all = modes(state);
    expect(all.filter((p) => p.path.endsWith('.log')).length).toBeGreaterThanOrEqual(3); // two panes, nightshift.log
    expect(
      all.filter((p) => p.mode !== (p.dir ? 0o700 : 0o600)).map((p) => `${p.path} ${p.mode.toString(8)}`),
    ).toEqual([]);
  });

  it('a pane that printed 50 MB against a 5 MB cap leaves a log of at most 5 MB ending with its last output', () => {
    const log = join(fleet.runDir(), 'logs', 'chatty.log');
    const size = statSync(log).size;
    expect(size).toBeLessThanOrEqual(5 * MB);
    expect(size).toBeGreaterThan(2 * MB);
    const end = readFileSync(log, 'latin1').slice(-4096);
    expect(end).toContain('LAST LINE chatty-is-done');
    expect(end.slice(end.lastIndexOf('LAST LINE'))).not.toMatch(/line \d{9}/);
  });

  it('the report says the transcript was cut, and where', () => {
    const report = readFileSync(join(fleet.runDir(), 'report.md'), 'utf8');
    expect(report).toMatch(
      /The transcript was cut: .* MB of output were left out at byte \d+ of `[^`]*chatty\.log`/,
    );
  });

  it('doctor names a state dir and nights others can read, with the command that fixes them', async () => {
    chmodSync(state, 0o755);
    chmodSync(join(fleet.runDir(), 'report.md'), 0o644);
    const doctor = await nightshift(['doctor', '--config', fleet.configFile], { cwd: fleet.dir });
    expect(doctor.stdout).toMatch(/FAIL privacy +the state dir .*state is 0755, readable by others/);
    expect(doctor.stdout).toContain(`chmod -R go-rwx '${state}'`);
    expect(doctor.stdout).toMatch(/report\.md 0644/);
    expect(doctor.exitCode).toBe(1);
  }, 180_000);

  it('a runner adopting the loose state dir tightens it and says so', async () => {
    const again = await nightshift(['night', '--now', '--for', '2s', '--config', fleet.configFile], {
      cwd: fleet.dir,
    });
    expect(again.exitCode, again.all).toBe(0);
    expect(again.stderr).toMatch(/made .*state private: 2 path\(s\) others could read are now 0700\/0600/);
    expect(modes(state).filter((p) => p.mode !== (p.dir ? 0o700 : 0o600))).toEqual([]);
    const doctor = await nightshift(['doctor', '--json', '--config', fleet.configFile], { cwd: fleet.dir });
    expect(doctor.stdout).toContain('"name":"privacy","ok":true');
  }, 120_000);
});
