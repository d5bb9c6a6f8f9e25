// pipe-pane on a real server: every byte a program prints reaches the log, from its first, across restarts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTmux } from '../../core/tmux/index.js';
import type { TmuxEvent } from '../../core/tmux/types.js';
import { startTmuxServer, type TmuxTestServer } from '../helpers/tmux-server.js';
import { waitFor } from '../helpers/wait.js';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const printSequence = (count: number, then: string | number = 'wait') =>
  `'${process.execPath}' '${fixture('print-sequence.mjs')}' ${count} ${then}`;

/** What print-sequence.mjs prints, as the pane's tty delivers it (LF becomes CRLF). */
function expectedSequence(count: number): string {
  const lines = [
    'FIRST-BYTE',
    ...Array.from({ length: count }, (_, i) => `seq ${String(i + 1).padStart(4, '0')}`),
    'LAST-BYTE',
  ];
  return lines.map((l) => `${l}\r\n`).join('');
}

describe('tmux pipe-pane', () => {
  let server: TmuxTestServer;
  const dir = mkdtempSync(join(tmpdir(), 'ns-pipe-'));
  const events: TmuxEvent[] = [];
  const cwd = dir;
  const read = (file: string) => readFileSync(file, 'latin1');
  const newPane = (window: string) =>
    server.tmux.createPane({ session: 'pipes', window, cwd, cols: 100, rows: 30 });

  beforeAll(async () => {
    server = await startTmuxServer();
    server.tmux.onEvent((e) => events.push(e));
  });
  afterAll(async () => {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs every byte a program printed, from its very first, when armed before start', async () => {
    const paneId = await newPane('first-byte');
    const log = join(dir, 'logs', 'first-byte.log');
    await server.tmux.pipe(paneId, log);
    expect((await server.tmux.listPanes('pipes'))[0]?.piped).toBe(true);
    await server.tmux.start(paneId, { command: printSequence(2000), cwd });
    const want = expectedSequence(2000);
    await waitFor(() => read(log).length >= want.length, 'the whole sequence in the log');
    expect(read(log)).toBe(want);
  });

  it('keeps logging across a restart: the new program’s output follows the old one’s in the same file', async () => {
    const paneId = await newPane('restart');
    const log = join(dir, 'restart.log');
    await server.tmux.pipe(paneId, log);
    await server.tmux.start(paneId, { command: printSequence(50, 3), cwd });
    await waitFor(
      async () => (await server.tmux.capture([paneId])).get(paneId)?.dead,
      'the first program to exit',
    );
    await server.tmux.start(paneId, { command: printSequence(60), cwd });
    const want = expectedSequence(50) + expectedSequence(60);
    await waitFor(() => read(log).length >= want.length, 'both runs in the log');
    // tmux writes nothing of its own into the pipe, not even the "Pane is dead" line
    expect(read(log)).toBe(want);
    expect(events.filter((e) => e.type === 'pipe-rearmed')).toEqual([]);
  });

  it('tmux 3.3a itself keeps a pipe open across respawn-pane -k (checked without the start guard)', async () => {
    const paneId = await newPane('raw-respawn');
    const log = join(dir, 'raw.log');
    await server.tmux.pipe(paneId, log);
    await server.run(['respawn-pane', '-k', '-t', paneId, printSequence(10)]);
    expect(await server.run(['display-message', '-p', '-t', paneId, '#{pane_pipe}'])).toBe('1\n');
    await waitFor(() => read(log) === expectedSequence(10), 'the respawned program in the log');
  });

  it('re-arms a pipe that was closed before the program runs, and says so', async () => {
    const paneId = await newPane('rearm');
    const log = join(dir, 'rearm.log');
    await server.tmux.pipe(paneId, log);
    await server.run(['pipe-pane', '-t', paneId]); // closes it, as a future tmux does when a pane dies
    expect(await server.run(['display-message', '-p', '-t', paneId, '#{pane_pipe}'])).toBe('0\n');
    await server.tmux.start(paneId, { command: printSequence(300), cwd });
    const want = expectedSequence(300);
    await waitFor(() => read(log).length >= want.length, 'the sequence in the re-armed log');
    expect(read(log)).toBe(want);
    expect(events).toContainEqual({ type: 'pipe-rearmed', paneId, file: log });
  });

  it('remembers a pipe asked for on a dead pane and arms it when the pane is started', async () => {
    const paneId = await newPane('dead');
    await server.tmux.start(paneId, { command: 'exit 7', cwd });
    await waitFor(async () => (await server.tmux.capture([paneId])).get(paneId)?.dead, 'the pane to die');
    const log = join(dir, 'dead.log');
    await server.tmux.pipe(paneId, log); // tmux refuses pipe-pane on a dead pane
    expect((await server.tmux.listPanes('pipes')).find((p) => p.paneId === paneId)?.piped).toBe(false);
    await server.tmux.start(paneId, { command: printSequence(5), cwd });
    await waitFor(() => read(log) === expectedSequence(5), 'the restarted program in the log');
  });

  it('pipes into paths with quotes, #, $ and spaces, and never toggles a running pipe off', async () => {
    const paneId = await newPane('odd-path');
    const log = join(dir, `it's #1 $HOME {x}`, 'a b.log');
    await server.tmux.pipe(paneId, log);
    await server.tmux.pipe(paneId, log); // pipe-pane -o would have closed it here
    await server.tmux.start(paneId, { command: printSequence(3), cwd, env: { GREETING: "it's #{x}" } });
    await waitFor(() => read(log) === expectedSequence(3), 'output in the oddly named log');
    expect((await server.tmux.listPanes('pipes')).find((p) => p.paneId === paneId)?.piped).toBe(true);
  });

  it('starts a program in its cwd with its env, without a pipe too', async () => {
    const paneId = await newPane('env');
    const sub = mkdtempSync(join(dir, 'cwd-#{x}-'));
    await server.tmux.start(paneId, {
      command: 'printf "%s|%s|%s\\n" "$PWD" "$GREETING" "$OTHER"; exec sleep 600',
      cwd: sub,
      env: { GREETING: "it's #{x} $HOME", OTHER: 'two words' },
    });
    const screen = await waitFor(
      async () => (await server.tmux.capture([paneId])).get(paneId)?.lines[0] || undefined,
      'the printed env',
    );
    expect(screen).toBe(`${sub}|it's #{x} $HOME|two words`);
  });

  it('does the same through one process per command (control mode off)', async () => {
    const tmux = createTmux({ socket: server.socket, control: false });
    const paneId = await tmux.createPane({ session: 'pipes', window: 'processes', cwd, cols: 100, rows: 30 });
    const log = join(dir, 'processes.log');
    await tmux.pipe(paneId, log);
    await server.run(['pipe-pane', '-t', paneId]); // closed: the guard in the pane re-arms it
    await tmux.start(paneId, { command: printSequence(100), cwd });
    await waitFor(() => read(log) === expectedSequence(100), 'the sequence in the log');
    expect(tmux.transport()).toBe('process');
  });

  it('fails clearly when the log cannot be written', async () => {
    const paneId = await newPane('bad-path');
    await expect(server.tmux.pipe(paneId, join(dir, 'restart.log', 'x.log'))).rejects.toMatchObject({
      code: 'TMUX_FAILED',
      message: expect.stringContaining('cannot write the pane log'),
    });
  });
});
