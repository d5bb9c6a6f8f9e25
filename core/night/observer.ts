// Who watches a night from outside the runner (the HTTP status endpoint, core/http): told when the night opens, of
// each journal event and each tick's duration, and when it closes. An observer must return at once: it never
// blocks the watch loop.
import type { NightParts } from '../control/night-parts.js';
import type { JournalEvent, NewJournalEvent } from '../journal/events.js';
import type { TaskRun } from '../queue/types.js';
import type { NightPlan } from './night-plan.js';

/** What an observer may read of an open night: its parts (agents, the watch's actuator), its plan and its tasks. */
export interface ObservedNight extends NightParts {
  readonly plan: NightPlan;
  /** tonight's queued tasks as they are now (empty without a queue) */
  readonly tasks: () => readonly TaskRun[];
  /** the events the journal held when the night opened (a resumed night) */
  readonly previous: readonly JournalEvent[];
}

/** Watches nights from outside; every call returns at once and never throws into the night. */
export interface NightObserver {
  /** a night opened (after its control endpoint, before its agents start) */
  open(night: ObservedNight): void;
  /** one journal event, as it was written at `at` */
  event(event: NewJournalEvent, at: Date): void;
  /** one watch tick over `agents` agents took `ms` of wall time */
  tick(ms: number, agents: number): void;
  /** the night ended (its journal is closed) */
  close(): void;
}
