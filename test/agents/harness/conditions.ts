// Small predicates scenarios are written with: when a scenario is over, and what the API received.
import type { JournalEvent } from '../../../core/journal/events.js';
import type { Received } from './fake-api/server.js';
import type { Live } from './scenario.js';

/** The main-conversation requests, in order. */
export const mainRequests = (received: readonly Received[]) => received.filter((r) => r.kind === 'main');

/** The API was asked for script turn `n` (so turn n-1's tool call came back with its result). */
export const apiReached =
  (n: number) =>
  (live: Live): boolean =>
    mainRequests(live.received).some((r) => (r.turn ?? -1) >= n);

/** The journal has an event matching `match`. */
export const journaled =
  (match: (e: JournalEvent) => boolean) =>
  (live: Live): boolean =>
    live.events().some(match);

/** nightshift escalated something for the agent, or refused an action. */
export const escalatedOrRefused = journaled((e) => e.type === 'escalation' || e.type === 'refusal');

/** The newest screen matches `pattern`. */
export const screenShows =
  (pattern: RegExp) =>
  (live: Live): boolean =>
    pattern.test(live.screens.at(-1)?.text ?? '');

/** Every condition holds. */
export const all =
  (...conditions: ((live: Live) => boolean)[]) =>
  (live: Live): boolean =>
    conditions.every((c) => c(live));

/** Any condition holds. */
export const any =
  (...conditions: ((live: Live) => boolean)[]) =>
  (live: Live): boolean =>
    conditions.some((c) => c(live));

/** The actions nightshift sent to the agent's pane (answers, typed text, keys). */
export const actions = (events: readonly JournalEvent[]) =>
  events.filter((e): e is Extract<JournalEvent, { type: 'action' }> => e.type === 'action' && !e.dryRun);
