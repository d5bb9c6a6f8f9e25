import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFleet } from '../helpers/fleet.js';
import { BUILT_INS, at, eventsOf, fixtureAgent, recorded, runNight } from './helpers.js';

// The hook channel through a live night: fixture agents (examples/agents/uses-hooks.mjs) run the real hook client
// from the `--settings` file the night wires, against the night's real control socket, in real tmux.
// `hooked` and `denied` draw their permission dialog while their PermissionRequest hook runs, and keep it drawn 3 s
// after the hook's answer, as Claude Code does: the screen path must give it no key. `limited` ends its turn with
// StopFailure `rate_limit` and shows no limit on screen (only its input box; `idle` and `nudge` act after 6 s, so a
// nudge during the limit would show): the tick reads the limit from the channel, wait-for-reset
// waits out the reset its words name (10 s on) plus the margin, then types the continue message once.
const TASK = 'Please do the next task.';
const RESUME = 'The usage limit has reset. Continue where you left off.';
const MARGIN_MS = 1000;

describe('the hook channel in a live night (real tmux, the real hook client)', () => {
  const fleet = makeFleet(
    [
      fixtureAgent('hooked', 'uses-hooks', "--ask 'npm test' --linger 3", { task: TASK }),
      fixtureAgent('denied', 'uses-hooks', "--ask 'rm -rf ~/' --linger 3", { task: TASK }),
      fixtureAgent('limited', 'uses-hooks', '--limit-in 10', { task: TASK, continue: RESUME }),
    ],
    {
      plugins: BUILT_INS.map((p) =>
        p === 'idle' || p === 'nudge'
          ? { name: p, options: { after: '6s' } }
          : p === 'wait-for-reset'
            ? { name: p, options: { margin: '1s', jitter: '0s', recheck: '10s' } }
            : p,
      ),
    },
  );
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    night = await runNight(fleet, '35s');
  }, 240_000);
  afterAll(() => fleet.cleanup());

  const dialogKeys = (name: string) =>
    recorded(fleet, name).filter((r) => r.event === 'key' && r.showing?.startsWith('dialog:'));
  const hookAnswer = (name: string) => recorded(fleet, name).find((r) => r.event === 'hook-answer');

  it('a safe command is allowed through the hook, and its lingering dialog gets no key', () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    expect(hookAnswer('hooked')).toMatchObject({ behavior: 'allow' });
    expect(recorded(fleet, 'hooked').find((r) => r.event === 'decided')).toMatchObject({ by: 'hook' });
    expect(dialogKeys('hooked'), 'no key reached the dialog').toEqual([]);
    const actions = eventsOf(night.events, 'action', 'hooked').filter((a) => a.action === 'answer');
    expect(actions).toEqual([
      expect.objectContaining({ plugin: 'hooks', channel: 'hook', command: 'npm test' }),
    ]);
    // the screen path saw the dialog and left it to the hook (the race this guards against was run)
    const left = eventsOf(night.events, 'refusal', 'hooked').filter((r) => r.why === 'hook');
    expect(left.length, 'the screen path left the dialog to the hook').toBeGreaterThan(0);
    expect(left.every((r) => r.plugin === 'auto-confirm')).toBe(true);
  });

  it('a dangerous command is denied through the hook with the reason, and no key reaches its dialog', () => {
    expect(hookAnswer('denied')).toMatchObject({
      behavior: 'deny',
      message: expect.stringMatching(/A person will look at it in the morning/),
    });
    expect(dialogKeys('denied'), 'no key reached the dialog').toEqual([]);
    expect(eventsOf(night.events, 'refusal', 'denied').filter((r) => r.plugin === 'hooks')).toEqual([
      expect.objectContaining({ channel: 'hook', why: 'guard', command: 'rm -rf ~/' }),
    ]);
    expect(eventsOf(night.events, 'action', 'denied').filter((a) => a.action === 'answer')).toEqual([]);
  });

  it("a StopFailure rate_limit goes through the tick's limit check to wait-for-reset, with the reset from its words", () => {
    const limit = recorded(fleet, 'limited').find((r) => r.event === 'limit')!;
    expect(
      eventsOf(night.events, 'hook-event', 'limited').map((e) => e.event),
      'the channel reported it',
    ).toContain('StopFailure');
    const states = eventsOf(night.events, 'state', 'limited').filter((s) => s.to === 'limit');
    expect(states.length, 'the tick read the agent as limited').toBeGreaterThan(0);
    // "reset in 10 seconds", read when the hook event arrived: within a few seconds of the fixture's own reset time
    const resetAt = Date.parse(states[0]!.resetAt!);
    expect(Math.abs(resetAt - limit.resetAt!)).toBeLessThanOrEqual(5000);
    const [wait, ...more] = eventsOf(night.events, 'wait', 'limited');
    expect(more).toEqual([]);
    expect(wait).toMatchObject({ plugin: 'wait-for-reset' });
    expect(Date.parse(wait!.until)).toBe(resetAt + MARGIN_MS);
  });

  it('types nothing while limited, then resumes once with the continue message', () => {
    const records = recorded(fleet, 'limited');
    const limit = records.find((r) => r.event === 'limit')!;
    expect(records.filter((r) => r.event === 'early')).toEqual([]);
    const resumed = records.filter((r) => r.event === 'resumed');
    expect(resumed.map((r) => r.text)).toEqual([RESUME]);
    expect(resumed[0]!.t).toBeGreaterThanOrEqual(limit.resetAt!);
    const typed = eventsOf(night.events, 'action', 'limited').filter((a) => a.plugin !== 'kickoff');
    expect(typed[0]).toMatchObject({ plugin: 'wait-for-reset', action: 'type', text: RESUME });
    expect(at(typed[0]!)).toBeGreaterThanOrEqual(
      Date.parse(eventsOf(night.events, 'wait', 'limited')[0]!.until),
    );
  });
});
