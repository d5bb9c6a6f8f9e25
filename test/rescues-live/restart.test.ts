import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFleet } from '../helpers/fleet.js';
import {
  BUILT_INS,
  INTERVAL_MS,
  at,
  eventsOf,
  fixtureAgent,
  needsYouFor,
  recorded,
  runNight,
} from './helpers.js';

// An agent that crashes a second after every start. `restart` waits 1 s, then 2 s, then 4 s (factor 2) and gives up
// at the 4th exit (max 3 within the window).
const DELAY_MS = 1000;
const FACTOR = 2;
const MAX = 3;

describe('restart against real tmux', () => {
  const fleet = makeFleet([fixtureAgent('crasher', 'crashes', '--after 1000 --status 3')], {
    plugins: BUILT_INS.map((p) =>
      p === 'restart' ? { name: p, options: { delay: '1s', factor: FACTOR, max: MAX, window: '5m' } } : p,
    ),
  });
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    // 4 starts, 3 backoffs (1 + 2 + 4 s) and the give-up take ≈15 s on a quiet machine: the night leaves room for a busy one
    night = await runNight(fleet, '45s');
  }, 120_000);
  afterAll(() => fleet.cleanup());

  it('restarts the crashed agent with its resume command, up to the limit', () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    const restarts = eventsOf(night.events, 'agent-restarted', 'crasher');
    expect(restarts.map((r) => [r.attempt, r.plugin])).toEqual([
      [1, 'restart'],
      [2, 'restart'],
      [3, 'restart'],
    ]);
    expect(restarts.every((r) => / --continue( |$)/.test(r.command))).toBe(true);
    // what the fixture saw: a first start and three resumed ones, each ending in the crash
    const records = recorded(fleet, 'crasher');
    expect(records.filter((r) => r.event === 'start').map((r) => r.resumed)).toEqual([
      false,
      true,
      true,
      true,
    ]);
    expect(records.filter((r) => r.event === 'exit').map((r) => r.status)).toEqual([3, 3, 3, 3]);
  });

  it('backs off: each restart waits delay × factor^(n-1) after the exit was found', () => {
    // Lower bounds only are exact (the plugin never restarts before its wait is over); the upper bound allows the
    // wait plus a few watch intervals of scheduling delay on a shared machine, and still fails without backoff
    // (a restart right away) or with one far beyond the configured schedule.
    const exits = eventsOf(night.events, 'finding', 'crasher').filter((f) => f.kind === 'exited');
    const restarts = eventsOf(night.events, 'agent-restarted', 'crasher');
    expect(exits).toHaveLength(MAX + 1);
    restarts.forEach((r, i) => {
      const wait = DELAY_MS * FACTOR ** i;
      const gap = at(r) - at(exits[i]!);
      expect(gap).toBeGreaterThanOrEqual(wait);
      expect(gap).toBeLessThanOrEqual(wait + 4 * INTERVAL_MS);
    });
  });

  it('gives up after the limit, escalates once, and the report says so', () => {
    const exits = eventsOf(night.events, 'finding', 'crasher').filter((f) => f.kind === 'exited');
    const [givenUp, ...more] = eventsOf(night.events, 'agent-given-up', 'crasher');
    expect(more).toEqual([]);
    expect(givenUp).toMatchObject({ plugin: 'restart', restarts: MAX });
    expect(at(givenUp!)).toBeGreaterThanOrEqual(at(exits[MAX]!));
    expect(eventsOf(night.events, 'escalation', 'crasher')).toEqual([
      expect.objectContaining({ plugin: 'restart', kind: 'given-up', urgent: true }),
    ]);
    // nothing was tried after giving up
    expect(
      night.events.filter(
        (e) =>
          at(e) > at(givenUp!) &&
          'agent' in e &&
          e.agent === 'crasher' &&
          /action|restart|refusal/.test(e.type),
      ),
    ).toEqual([]);
    const [item, ...others] = needsYouFor(night.report, 'crasher');
    expect(others).toEqual([]);
    expect(item).toContain('nightshift stopped trying');
    expect(item).toContain('exited 4 times');
    expect(night.report).toMatch(/\| \*\*crasher\*\* \| given up \|/);
  });
});
