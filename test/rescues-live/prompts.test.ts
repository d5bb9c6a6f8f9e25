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
  type Recorded,
} from './helpers.js';

// One real night on a private tmux server: an agent asking a safe permission three times, one asking to delete the
// home directory, one waiting at a sudo password prompt. Each fixture records every key that reaches its pane.
describe('prompts against real tmux', () => {
  const fleet = makeFleet(
    [
      fixtureAgent('safe', 'asks-permission', '--command "npm test" --count 3 --work 1000'),
      fixtureAgent('risky', 'asks-permission', "--command 'rm -rf ~/' --count 1"),
      fixtureAgent('sudoer', 'asks-password'),
    ],
    { plugins: BUILT_INS },
  );
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    night = await runNight(fleet, '14s');
  }, 180_000);
  afterAll(() => fleet.cleanup());

  const keys = (name: string) => recorded(fleet, name).filter((r) => r.event === 'key');
  const byId = (records: Recorded[], event: string) =>
    new Map(records.filter((r) => r.event === event).map((r) => [r.id!, r]));

  it('the night ran and ended normally', () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    expect(eventsOf(night.events, 'night-end')).toHaveLength(1);
  });

  it('a safe prompt is answered once, with Enter, and the agent continues to its next dialog', () => {
    const records = recorded(fleet, 'safe');
    const shown = byId(records, 'shown');
    const answered = byId(records, 'answered');
    expect([...shown.keys()]).toEqual(['safe-1', 'safe-2', 'safe-3']);
    expect([...answered.values()].map((r) => [r.id, r.choice])).toEqual([
      ['safe-1', 'Yes'],
      ['safe-2', 'Yes'],
      ['safe-3', 'Yes'],
    ]);
    expect(records.filter((r) => r.event === 'continued').map((r) => r.id)).toEqual([
      'safe-1',
      'safe-2',
      'safe-3',
    ]);
    // exactly one key per dialog, and only while that dialog was on screen
    expect(keys('safe').map((k) => [k.key, k.showing])).toEqual([
      ['Enter', 'dialog:safe-1'],
      ['Enter', 'dialog:safe-2'],
      ['Enter', 'dialog:safe-3'],
    ]);
    const answers = eventsOf(night.events, 'action', 'safe');
    expect(answers.map((a) => [a.plugin, a.action, a.keys, a.rule, a.verified])).toEqual(
      Array(3).fill(['auto-confirm', 'answer', ['Enter'], 'claude-code.permission', true]),
    );
  });

  it('a safe prompt is answered within two watch intervals (plus the 0.5 s stability look)', () => {
    // A dialog is seen on the first tick after it appears (≤ 1 interval), confirmed by a second look 0.5 s later
    // (`prompt`'s `stable`), then answered in the same tick: about 2 intervals here. The machine is shared (2 cores,
    // other test files running), so the bound allows 4 more intervals of scheduling delay; an answer that waits for
    // a later tick, a cooldown or a retry loop still fails it.
    const answers = eventsOf(night.events, 'action', 'safe');
    const shown = [...byId(recorded(fleet, 'safe'), 'shown').values()];
    expect(answers).toHaveLength(shown.length);
    shown.forEach((s, i) => {
      const latency = at(answers[i]!) - s.t;
      expect(latency).toBeGreaterThanOrEqual(500);
      expect(latency).toBeLessThanOrEqual(2 * INTERVAL_MS + 500 + 4 * INTERVAL_MS);
    });
  });

  it('a dangerous prompt (rm -rf ~/) is never answered, is escalated once, and is on the "needs you" list', () => {
    expect(recorded(fleet, 'risky').filter((r) => r.event === 'shown')).toHaveLength(1);
    expect(keys('risky')).toEqual([]);
    expect(eventsOf(night.events, 'action', 'risky')).toEqual([]);
    expect(eventsOf(night.events, 'escalation', 'risky')).toEqual([
      expect.objectContaining({ plugin: 'dangerous', kind: 'blocked-command', command: 'rm -rf ~/' }),
    ]);
    const [item, ...more] = needsYouFor(night.report, 'risky');
    expect(more).toEqual([]);
    expect(item).toContain('`rm -rf ~/`');
    expect(item).toContain('Review the command the guard blocked');
  });

  it('a secret prompt is never answered, is escalated once as secret, and is on the "needs you" list', () => {
    expect(recorded(fleet, 'sudoer').filter((r) => r.event === 'start')).toHaveLength(1);
    expect(keys('sudoer')).toEqual([]);
    expect(eventsOf(night.events, 'action', 'sudoer')).toEqual([]);
    expect(eventsOf(night.events, 'escalation', 'sudoer')).toEqual([
      expect.objectContaining({ plugin: 'escalate', kind: 'secret' }),
    ]);
    const [item, ...more] = needsYouFor(night.report, 'sudoer');
    expect(more).toEqual([]);
    expect(item).toContain('nightshift never answers secret prompts');
  });
});
