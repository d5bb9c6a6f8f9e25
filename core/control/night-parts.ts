// What a night's control route may use of the running night, and the shape of a route maker (see night-routes.ts).
import type { Logger } from 'pino';
import type { Config } from '../../config/schema.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import type { Guard } from '../guard/types.js';
import type { NewJournalEvent } from '../journal/events.js';
import type { TickDeps } from '../watch/tick.js';
import type { ControlRoute } from './routes.js';

/** What a route may use of the running night. */
export interface NightParts {
  readonly config: Config;
  readonly night: { readonly id: string; readonly runDir: string };
  /** every agent of the night, with its pane and status */
  readonly agents: readonly AgentRuntime[];
  /** the watch's parts: actuator (the one way to a pane), classifier, plugin host, journal, look-again */
  readonly watch: TickDeps;
  readonly guard: Guard;
  /** false when the event could not be written (disk full) */
  readonly journal: (event: NewJournalEvent) => boolean | void;
  readonly log: Logger;
  readonly now: () => Date;
}

/** Builds one route for a night. */
export type NightRouteMaker = (night: NightParts) => ControlRoute<unknown, unknown>;
