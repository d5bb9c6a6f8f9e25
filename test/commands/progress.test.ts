// Progress on long work: `nightshift report` says what it is doing on a terminal (a real tmux pane, its raw output
// taken with pipe-pane) and clears the line before the result; piped, it prints the result and nothing else.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { generateNight } from '../fixtures/reports/night-generator.js';
import { nightshift, repoRoot } from '../helpers/cli.js';
import { startTmuxServer } from '../helpers/tmux-server.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-progress-'));
const server = await startTmuxServer();
afterAll(async () => {
  await server.kill();
  rmSync(dir, { recursive: true, force: true });
});

const night = generateNight({ dir, agents: 3 });
const config = join(dir, 'nightshift.config.json');
writeFileSync(
  config,
  JSON.stringify({
    timezone: 'Europe/Berlin',
    stateDir: night.config.stateDir,
    agents: night.config.agents.map((a) => ({ name: a.name, command: a.command, cwd: a.cwd })),
    coordination: night.config.coordination,
    plugins: ['markdown-report', 'agent-detail'],
  }),
);
const PROGRESS = 'compiling the report of 2026-04-10';
const CLEAR = '\r\x1b[2K';

/** Waits until `done` holds (bounded, so a broken command fails the test instead of hanging it). */
async function until<T>(look: () => Promise<T> | T, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 900; i++) {
    const value = await look();
    if (done(value)) return value;
    await sleep(200);
  }
  throw new Error(`never saw ${what}`);
}

describe('progress on long work', () => {
  it('`report` on a terminal: a progress line, cleared before the result', async () => {
    const raw = join(dir, 'pane.raw');
    const cli = `${process.execPath} --import ${join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')} ${join(repoRoot, 'core', 'cli.ts')}`;
    // the pane waits for Enter, so its raw output is taken from the first byte the command writes
    await server.run([
      'new-session',
      '-d',
      '-s',
      'p',
      '-x',
      '120',
      '-y',
      '30',
      '-c',
      dir,
      `read go; ${cli} report --config ${config}; echo "exit $?"; sleep 600`,
    ]);
    await server.run(['pipe-pane', '-o', '-t', 'p', `cat > ${raw}`]);
    await until(() => existsSync(raw), Boolean, 'pipe-pane start');
    await server.run(['send-keys', '-t', 'p', 'Enter']);
    const bytes = await until(
      () => readFileSync(raw, 'utf8'),
      (text) => /exit \d+/.test(text),
      'the report command end',
    );
    expect(bytes).toMatch(/exit 0/);
    const shown = bytes.indexOf(`${CLEAR}${PROGRESS}`);
    const subject = bytes.indexOf('[nightshift]');
    expect(shown).toBeGreaterThanOrEqual(0);
    expect(subject).toBeGreaterThan(shown);
    // the last thing before the result is the line being cleared
    expect(bytes.slice(0, subject).endsWith(CLEAR)).toBe(true);
    const screen = await server.run(['capture-pane', '-p', '-t', 'p']);
    expect(screen).toMatch(/^\[nightshift\] /m);
    expect(screen).not.toContain(PROGRESS);
  }, 200_000);

  it('`report` piped: the result and nothing else', async () => {
    const out = await nightshift(['report', '--config', config, '--log-level', 'warn'], { cwd: dir });
    expect(out.exitCode, out.all).toBe(0);
    expect(out.stdout).not.toContain(PROGRESS);
    // eslint-disable-next-line no-control-regex
    expect(out.stdout).not.toMatch(/\r|\x1b/);
    expect(out.stdout.split('\n')).toEqual([
      expect.stringMatching(/^\[nightshift\] /),
      `report: ${join(night.runDir, 'report.md')}`,
      `        ${join(night.runDir, 'report.html')}`,
    ]);
  }, 200_000);
});
