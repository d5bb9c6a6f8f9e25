import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFleet } from '../helpers/fleet.js';
import { BUILT_INS, INTERVAL_MS, at, eventsOf, fixtureAgent, recorded, runNight } from './helpers.js';

// An agent whose usage limit resets 6 s after it starts ("Your limit will reset in 6 seconds"). `wait-for-reset`
// leaves it alone until the reset plus a 1 s margin, then types its continue message. `idle` and `nudge` are tuned to
// fire after 1 s, so a nudge during the limit would show.
const RESUME = 'The usage limit has reset. Continue where you left off.';
const MARGIN_MS = 1000;

describe('wait-for-reset against real tmux', () => {
  const fleet = makeFleet([fixtureAgent('limited', 'hits-limit', '--reset-in 6', { continue: RESUME })], {
    plugins: BUILT_INS.map((p) =>
      p === 'idle'
        ? { name: p, options: { after: '1s' } }
        : p === 'nudge'
          ? { name: p, options: { after: '1s' } }
          : p === 'wait-for-reset'
            ? { name: p, options: { margin: '1s', jitter: '0s', recheck: '10s' } }
            : p,
    ),
  });
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    night = await runNight(fleet, '14s');
  }, 180_000);
  afterAll(() => fleet.cleanup());

  const limitOf = () => recorded(fleet, 'limited').find((r) => r.event === 'limit')!;

  it('waits until the reset plus the margin, as read from the screen', () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    const [wait, ...more] = eventsOf(night.events, 'wait', 'limited');
    expect(more).toEqual([]);
    expect(wait).toMatchObject({ plugin: 'wait-for-reset', reason: expect.stringContaining('usage limit') });
    // "resets in 6 seconds" counts from when nightshift first saw it (≤ a few intervals after the fixture printed it),
    // rounded to seconds by the fixture: the planned resume lies within that slack of the true reset + margin
    const planned = Date.parse(wait!.until) - (limitOf().resetAt! + MARGIN_MS);
    expect(planned).toBeGreaterThanOrEqual(-1000);
    expect(planned).toBeLessThanOrEqual(4 * INTERVAL_MS + 1000);
  });

  it('types nothing while limited (no nudge, no early resume), then resumes once with the continue message', () => {
    const records = recorded(fleet, 'limited');
    expect(records.filter((r) => r.event === 'early')).toEqual([]);
    const resumed = records.filter((r) => r.event === 'resumed');
    expect(resumed.map((r) => r.text)).toEqual([RESUME]);
    expect(resumed[0]!.t).toBeGreaterThanOrEqual(limitOf().resetAt!);
    const firstKey = records.find((r) => r.event === 'key')!;
    expect(firstKey.t).toBeGreaterThanOrEqual(limitOf().resetAt!);
    const actions = eventsOf(night.events, 'action', 'limited');
    expect(actions[0]).toMatchObject({
      plugin: 'wait-for-reset',
      action: 'type',
      text: RESUME,
      verified: true,
    });
    expect(at(actions[0]!)).toBeGreaterThanOrEqual(
      Date.parse(eventsOf(night.events, 'wait', 'limited')[0]!.until),
    );
  });

  it('the agent picks its work up again after the resume', () => {
    const states = eventsOf(night.events, 'state', 'limited');
    const resumedAt = at(eventsOf(night.events, 'action', 'limited')[0]!);
    expect(states.filter((s) => s.to === 'limit').length).toBeGreaterThanOrEqual(1);
    expect(states.some((s) => s.to === 'busy' && at(s) >= resumedAt)).toBe(true);
  });
});
