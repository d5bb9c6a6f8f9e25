// The replay on synthetic byte streams: the cases that are hard to provoke with real programs.
import { describe, expect, it } from 'vitest';
import {
  lineShape,
  replayStream,
  timeAtOffset,
  type ReplayOptions,
  type TranscriptLine,
} from '../../reports/index.js';

async function replay(data: string | Buffer, options: Partial<ReplayOptions> & { pieces?: number } = {}) {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  const size = options.pieces ?? bytes.length;
  async function* source() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const lines: TranscriptLine[] = [];
  const result = await replayStream(source(), { size: { cols: 40, rows: 6 }, ...options }, (l) =>
    lines.push(l),
  );
  return { lines, texts: lines.map((l) => l.text), screen: result.screen, bytes: result.bytes };
}

const numbered = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\r\n`).join('');

describe('replay', () => {
  it('keeps lines a program erases with CSI 3J (erase scrollback)', async () => {
    const { texts } = await replay(`${numbered(1, 20)}\x1b[3J\x1b[2J\x1b[H${numbered(21, 30)}`);
    for (let i = 1; i <= 24; i++) expect(texts).toContain(`line ${i}`);
  });

  it('keeps the screen at a clear, like tmux scroll-on-clear', async () => {
    const { texts, screen } = await replay(`first\r\nsecond\r\n\x1b[H\x1b[2Jafter`);
    expect(texts).toEqual(['first', 'second']);
    expect(screen.lines[0]).toBe('after');
  });

  it('drops a reprint of history after a clear', async () => {
    const { texts } = await replay(
      `${numbered(1, 12)}\x1b[2J\x1b[3J\x1b[H${numbered(1, 12)}${numbered(13, 20)}`,
    );
    expect(texts.filter((t) => t === 'line 3')).toHaveLength(1);
    expect(texts).toContain('line 14');
  });

  it('ends the reprint at the first new line: a repeated line after it is kept', async () => {
    const { texts } = await replay(
      `${numbered(1, 12)}\x1b[2J\x1b[3J\x1b[H${numbered(1, 12)}new work\r\nline 5\r\n${numbered(30, 40)}`,
    );
    expect(texts.filter((t) => t === 'line 5')).toHaveLength(2);
    expect(texts.filter((t) => t === 'line 2')).toHaveLength(1);
  });

  it('collapses a status line redrawn frame after frame into its last version', async () => {
    let data = '';
    for (let f = 0; f < 30; f++) data += `\x1b[H\x1b[2Jheader\r\n⠋ Working (${f}s)\r\n> `;
    data += '\x1b[H\x1b[2Jdone\r\n';
    const { texts } = await replay(data);
    expect(texts).toEqual(['header', '⠋ Working (29s)', '>']);
  });

  it("keeps a frame's rows in their order when a status line above them is held", async () => {
    const frame = (f: number) => `\x1b[H\x1b[2J● Ran the tests\r\n✻ Thinking (${f}s)\r\n● Wrote notes.md\r\n`;
    const { texts } = await replay(frame(1) + frame(2) + '\x1b[H\x1b[2J● Done\r\n' + numbered(1, 8));
    expect(texts.slice(0, 4)).toEqual(['● Ran the tests', '✻ Thinking (2s)', '● Wrote notes.md', '● Done']);
  });

  it('gives each row of a cleared screen the offset of the write that finished it', async () => {
    const a = 'early\r\n';
    const b = 'late\r\n';
    const { lines } = await replay(`${a}${b}\x1b[H\x1b[2J`, { cuts: [a.length, a.length + b.length] });
    expect(lines.map((l) => [l.text, l.offset])).toEqual([
      ['early', a.length],
      ['late', a.length + b.length],
    ]);
  });

  it('reassembles UTF-8 split across writes, one byte at a time', async () => {
    const { texts } = await replay(`日本語 ✓ café\r\n${numbered(1, 6)}`, { pieces: 1 });
    expect(texts[0]).toBe('日本語 ✓ café');
  });

  it('joins wrapped rows into one line', async () => {
    const long = 'x'.repeat(95);
    const { texts } = await replay(`${long}\r\n${numbered(1, 6)}`);
    expect(texts[0]).toBe(long);
  });

  it("keeps a full-screen program's last frame when it leaves, with a marker", async () => {
    const { lines, screen } = await replay(
      `shell\r\n\x1b[?1049h\x1b[Hmenu item 1\r\nmenu item 2\x1b[?1049lback\r\n`,
    );
    expect(lines.map((l) => [l.source, l.text])).toEqual([
      ['marker', '[full-screen program]'],
      ['alternate', 'menu item 1'],
      ['alternate', 'menu item 2'],
    ]);
    expect(screen.lines.slice(0, 2)).toEqual(['shell', 'back']);
    expect(screen.alternate).toBe(false);
  });

  it('follows a resize at its offset', async () => {
    const before = `${'y'.repeat(30)}\r\n`;
    const { screen } = await replay(before + 'z'.repeat(70), {
      resizes: [{ offset: Buffer.byteLength(before), cols: 80, rows: 6 }],
    });
    expect(screen.cols).toBe(80);
    expect(screen.lines[1]).toBe('z'.repeat(70));
  });

  it('gives each line the offset of the write that finished it (cut at the journal marks)', async () => {
    const a = 'one\r\ntwo\r\n';
    const b = 'three\r\n';
    const { lines } = await replay(a + b + numbered(1, 8), { cuts: [a.length, a.length + b.length] });
    expect(lines.slice(0, 3).map((l) => [l.text, l.offset])).toEqual([
      ['one', a.length],
      ['two', a.length],
      ['three', a.length + b.length],
    ]);
  });
});

describe('timeAtOffset', () => {
  const marks = [
    { offset: 0, at: new Date('2026-04-10T23:00:00Z') },
    { offset: 1000, at: new Date('2026-04-10T23:00:30Z') },
    { offset: 1000, at: new Date('2026-04-10T23:01:00Z') },
    { offset: 3000, at: new Date('2026-04-10T23:01:30Z') },
  ];
  it.each([
    [0, '2026-04-10T23:00:00.000Z'],
    [500, '2026-04-10T23:00:15.000Z'],
    [2000, '2026-04-10T23:01:15.000Z'],
    [9999, '2026-04-10T23:01:30.000Z'],
  ])('places byte %i at %s', (offset, iso) => {
    expect(timeAtOffset(marks, offset)?.toISOString()).toBe(iso);
  });
  it('is undefined without marks', () => expect(timeAtOffset([], 5)).toBeUndefined());
});

describe('lineShape', () => {
  it.each([
    ['✻ Thinking… (12s)', '✻ Thinking… (13s)'],
    ['⠋ Working · 45% · 1.2k tokens', '⠙ Working · 46% · 1.3k tokens'],
  ])('sees %s and %s as one line redrawn', (a, b) => expect(lineShape(a)).toBe(lineShape(b)));
});
