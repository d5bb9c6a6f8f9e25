// Snapshots on a real server: screen rows and every flag, in one batch, the same over control mode and processes.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTmux } from '../../core/tmux/index.js';
import type { RawCapture, TmuxClient } from '../../core/tmux/types.js';
import { startTmuxServer, type TmuxTestServer } from '../helpers/tmux-server.js';
import { waitFor } from '../helpers/wait.js';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const node = (name: string) => `'${process.execPath}' '${fixture(name)}'`;

describe('tmux capture', () => {
  let server: TmuxTestServer;
  let processes: TmuxClient;
  const panes: Record<string, string> = {};

  /** Creates a pane running `command` and waits until `ready` holds for its capture. */
  async function paneRunning(
    name: string,
    command: string,
    ready: (c: RawCapture) => boolean,
    size = { cols: 80, rows: 12 },
  ): Promise<string> {
    const paneId = await server.tmux.createPane({ session: 'cap', window: name, cwd: '/tmp', ...size });
    await server.tmux.start(paneId, { command, cwd: '/tmp' });
    await waitFor(async () => {
      const c = (await server.tmux.capture([paneId])).get(paneId);
      return c && ready(c);
    }, `pane ${name} to be ready`);
    panes[name] = paneId;
    return paneId;
  }

  beforeAll(async () => {
    server = await startTmuxServer();
    processes = createTmux({ socket: server.socket, control: false });
    await paneRunning(
      'text',
      `printf 'hello   \\nwide ❯ café\\n\\n  indented\\nabc'; exec sleep 600`,
      (c) => c.lines[3] === '  indented' && c.currentCommand === 'sleep',
      { cols: 40, rows: 8 },
    );
    await paneRunning('dead', 'echo bye; exit 3', (c) => c.dead);
    await paneRunning('alt', node('alt-screen.mjs'), (c) => c.alternateOn);
    await paneRunning('lookalike', fixture('protocol-lookalike.sh'), (c) => c.lines.includes('after'));
    await paneRunning('mode', 'seq 1 50; exec sleep 600', (c) => c.lines.includes('50'));
    await server.run(['copy-mode', '-t', panes.mode!]);
  });
  afterAll(async () => {
    await processes?.close();
    await server?.kill();
  });

  it('gives exactly pane-height rows, trailing spaces trimmed, and the cursor', async () => {
    const c = (await server.tmux.capture([panes.text!])).get(panes.text!)!;
    expect(c.lines).toEqual(['hello', 'wide ❯ café', '', '  indented', 'abc', '', '', '']);
    expect(c).toMatchObject({
      width: 40,
      height: 8,
      cursorX: 3,
      cursorY: 4,
      cursorVisible: true,
      dead: false,
      inMode: false,
      alternateOn: false,
      currentCommand: 'sleep',
      piped: false,
    });
    expect(c.pid).toBeGreaterThan(1);
    expect(c.tty).toMatch(/^\/dev\//);
  });

  it('reports a dead pane and its exit status (remain-on-exit)', async () => {
    const c = (await server.tmux.capture([panes.dead!])).get(panes.dead!)!;
    expect(c).toMatchObject({ dead: true, deadStatus: 3 });
    // tmux writes its notice on the last row after a line feed, which scrolls the top row ("bye") into the history
    expect(c.lines[c.height - 1]).toMatch(/^Pane is dead \(status 3, /);
  });

  it('reports the alternate screen and copy mode', async () => {
    const got = await server.tmux.capture([panes.alt!, panes.mode!]);
    expect(got.get(panes.alt!)).toMatchObject({ alternateOn: true, currentCommand: 'node', inMode: false });
    expect(got.get(panes.alt!)!.lines[0]).toBe('ALT-SCREEN');
    expect(got.get(panes.mode!)).toMatchObject({ inMode: true, alternateOn: false });
  });

  it('is not confused by pane lines that look like %end, %error, %begin or %exit', async () => {
    const c = (await server.tmux.capture([panes.lookalike!])).get(panes.lookalike!)!;
    expect(c.lines.slice(0, 6).map((l) => l.replace(/\d{9,}/, 'T'))).toEqual([
      '%end T 1 1',
      '%error T 2 1',
      '%begin T 3 1',
      '%exit',
      '%output %1 hello',
      'after',
    ]);
    expect(c.lines).toHaveLength(12);
    // the connection is still in step: the next answers belong to the next commands
    expect(await server.tmux.command(['display-message', '-p', 'still #{session_name}'])).toEqual([
      'still cap',
    ]);
    expect(server.tmux.transport()).toBe('control');
  });

  it('captures many panes in one batch and leaves out panes that are gone', async () => {
    const ids = [...Object.values(panes), '%999'];
    const got = await server.tmux.capture(ids);
    expect([...got.keys()]).toEqual(Object.values(panes));
    expect(await server.tmux.capture([])).toEqual(new Map());
  });

  it('a look at a few panes (the flags of each alone) reads the same as the whole batch', async () => {
    const all = await server.tmux.capture([...Object.values(panes), '%999']);
    const few = await server.tmux.capture([panes.text!, '%999', panes.dead!]);
    expect([...few.keys()]).toEqual([panes.text, panes.dead]);
    expect(few.get(panes.text!)).toEqual(all.get(panes.text!));
    expect(few.get(panes.dead!)).toEqual(all.get(panes.dead!));
  });

  it('gives the same capture over one process per command as over control mode', async () => {
    const ids = Object.values(panes);
    const viaControl = await server.tmux.capture(ids);
    expect(server.tmux.transport()).toBe('control');
    const viaProcesses = await processes.capture(ids);
    expect(processes.transport()).toBe('process');
    expect(viaProcesses).toEqual(viaControl);
  });
});
