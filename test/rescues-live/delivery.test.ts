import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFleet } from '../helpers/fleet.js';
import { BUILT_INS, eventsOf, fixtureAgent, recorded, runNight } from './helpers.js';

// "Delivered" means delivered (issue 25), in real tmux with fixture programs that behave like the real CLIs:
// `slow` draws its input box 3 s before it takes keys (Codex's cold start), `newline` reads an Enter within 150 ms of
// the text as a newline (Gemini), `paste` swallows an Enter within 300 ms of text that arrived in one read (Codex).
// The profile's timing (readyAfter, enterGap) is set for them in the config, as the built-in profiles set it for the
// real programs. Each agent has a night task for `kickoff`; each must receive it exactly once, as its own message.
const TASK = 'Work through TASKS.md and append a status entry to COORDINATION.md after each task';
const AGENTS = {
  slow: ['slow-to-accept-input', '--deaf 3000'],
  newline: ['fast-enter-is-newline', '--gap 150'],
  paste: ['paste-swallows-enter', '--window 300'],
} as const;

describe('kickoff reaches programs that are slow to take input, or take Enter oddly (real tmux)', () => {
  const fleet = makeFleet(
    Object.entries(AGENTS).map(([name, [program, args]]) =>
      fixtureAgent(name, program, args, { task: TASK }),
    ),
    {
      plugins: BUILT_INS,
      profiles: { 'claude-code': { input: { readyAfter: '4s', enterGap: '500ms' } } },
    },
  );
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    night = await runNight(fleet, '14s');
  }, 180_000);
  afterAll(() => fleet.cleanup());

  const events = (name: string, event: string) => recorded(fleet, name).filter((r) => r.event === event);

  it.each(Object.keys(AGENTS))(
    '%s gets the task exactly once, as its own message, journaled verified',
    (name) => {
      expect(night.result.exitCode, night.result.all).toBe(0);
      expect(events(name, 'message').map((m) => m.text)).toEqual([TASK]);
      const sends = eventsOf(night.events, 'action', name).filter((a) => a.plugin === 'kickoff');
      expect(sends.map((a) => [a.action, a.text, a.verified])).toEqual([['type', TASK, true]]);
    },
  );

  it('no key was lost to the slow start, no Enter became a newline, none was swallowed', () => {
    expect(events('slow', 'dropped')).toEqual([]);
    expect(events('newline', 'newline')).toEqual([]);
    expect(events('paste', 'swallowed')).toEqual([]);
  });

  it('the slow program was left alone until its input box had been up for readyAfter', () => {
    const refusals = eventsOf(night.events, 'refusal', 'slow').filter((r) => r.plugin === 'kickoff');
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((r) => r.why === 'not-ready')).toBe(true);
  });
});
