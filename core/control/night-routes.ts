// The night's control routes: each feature that answers requests from outside the runner (`hook`, `answer`, `status`)
// adds one maker to NIGHT_ROUTES; the night registers them all when it opens its endpoint.
import type { Logger } from 'pino';
import type { Config } from '../../config/schema.js';
import type { AgentRuntime } from '../agent-runtime.js';
import type { Guard } from '../guard/types.js';
import type { NewJournalEvent } from '../journal-events.js';
import type { TickDeps } from '../tick.js';
import { hookRoute } from '../hooks/route.js';
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

/** Every route the runner answers during a night. Add a feature's maker here. */
export const NIGHT_ROUTES: readonly NightRouteMaker[] = [hookRoute];
