import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFleet } from '../helpers/fleet.js';
import { BUILT_INS, eventsOf, fixtureAgent, needsYouFor, recorded, runNight } from './helpers.js';

// `dangerous` with `action: decline`: the agent asks to force-push; nightshift answers No with the profile's deny key
// (Escape), then types its fixed note into the agent's input box, and escalates. The fixture records what it got.
const NOTE = 'Never force-push. Open a pull request instead and leave the merge to a human.';

describe('dangerous with action: decline, against real tmux', () => {
  const fleet = makeFleet(
    [fixtureAgent('pusher', 'asks-permission', "--command 'git push --force origin main' --count 1")],
    {
      actuator: { cooldown: '3s', enterDelay: '100ms' }, // the default cooldown: the note must not wait behind it
      plugins: BUILT_INS.map((p) =>
        p === 'dangerous' ? { name: p, options: { action: 'decline', note: NOTE } } : p,
      ),
    },
  );
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    night = await runNight(fleet, '8s');
  }, 180_000);
  afterAll(() => fleet.cleanup());

  it('declines with Escape, never approves, then the agent gets the note in its input box', () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    const records = recorded(fleet, 'pusher');
    expect(records.filter((r) => r.event === 'answered').map((r) => [r.id, r.choice])).toEqual([
      ['pusher-1', 'No'],
    ]);
    const keys = records.filter((r) => r.event === 'key');
    expect(keys[0]).toMatchObject({ key: 'Escape', showing: 'dialog:pusher-1' });
    expect(keys.slice(1).every((k) => k.showing === 'input')).toBe(true);
    expect(records.filter((r) => r.event === 'message').map((r) => r.text)).toEqual([NOTE]);
  });

  it('journals the decline and the note, and escalates the command once', () => {
    const actions = eventsOf(night.events, 'action', 'pusher');
    expect(actions.map((a) => [a.plugin, a.action, a.keys ?? a.text])).toEqual([
      ['dangerous', 'decline', ['Escape']],
      ['dangerous', 'type', NOTE],
    ]);
    expect(eventsOf(night.events, 'escalation', 'pusher')).toEqual([
      expect.objectContaining({ kind: 'blocked-command', command: 'git push --force origin main' }),
    ]);
    expect(needsYouFor(night.report, 'pusher').join('\n')).toContain('`git push --force origin main`');
  });
});
