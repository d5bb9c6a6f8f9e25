// Issue 25's "delivered means delivered", asserted on what the model API received: every kickoff and nudge the
// night journaled as verified is in the conversation exactly once, as a user turn of its own (not glued to another
// text, not sent twice). Each agent says how to read the user turns out of its API's requests.
import { expect } from 'vitest';
import { actions, mainRequests } from './conditions.js';
import type { Received } from './fake-api/server.js';
import type { ScenarioResult } from './scenario.js';

/** The plugins whose typed text is a message to the model. */
const MESSAGES = new Set(['kickoff', 'nudge']);

/**
 * The user turns of the conversation as the API last saw it: the main request whose history holds the most user
 * turns (each request carries the whole history; a retry carries the same), read by the agent's `turns`.
 */
export function conversation(received: readonly Received[], turns: (body: unknown) => string[]): string[] {
  let longest: string[] = [];
  for (const request of mainRequests(received)) {
    const seen = turns(request.body);
    if (seen.length >= longest.length) longest = seen;
  }
  return longest;
}

/** The text the door types for a message: its non-empty lines joined by spaces. */
const typed = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .join(' ')
    .trim();

/**
 * Asserts that every verified kickoff and nudge reached the model once, as its own user turn: a text sent k times
 * verified (and u times unverified, which may or may not have arrived) is in the conversation k to k+u times.
 */
export function deliveredOnce(result: ScenarioResult, turns: (body: unknown) => string[]): void {
  const said = conversation(result.received, turns).map((t) => t.trim());
  const sends = actions(result.journal).filter((a) => MESSAGES.has(a.plugin) && a.action === 'type');
  for (const text of new Set(sends.filter((a) => a.verified).map((a) => typed(a.text)))) {
    const same = sends.filter((a) => typed(a.text) === text);
    const verified = same.filter((a) => a.verified).length;
    const times = said.filter((t) => t === text).length;
    expect(
      times >= verified && times <= same.length,
      `"${text.slice(0, 60)}", journaled verified ${verified} time(s) (${same.length} sent), reached the model ${times} time(s) as its own user turn; the model got: ${JSON.stringify(said)}`,
    ).toBe(true);
  }
}
