import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFleet } from '../helpers/fleet.js';
import { BUILT_INS, at, eventsOf, fixtureAgent, recorded, runNight } from './helpers.js';

// An agent that waits at its input box; after each message it works a second and waits again. `idle` reports it
// after 1 s unchanged, `nudge` types its continue message at most twice (max 2 per hour), backing off ×2.
const CONTINUE = 'Carry on with TASKS.md; append your status to COORDINATION.md when blocked.';

describe('nudge against real tmux', () => {
  const fleet = makeFleet([fixtureAgent('idler', 'waits-at-input', '--work 1000', { continue: CONTINUE })], {
    plugins: BUILT_INS.map((p) =>
      p === 'idle'
        ? { name: p, options: { after: '1s' } }
        : p === 'nudge'
          ? { name: p, options: { after: '1s', max: 2, window: '1h', factor: 2 } }
          : p,
    ),
  });
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    // long enough that the idle time after the second nudge outlasts the backoff also on a loaded machine
    night = await runNight(fleet, '20s');
  }, 180_000);
  afterAll(() => fleet.cleanup());

  it('an idle agent gets its continue message, typed into its input box and submitted', () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    const messages = recorded(fleet, 'idler').filter((r) => r.event === 'message');
    expect(messages.map((m) => m.text)).toEqual([CONTINUE, CONTINUE]);
    // every key arrived while the input box was up: nothing was typed into the agent while it worked
    const keys = recorded(fleet, 'idler').filter((r) => r.event === 'key');
    expect(keys.filter((k) => k.showing !== 'input')).toEqual([]);
    expect(keys.filter((k) => k.key === 'Enter')).toHaveLength(2);
  });

  it('is nudged at most `max` times, though it stayed idle long enough for more', () => {
    const nudges = eventsOf(night.events, 'action', 'idler').filter((a) => a.plugin === 'nudge');
    expect(nudges.map((n) => [n.action, n.text, n.verified])).toEqual([
      ['type', CONTINUE, true],
      ['type', CONTINUE, true],
    ]);
    // after the second nudge the agent worked 1 s, then sat idle to the end of the night: far longer than the
    // 1 s `after` × 2² backoff a third nudge would have needed
    const end = at(eventsOf(night.events, 'night-end')[0]!);
    expect(end - at(nudges[1]!)).toBeGreaterThan(1000 + 4 * 1000);
  });

  it('backs off: the second nudge comes at least `after` × factor after the first', () => {
    const [first, second] = eventsOf(night.events, 'action', 'idler').filter((a) => a.plugin === 'nudge');
    expect(at(second!) - at(first!)).toBeGreaterThanOrEqual(2 * 1000);
  });
});
