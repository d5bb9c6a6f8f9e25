import { describe, expect, it } from 'vitest';
import { goneSnapshot, hashScreen, toSnapshot } from '../../core/screen/snapshot.js';
import type { RawCapture } from '../../core/tmux/types.js';

const at = new Date('2026-11-21T02:00:00Z');

function raw(lines: string[], o: Partial<RawCapture> = {}): RawCapture {
  return {
    paneId: '%1',
    lines,
    cursorX: 2,
    cursorY: 1,
    cursorVisible: true,
    width: 80,
    height: lines.length,
    dead: false,
    deadStatus: undefined,
    inMode: false,
    alternateOn: false,
    currentCommand: 'node',
    pid: 7,
    tty: '/dev/pts/1',
    piped: true,
    ...o,
  };
}

describe('toSnapshot', () => {
  it('freezes a copy of the rows and hashes rows and cursor', () => {
    const lines = ['working', '> '];
    const s = toSnapshot('builder', raw(lines), at);
    expect(s.hash).toBe(hashScreen(lines, 2, 1));
    expect(s.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.isFrozen(s) && Object.isFrozen(s.lines)).toBe(true);
    expect(s.lines).not.toBe(lines);
  });

  it('keeps the sha1 hash format: the first 16 hex digits of sha1(rows joined by LF, NUL, "x,y")', () => {
    expect(hashScreen(['a', 'b'], 3, 4)).toBe('3977565fc65029dd'); // journals of earlier versions keep matching
  });

  it("shares an unchanged screen's rows and hash with the previous snapshot", () => {
    const previous = toSnapshot('builder', raw(['working', '> ']), at);
    const later = new Date(at.getTime() + 2000);
    const s = toSnapshot('builder', raw(['working', '> ']), later, previous);
    expect(s.lines).toBe(previous.lines);
    expect(s.hash).toBe(previous.hash);
    expect(s.at).toBe(later);
  });

  it.each<[string, RawCapture]>([
    ['a changed row', raw(['done', '> '])],
    ['a moved cursor', raw(['working', '> '], { cursorX: 3 })],
    ['one row more', raw(['working', '> ', ''])],
  ])('hashes again after %s', (_, next) => {
    const previous = toSnapshot('builder', raw(['working', '> ']), at);
    const s = toSnapshot('builder', next, at, previous);
    expect(s.hash).toBe(hashScreen(next.lines, next.cursorX, next.cursorY));
    expect(s.hash).not.toBe(previous.hash);
  });

  it('hashes a screen after a gone pane', () => {
    const s = toSnapshot('builder', raw(['']), at, goneSnapshot('builder', '%1', at));
    expect(s.hash).toBe(hashScreen([''], 2, 1));
  });
});
