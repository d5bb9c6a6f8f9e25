// Every first-night mistake is caught before dark: each bad config goes through doctor, night --now,
// run and report, which all exit 2 naming the problem's path; together they come out in one pass.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../core/cli.js';
import { nightshift } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'ns-badcfg-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const aFile = join(root, 'a-file');
writeFileSync(aFile, 'not a folder\n');
mkdirSync(join(root, 'project'));

/** A config that passes every check; each case changes one thing. */
const good = () => ({
  timezone: 'UTC',
  stateDir: join(root, 'state'),
  tmux: { socket: `ns-badcfg-${process.pid}`, session: 'fleet' },
  night: { start: '0 23 * * *', duration: '7h' },
  agents: [{ name: 'builder', command: 'node --version', cwd: join(root, 'project') }],
  plugins: ['exited', 'kickoff', { name: 'idle', options: { after: '10m' } }, 'markdown-report'],
});
type Raw = ReturnType<typeof good> & Record<string, unknown>;

/** name, the change, the path the problem must be reported at */
const CASES: [string, (c: Raw) => void, string][] = [
  ['a duration without a unit', (c) => (c.night.duration = 7 as never), 'night.duration'],
  ['a misspelt key', (c) => (c.tmux = { socket: c.tmux.socket, sesion: 'fleet' } as never), 'tmux.sesion'],
  [
    'an unknown key deep down',
    (c) => (c.agents[0] = { ...c.agents[0]!, size: { colz: 80 } } as never),
    'agents[0].size.colz',
  ],
  ['an hour of 25', (c) => (c.night.start = '0 25 * * *'), 'night.start'],
  [
    'a report time in words',
    (c) => (c.report = { ...(c.report as object), at: 'every morning' }),
    'report.at',
  ],
  [
    'a recipient that is no address',
    (c) => (c.report = { ...(c.report as object), email: { to: 'not-an-email', from: 'ns@example.com' } }),
    'report.email.to',
  ],
  [
    'an agent program that is not installed',
    (c) => (c.agents[0]!.command = 'no-such-agent-xyz --go'),
    'agents[0].command',
  ],
  ['a project folder that does not exist', (c) => (c.agents[0]!.cwd = './no-such-project'), 'agents[0].cwd'],
  ['a state dir through a file', (c) => (c.stateDir = join(aFile, 'state')), 'stateDir'],
  ['a state dir in /sys', (c) => (c.stateDir = '/sys/nightshift-state'), 'stateDir'],
  ['a state dir in /proc', (c) => (c.stateDir = '/proc/nightshift-state/deep'), 'stateDir'],
  ['a plugin file that is missing', (c) => c.plugins.push('./plugins/missing.ts'), 'plugins[4]'],
  [
    'plugin options that do not fit',
    (c) => (c.plugins[2] = { name: 'idle', options: { after: 5 as never } }),
    'plugins[2].options.after',
  ],
  [
    'a status endpoint off loopback without a token',
    (c) => (c.http = { listen: '0.0.0.0:7717' }),
    'http.token',
  ],
];

function write(name: string, config: unknown): string {
  const dir = join(root, name.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'nightshift.config.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

/** Runs the CLI in-process (every case fails before anything starts). */
async function run(args: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const started = Date.now();
  const code = await main(args, {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    env: { PATH: process.env.PATH },
    cwd: root,
    isTTY: false,
  });
  return { code, stdout, stderr, ms: Date.now() - started };
}

/** The config paths doctor --json reports as failures. */
function doctorPaths(stdout: string): string[] {
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { name: string; level: string; path?: string })
    .filter((l) => l.name === 'config' && l.level === 'fail' && l.path)
    .map((l) => l.path!);
}

describe('a bad config is caught by every command, with its path', () => {
  it('the good config passes doctor (so each case fails for its own change)', async () => {
    const result = await run(['doctor', '--json', '--config', write('good', good())]);
    expect(doctorPaths(result.stdout)).toEqual([]);
  });

  it.each(CASES)('%s', async (name, change, path) => {
    const config = good() as Raw;
    change(config);
    const file = write(name, config);
    const doctor = await run(['doctor', '--json', '--config', file]);
    expect(doctor.code, doctor.stdout).toBe(2);
    expect(doctorPaths(doctor.stdout)).toEqual([path]);
    for (const args of [['night', '--now', '--for', '5s'], ['run'], ['report']]) {
      const result = await run([...args, '--config', file]);
      expect(result.code, `${args[0]}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(`  ${path}: `);
      expect(result.stderr).not.toMatch(/unexpected failure|\n\s+at /);
      expect(result.ms).toBeLessThan(20_000); // never spins (a recursive mkdir under /proc would)
    }
  });

  it('all of them at once: every problem in one pass', async () => {
    const config = good() as Raw;
    for (const [, change] of CASES.filter(([n]) => !n.startsWith('a state dir in'))) change(config);
    const file = write('all', config);
    const expected = CASES.filter(([n]) => !n.startsWith('a state dir in'))
      .map(([, , path]) => path)
      .filter((p, i, all) => all.indexOf(p) === i);
    const doctor = await run(['doctor', '--json', '--config', file]);
    expect(doctor.code).toBe(2);
    expect(doctorPaths(doctor.stdout).sort()).toEqual(expected.sort());
    const night = await run(['night', '--now', '--config', file]);
    expect(night.code).toBe(2);
    for (const path of expected) expect(night.stderr).toContain(`  ${path}: `);
  });

  it('a missing coordination file and a shell construct are warnings naming the expected path', async () => {
    const config = good() as Raw;
    config.coordination = { file: './COORDINATION.md' };
    config.agents[0]!.command = 'cd . && node --version';
    const file = write('warnings', config);
    const doctor = await run(['doctor', '--config', file]);
    expect(doctor.code, doctor.stdout).toBe(0);
    expect(doctor.stdout).toMatch(/^warn config +coordination\.file: .*COORDINATION\.md does not exist yet/m);
    expect(doctor.stdout).toMatch(/^warn config +agents\[0\]\.command: cannot check/m);
    expect(doctor.stdout).toMatch(/^ok +schedule +night\.start "0 23 \* \* \*": next \d{4}-\d\d-\d\d 23:00/m);
  });

  it('run, as a process, exits 2 at once on a bad config instead of staying alive', async () => {
    const config = good() as Raw;
    config.report = { at: 'every morning' };
    const started = Date.now();
    const result = await nightshift(['run', '--config', write('run-process', config)], { cwd: root });
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain('report.at: not a cron pattern');
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 180_000);
});
