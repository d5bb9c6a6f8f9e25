import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFleet } from '../helpers/fleet.js';
import { BUILT_INS, eventsOf, fixtureAgent, recorded, runNight } from './helpers.js';

// `parked` against real programs in real tmux: a question menu with a free-text choice gets the `answer` through
// that choice once it has waited `after`; a blocked force push is refused with the agent's own No and the agent gets
// `decline` as its next message; with `after: never` nothing at all reaches either.
const ANSWER =
  'Nobody can answer until morning: pick the safest choice, note it in the coordination file, carry on.';
const DECLINE = 'That needs a person. Leave it for the morning and go on with the rest of your work.';
const plugins = (after: string) =>
  BUILT_INS.flatMap((p) =>
    p === 'dangerous' ? [{ name: 'parked', options: { after, answer: ANSWER, decline: DECLINE } }, p] : [p],
  );
const agents = [
  fixtureAgent('asker', 'asks-question-with-free-text'),
  fixtureAgent('pusher', 'asks-permission', "--command 'git push --force origin main' --count 1"),
];

describe('parked after 2s, against real tmux', () => {
  const fleet = makeFleet(agents, { plugins: plugins('2s') });
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    night = await runNight(fleet, '14s');
  }, 90_000);
  afterAll(() => fleet.cleanup());

  it("answers the question through its own free-text choice: the program receives the text as the question's answer", () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    const records = recorded(fleet, 'asker');
    expect(records.filter((r) => r.event === 'answered').map((r) => r.text)).toEqual([ANSWER]);
    expect(records.filter((r) => r.event === 'chosen')).toEqual([]);
    // every key reached the question (nothing was typed into anything else), the first two only moved the highlight
    const keys = records.filter((r) => r.event === 'key');
    expect(keys.slice(0, 2).map((k) => k.key)).toEqual(['Down', 'Down']);
    expect(keys.every((k) => k.showing === 'question')).toBe(true);
    const answers = eventsOf(night.events, 'action', 'asker');
    expect(answers.map((a) => [a.plugin, a.action, a.text, a.verified])).toEqual([
      ['parked', 'answer', ANSWER, true],
    ]);
  });

  it("refuses the blocked force push with the agent's own No, and the agent's next message is `decline`", () => {
    const records = recorded(fleet, 'pusher');
    expect(records.filter((r) => r.event === 'answered').map((r) => r.choice)).toEqual(['No']);
    expect(records.filter((r) => r.event === 'message').map((r) => r.text)).toEqual([DECLINE]);
    const actions = eventsOf(night.events, 'action', 'pusher');
    expect(actions.map((a) => [a.plugin, a.action, a.keys ?? a.text])).toEqual([
      ['parked', 'decline', ['Escape']],
      ['parked', 'type', DECLINE],
    ]);
    // escalated first, while it waited
    expect(eventsOf(night.events, 'escalation', 'pusher').map((e) => e.kind)).toEqual(['blocked-command']);
  });

  it('the report lists each park with what it was, how long it waited and how it ended', () => {
    expect(night.report).toMatch(/^## Parks \(2\) · \d+ min lost to parks$/m);
    expect(night.report).toMatch(/^\| asker \| question \| [\d:]+ \| \d+m \| answered by policy \|$/m);
    expect(night.report).toMatch(
      /^\| pusher \| held command: git push --force origin main \| [\d:]+ \| \d+m \| declined by policy \|$/m,
    );
  });
});

describe('parked with after: never, against real tmux', () => {
  const fleet = makeFleet(agents, { plugins: plugins('never') });
  let night: Awaited<ReturnType<typeof runNight>>;
  beforeAll(async () => {
    night = await runNight(fleet, '8s');
  }, 90_000);
  afterAll(() => fleet.cleanup());

  it('types nothing into either: both stay escalated', () => {
    expect(night.result.exitCode, night.result.all).toBe(0);
    for (const agent of ['asker', 'pusher'])
      expect(recorded(fleet, agent).filter((r) => r.event === 'key')).toEqual([]);
    expect(eventsOf(night.events, 'action')).toEqual([]);
    expect(eventsOf(night.events, 'escalation').map((e) => [e.agent, e.kind])).toEqual(
      expect.arrayContaining([
        ['asker', 'other'],
        ['pusher', 'blocked-command'],
      ]),
    );
    expect(night.report).toMatch(/^\| asker \| question \| .* \| still waiting at dawn \|$/m);
    expect(night.report).toMatch(/^\| pusher \| held command: .* \| still waiting at dawn \|$/m);
  });
});
