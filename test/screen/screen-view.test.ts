import { describe, expect, it } from 'vitest';
import { viewOf } from '../../core/screen/screen-view.js';
import { toSnapshot } from '../../core/screen/snapshot.js';
import type { RawCapture } from '../../core/tmux/types.js';

const raw = (lines: string[], cursor = { x: 4, y: 3 }): RawCapture => ({
  paneId: '%1',
  lines,
  cursorX: cursor.x,
  cursorY: cursor.y,
  cursorVisible: true,
  width: 60,
  height: lines.length,
  dead: false,
  deadStatus: undefined,
  inMode: false,
  alternateOn: false,
  currentCommand: 'claude',
  pid: 1,
  tty: '',
  piped: true,
});

const first = [
  '⏺ Reading the tests.',
  '✻ Working… (3s · esc to interrupt)',
  '╭──────────────────────╮',
  '│ >\u00a0                   │',
  '╰──────────────────────╯',
  '  ∙ ? for shortcuts',
];

/** Each case: the screen an agent showed before, then the one it shows now. */
const cases: { name: string; before: RawCapture; now: RawCapture }[] = [
  {
    name: 'a spinner row changed',
    before: raw(first),
    now: raw(first.map((r, i) => (i === 1 ? '✻ Working… (5s · esc to interrupt)' : r))),
  },
  {
    name: 'the rows moved up one',
    before: raw(first),
    now: raw([...first.slice(1), '│ ⏺ a new row   │']),
  },
  { name: 'only the cursor moved', before: raw(first), now: raw(first, { x: 5, y: 3 }) },
  { name: 'a shorter screen', before: raw(first), now: raw(first.slice(0, 3)) },
];

describe("a screen's view, built from the agent's last view", () => {
  it.each(cases)('$name: the same view a fresh look at the screen gets', ({ name, before, now }) => {
    const at = new Date('2026-12-07T01:00:00Z');
    const previous = toSnapshot(`agent ${name}`, before, at);
    viewOf(previous);
    const looked = viewOf(toSnapshot(`agent ${name}`, now, at, previous));
    const fresh = viewOf(toSnapshot(`another agent ${name}`, now, at));
    expect(looked).toEqual(fresh);
  });

  it('an unchanged screen (its snapshot shares the rows) takes the last view whole', () => {
    const at = new Date('2026-12-07T01:00:00Z');
    const previous = toSnapshot('unchanged', raw(first), at);
    const seen = viewOf(previous);
    const again = toSnapshot('unchanged', raw([...first]), new Date(at.getTime() + 2000), previous);
    expect(again.lines).toBe(previous.lines);
    expect(viewOf(again)).toBe(seen);
    const resized = toSnapshot('unchanged', { ...raw([...first]), width: 40 }, at, previous);
    expect(viewOf(resized).width).toBe(40);
  });
});
