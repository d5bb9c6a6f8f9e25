// Transcripts of real programs run in tmux, compared with tmux's own capture of the same pane.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayLog, type TranscriptLine } from '../../reports/transcript/index.js';
import {
  capture,
  startLoggedPane,
  startTmux,
  waitForLog,
  waitForScreen,
  type TmuxServer,
} from './helpers/tmux-recorder.js';

const programs = resolve(import.meta.dirname, '../fixtures/reports/programs');
const size = { cols: 80, rows: 24 };

let server: TmuxServer;
let dir: string;

beforeAll(async () => {
  server = await startTmux();
  dir = mkdtempSync(join(tmpdir(), 'ns-transcript-'));
});

afterAll(async () => {
  await server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function replay(log: string) {
  const lines: TranscriptLine[] = [];
  const result = await replayLog(log, { size, chunkBytes: 4096 }, (l) => lines.push(l));
  return { lines, screen: result.screen };
}

/** Transcript then screen rows joined where they wrap, trailing blank rows dropped: comparable with `capture-pane -J -S -`. */
function dropTrailingBlanks(lines: readonly string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

describe('transcripts of programs run in tmux', () => {
  it('plain scrolling output: transcript and screen are exactly tmux history and screen', async () => {
    const log = join(dir, 'scrolling.log');
    const pane = await startLoggedPane(server, {
      name: 'scroll',
      command: `node ${programs}/scrolling-output.mjs`,
      ...size,
      log,
    });
    await waitForLog(log, 'END-OF-OUTPUT');
    const tmux = await capture(server, pane);
    const { lines, screen } = await replay(log);

    expect(screen.lines).toEqual(tmux.screen);
    expect(lines.every((l) => l.source === 'scroll')).toBe(true);
    // history as tmux joins it = our scrolled lines; the rest is the screen
    const history = dropTrailingBlanks(tmux.all).slice(0, lines.length);
    expect(lines.map((l) => l.text)).toEqual(history);
    expect(lines.map((l) => l.text)).toContain('line 1: compiling module-1.ts');
    expect(lines.find((l) => l.text.startsWith('line 37 long'))?.text).toMatch(/end-37$/);
    expect(lines.map((l) => l.text)).toContain('line 13 wide: 日本語のテキスト café ✓');
  });

  it('a TUI redrawing in place: every permanent line once, no spinner frames, nothing lost to erase-scrollback', async () => {
    const log = join(dir, 'tui.log');
    const pane = await startLoggedPane(server, {
      name: 'tui',
      command: `node ${programs}/redrawing-tui.mjs`,
      ...size,
      log,
    });
    await waitForLog(log, 'END-OF-OUTPUT');
    const tmux = await capture(server, pane);
    const { lines, screen } = await replay(log);

    expect(screen.lines).toEqual(tmux.screen);
    const texts = lines.map((l) => l.text);
    const all = [...texts, ...screen.lines];
    for (let step = 1; step <= 40; step++) {
      const line = `● step ${step}: edited src/file-${step}.ts`;
      expect(all).toContain(line);
      expect(texts.filter((l) => l === line).length).toBeLessThanOrEqual(1);
    }
    expect(all.filter((l) => l.includes('Working on step'))).toEqual([]);
    // everything tmux kept is in the transcript or on screen
    for (const line of tmux.all.filter((l) => l.trim() !== '')) expect(all).toContain(line);
  });

  it('a full-screen program (vim on the alternate screen): final screen matches while it runs and after it quits', async () => {
    const log = join(dir, 'vim.log');
    const file = join(dir, 'notes.txt');
    const text = Array.from({ length: 8 }, (_, i) => `note ${i + 1}: remember the milk`).join('\n');
    const command = `printf 'before vim\\r\\n'; printf '${text.replace(/\n/g, '\\n')}\\n' > ${file}; vim -u NONE -N -n ${file}; printf 'after vim END-OF-OUTPUT\\r\\n'; exec sleep 600`;
    const pane = await startLoggedPane(server, { name: 'vim', command, ...size, log });
    await waitForScreen(server, pane, 'note 8: remember the milk');

    const during = await capture(server, pane);
    const whileRunning = await replay(log);
    expect(whileRunning.screen.alternate).toBe(true);
    expect(whileRunning.screen.lines).toEqual(during.screen);

    await server.tmux('send-keys', '-t', pane, 'Escape', ':q!', 'Enter');
    await waitForLog(log, 'after vim END-OF-OUTPUT');
    const after = await capture(server, pane);
    const { lines, screen } = await replay(log);
    expect(screen.alternate).toBe(false);
    expect(screen.lines).toEqual(after.screen);
    const texts = lines.map((l) => l.text);
    expect(texts).toContain('[full-screen program]');
    expect(texts).toContain('note 8: remember the milk');
    expect(lines.find((l) => l.text === 'note 1: remember the milk')?.source).toBe('alternate');
  });
});
