import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFleet } from '../helpers/fleet.js';
import { BUILT_INS, eventsOf, fixtureAgent, recorded, runNight } from './helpers.js';

// The door's own unsent text never blocks an agent for good (issue 25), in real tmux: `late` lays out a read of
// several keys 8 s after it came during its first 10 s (real Claude Code at load 16–30 showed a long nudge's wrapped
// text that late), so the first kickoff's text is not in the box when the door checks it before Enter. The door
// presses no Enter, waits for its own text to land and clears it, and a later attempt delivers the task once. (On a
// loaded machine the door's looks before Enter can outlast the 8 s: then it sees the text land and sends it at once;
// either way no Enter reaches the program before the text it submits is on screen.)
// Before this, the text landed after the door gave up and every later send was refused as "text that was never sent".
const TASK =
  'Work through every task in TASKS.md in order, run the tests after each one, and append a status entry to COORDINATION.md when a task is done';

describe('text the program lays out late is taken back, not left to block the input (real tmux)', () => {
  const fleet = makeFleet(
    [fixtureAgent('late', 'lays-out-text-late', '--layout 8000 --slow-for 10000', { task: TASK })],
    { plugins: BUILT_INS },
  );
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    night = await runNight(fleet, '30s');
  }, 180_000);
  afterAll(() => fleet.cleanup());

  const events = (event: string) => recorded(fleet, 'late').filter((r) => r.event === event);

  it('the program was slow with the first attempt (the race was run)', () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    expect(events('late').length).toBeGreaterThan(0);
  });

  it('the task reached the program exactly once, whole, and is journaled verified once', () => {
    expect(events('message').filter((m) => m.text === TASK)).toHaveLength(1);
    expect(events('message').filter((m) => m.text !== TASK && m.text?.includes(TASK.slice(0, 20)))).toEqual(
      [],
    );
    const sends = eventsOf(night.events, 'action', 'late').filter((a) => a.plugin === 'kickoff');
    expect(sends.map((a) => [a.action, a.text, a.verified])).toEqual([['type', TASK, true]]);
  });

  it('no Enter reached the program before its text was laid out, and a refused attempt says its text was taken back', () => {
    expect(events('enter-early'), 'an Enter pressed on text the screen did not show').toEqual([]);
    // what a refused attempt saw on screen was its own text, never text another attempt typed in the meantime (a
    // later tick's attempt while this one still waits is refused as 'not-ready': one action at a time per pane)
    const refusals = eventsOf(night.events, 'refusal', 'late').filter(
      (r) => r.plugin === 'kickoff' && r.why === 'screen',
    );
    for (const refusal of refusals)
      expect(refusal.reason).toMatch(
        /Enter was not pressed (and the text was cleared|.*takes the text back)/,
      );
  });
});
