// send-keys on a real server: literal text arrives byte for byte, key names arrive as keys.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTmux } from '../../core/tmux/index.js';
import type { TmuxClient } from '../../core/tmux/types.js';
import { startTmuxServer, type TmuxTestServer } from '../helpers/tmux-server.js';
import { waitFor } from '../helpers/wait.js';

const recorder = join(import.meta.dirname, 'fixtures', 'record-input.mjs');

describe('tmux send', () => {
  let server: TmuxTestServer;
  let processes: TmuxClient;
  const dir = mkdtempSync(join(tmpdir(), 'ns-send-'));
  let n = 0;

  /** A pane running the raw input recorder; returns its id and a reader for what it received. */
  async function recordingPane(): Promise<{ paneId: string; received: () => string }> {
    const file = join(dir, `input-${++n}.bin`);
    const paneId = await server.tmux.createPane({
      session: 'send',
      window: `rec${n}`,
      cwd: dir,
      cols: 80,
      rows: 10,
    });
    await server.tmux.start(paneId, { command: `'${process.execPath}' '${recorder}' '${file}'`, cwd: dir });
    await waitFor(
      async () => (await server.tmux.capture([paneId])).get(paneId)?.lines[0] === 'READY',
      'the recorder',
    );
    return { paneId, received: () => readFileSync(file, 'utf8') };
  }

  beforeAll(async () => {
    server = await startTmuxServer();
    processes = createTmux({ socket: server.socket, control: false });
  });
  afterAll(async () => {
    await processes?.close();
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const tricky = [
    `it's "quoted" \\ back\\slash`,
    'semi;colon ; and \\; and {braces} }',
    '#comment #{pane_id} ## #[fg=red]',
    '$HOME ${HOME} ~ ~/x',
    '-leading dash',
    '--',
    'tab\there',
    'non-ASCII: café ❯ 日本語 🙂',
    '%end 1 2 1',
    'Enter',
  ];

  it.each(tricky)('types %j exactly, over control mode', async (text) => {
    const pane = await recordingPane();
    await server.tmux.sendText(pane.paneId, text);
    expect(server.tmux.transport()).toBe('control');
    await waitFor(() => pane.received() === text, `the recorder to receive ${JSON.stringify(text)}`, 5000);
  });

  it('types all of them exactly through one process per command too', async () => {
    const pane = await recordingPane();
    const text = tricky.join('|');
    await processes.sendText(pane.paneId, text);
    await waitFor(() => pane.received() === text, 'the recorder to receive the text', 5000);
  });

  it('types line breaks as they are', async () => {
    const pane = await recordingPane();
    await server.tmux.sendText(pane.paneId, 'one\ntwo\r\n');
    await waitFor(() => pane.received() === 'one\ntwo\r\n', 'the recorder to receive both lines', 5000);
  });

  it('presses key names as keys: Enter is a carriage return, literal "Enter" is five letters', async () => {
    const pane = await recordingPane();
    await server.tmux.sendText(pane.paneId, 'Enter');
    await server.tmux.sendKeys(pane.paneId, ['Enter', 'Escape', 'Tab', 'BSpace', 'C-c', 'Space', 'M-x']);
    await waitFor(() => pane.received() === 'Enter\r\x1b\t\x7f\x03 \x1bx', 'the keys', 5000);
  });

  it('presses arrow keys in the program’s cursor-key mode', async () => {
    const pane = await recordingPane();
    await server.tmux.sendKeys(pane.paneId, ['Up', 'Down', 'Right', 'Left']);
    await waitFor(() => pane.received() === '\x1b[A\x1b[B\x1b[C\x1b[D', 'the arrows', 5000);
  });

  it('refuses what is not a key name, and sends nothing', async () => {
    const pane = await recordingPane();
    await expect(server.tmux.sendKeys(pane.paneId, ['Enter', 'y'])).rejects.toMatchObject({
      code: 'TMUX_FAILED',
      message: expect.stringContaining('not key names: "y"'),
    });
    await server.tmux.sendText(pane.paneId, 'x');
    await waitFor(() => pane.received() === 'x', 'only the later text', 5000);
  });

  it('sends nothing for empty text or no keys', async () => {
    const pane = await recordingPane();
    await server.tmux.sendText(pane.paneId, '');
    await server.tmux.sendKeys(pane.paneId, []);
    await server.tmux.sendText(pane.paneId, '.');
    await waitFor(() => pane.received() === '.', 'the marker alone', 5000);
  });

  it('fails as data for a pane that is gone', async () => {
    await expect(server.tmux.sendText('%999', 'x')).rejects.toMatchObject({
      code: 'TMUX_FAILED',
      message: expect.stringContaining('send-keys -t %999'),
    });
  });
});
