// `nightshift status --watch` drawn into a real tmux pane, watching agents in another real tmux server: it shows every
// agent, and a change of state shows by the first redraw that starts after it (within one interval).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { nightshift, repoRoot } from '../helpers/cli.js';
import { killTmuxServer } from '../helpers/tmux-server.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-watch-'));
const fleet = `ns-test-${process.pid}-watch-fleet`;
const viewer = `ns-test-${process.pid}-watch-viewer`;
const fixture = (program: string, name: string) =>
  `node ${join(repoRoot, 'examples', 'agents', program)} --name ${name} --record ${join(dir, `${name}.jsonl`)}`;
const tmux = (socket: string, ...args: string[]) => execa('tmux', ['-L', socket, '-f', '/dev/null', ...args]);

afterAll(async () => {
  for (const socket of [viewer, fleet]) await killTmuxServer(socket);
  rmSync(dir, { recursive: true, force: true });
});

/** The viewer's screen as text. */
const screen = async () => (await tmux(viewer, 'capture-pane', '-p', '-t', 'watch')).stdout;
const redraws = (text: string) => Number(/redraw #(\d+)/.exec(text)?.[1] ?? 0);
/** The watch's row for an agent. */
const row = (text: string, agent: string) =>
  text.split('\n').find((l) => new RegExp(`^.\\s+\\d+ ${agent} `).test(l)) ?? '';

/** Waits until `done` holds for the viewer's screen (bounded, so a broken watch fails instead of hanging). */
async function until(done: (text: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const text = await screen();
    if (done(text)) return text;
    await sleep(200);
  }
  throw new Error(`the watch never showed ${what}; its screen:\n${await screen()}`);
}

/** After a change is on the fleet's screens: the screen of the second redraw from now (the first that surely started after it). */
async function nextRedrawAfterChange(): Promise<string> {
  const now = redraws(await screen());
  return until((t) => redraws(t) >= now + 2, `redraw #${now + 2}`);
}

describe('nightshift status --watch (real tmux)', () => {
  it('shows every agent and each change of state within one interval', async () => {
    writeFileSync(
      join(dir, 'nightshift.config.yaml'),
      [
        'timezone: UTC',
        'stateDir: ./state',
        `tmux: { socket: ${fleet}, session: fleet }`,
        'night: { start: "0 23 * * *", duration: 7h }',
        'agents:',
        '  - { name: builder, command: claude, profile: claude-code }',
        '  - { name: reviewer, command: claude, profile: claude-code }',
        '',
      ].join('\n'),
    );
    await tmux(
      fleet,
      'new-session',
      '-d',
      '-s',
      'fleet',
      '-n',
      'builder',
      '-x',
      '100',
      '-y',
      '30',
      fixture('waits-at-input.mjs', 'builder'),
    );
    await tmux(
      fleet,
      'new-window',
      '-t',
      'fleet',
      '-n',
      'reviewer',
      fixture('waits-at-input.mjs', 'reviewer'),
    );
    const cli = `node --import ${join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')} ${join(repoRoot, 'core', 'cli.ts')}`;
    await tmux(
      viewer,
      'new-session',
      '-d',
      '-s',
      'watch',
      '-x',
      '120',
      '-y',
      '30',
      '-c',
      dir,
      `${cli} status --watch --interval 1s --config ${join(dir, 'nightshift.config.yaml')}; sleep 600`,
    );

    const first = await until(
      (t) => /input/.test(row(t, 'builder')) && /input/.test(row(t, 'reviewer')),
      'both agents at their input box',
    );
    expect(first).toMatch(/next night \w{3} \d+ \w{3} 23:00/);

    // builder now asks permission: its row says confirm, with what it is parked on and the choices
    await tmux(fleet, 'respawn-pane', '-k', '-t', 'fleet:builder', fixture('asks-permission.mjs', 'builder'));
    for (
      let i = 0;
      i < 600 && !/Do you want/.test((await tmux(fleet, 'capture-pane', '-p', '-t', 'fleet:builder')).stdout);
      i++
    )
      await sleep(200);
    const parked = await nextRedrawAfterChange();
    expect(row(parked, 'builder')).toMatch(/ confirm /);
    expect(parked).toMatch(/parked on: npm test/);
    expect(parked).toMatch(/answer: 1 approve · x decline/);
    expect(row(parked, 'reviewer')).toMatch(/ input /);

    // reviewer's window goes away: absent
    await tmux(fleet, 'kill-window', '-t', 'fleet:reviewer');
    const gone = await nextRedrawAfterChange();
    expect(row(gone, 'reviewer')).toMatch(/ absent /);
    expect(row(gone, 'builder')).toMatch(/ confirm /);
  }, 300_000);

  it('`top` piped: a plain line per agent, no escape codes, and Ctrl-C ends it cleanly', async () => {
    // the fleet as the first test left it: builder asking permission, reviewer's window gone
    const top = nightshift(['top', '--interval', '1s', '--config', join(dir, 'nightshift.config.yaml')], {
      cwd: dir,
    });
    let text = '';
    top.stdout.on('data', (c: Buffer) => (text += c.toString()));
    for (let i = 0; i < 600 && !(/ builder /.test(text) && / reviewer /.test(text)); i++) await sleep(200);
    top.kill('SIGINT');
    const result = await top;
    expect(result.exitCode, result.all).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/\x1b|\r/);
    expect(text).toMatch(/^\d\d:\d\d:\d\d builder confirm %\d+ parked on: npm test$/m);
    expect(text).toMatch(/^\d\d:\d\d:\d\d reviewer absent$/m);
  }, 200_000);
});
