// "Delivered" means delivered: every kickoff and nudge that nightshift journaled as submitted and verified reached the
// model API exactly once, as a user turn of its own (not appended to unsent text, not sent twice, not lost). The shared
// runner checks it for every scenario of every agent, from what the fake API received.
import type { JournalEvent } from '../../../core/journal/events.js';
import { actions, mainRequests } from './conditions.js';
import type { Received } from './fake-api/server.js';

/** Text as the model sees it, whatever the box did to spaces and line ends. */
const norm = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The texts nightshift journaled as submitted and verified (typed without Enter does not count), in order. */
export function verifiedSends(events: readonly JournalEvent[]): string[] {
  return actions(events)
    .filter((a) => a.action === 'type' && a.verified === true && a.text !== undefined)
    .filter((a) => !a.reason.startsWith('typed '))
    .map((a) => norm(a.text!));
}

/**
 * Each user turn the API saw, once: a turn is known by its place in the conversation and every turn before it, so a
 * retried request or the next request carrying the same history adds nothing, and a resumed conversation's new turns
 * are new. (A conversation started afresh with the same first turn is not told apart from a retry.)
 */
export function distinctUserTurns(received: readonly Received[]): string[][] {
  const seen = new Map<string, string[]>();
  for (const request of mainRequests(received)) {
    const turns = (request.userTurns ?? []).map((parts) => parts.map(norm));
    turns.forEach((parts, i) => {
      const key = JSON.stringify(turns.slice(0, i + 1));
      if (!seen.has(key)) seen.set(key, parts);
    });
  }
  return [...seen.values()];
}

/** What went wrong with the verified sends, one line each; empty when each reached the model once, on its own. */
export function deliveryProblems(events: readonly JournalEvent[], received: readonly Received[]): string[] {
  const sends = verifiedSends(events);
  const sent = new Set(sends);
  const turns = distinctUserTurns(received);
  const problems: string[] = [];
  for (const text of sent) {
    const journaled = sends.filter((s) => s === text).length;
    const carrying = turns.filter((parts) => parts.includes(text));
    if (carrying.length !== journaled)
      problems.push(
        `"${text.slice(0, 80)}" was journaled as delivered ${journaled}× but reached the model ${carrying.length}×`,
      );
    for (const parts of carrying)
      if (parts.length !== 1)
        problems.push(
          `"${text.slice(0, 80)}" shared its user turn with ${JSON.stringify(parts.slice(0, 4))}`,
        );
  }
  return problems;
}

/** Verified sends whose user turn the API has not seen yet (the runner waits a little for them). */
export function undelivered(events: readonly JournalEvent[], received: readonly Received[]): string[] {
  const turns = distinctUserTurns(received);
  return [...new Set(verifiedSends(events))].filter((text) => !turns.some((parts) => parts.includes(text)));
}
