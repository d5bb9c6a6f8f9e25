import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFleet } from '../helpers/fleet.js';
import { BUILT_INS, eventsOf, fixtureAgent, recorded, runNight } from './helpers.js';

// A night whose regular tick comes once a minute, so within its 12 s only the first one runs: every dialog after it
// is seen because the pane's output woke the night (core/watch/output-wake.ts), not because a tick came round.
describe('wake on output against real tmux', () => {
  const fleet = makeFleet(
    [fixtureAgent('safe', 'asks-permission', '--command "npm test" --count 3 --work 1000')],
    { plugins: BUILT_INS, watch: { interval: '60s' } },
  );
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    night = await runNight(fleet, '12s');
  }, 180_000);
  afterAll(() => fleet.cleanup());

  it('every dialog drawn between regular ticks is answered once, with Enter, while it is on screen', () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    const records = recorded(fleet, 'safe');
    expect(records.filter((r) => r.event === 'answered').map((r) => [r.id, r.choice])).toEqual([
      ['safe-1', 'Yes'],
      ['safe-2', 'Yes'],
      ['safe-3', 'Yes'],
    ]);
    expect(records.filter((r) => r.event === 'key').map((k) => [k.key, k.showing])).toEqual([
      ['Enter', 'dialog:safe-1'],
      ['Enter', 'dialog:safe-2'],
      ['Enter', 'dialog:safe-3'],
    ]);
    expect(eventsOf(night.events, 'action', 'safe').map((a) => [a.plugin, a.action])).toEqual([
      ['auto-confirm', 'answer'],
      ['auto-confirm', 'answer'],
      ['auto-confirm', 'answer'],
    ]);
  });
});
