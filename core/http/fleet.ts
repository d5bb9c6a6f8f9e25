// The endpoint's view of the runner: the night now open (if any), the metrics its events move, and the pages
// streaming its status. As a NightObserver every call returns at once: a page is redrawn from a timer, and only
// while one is connected.
import type { Config } from '../../config/schema.js';
import type { NightObserver, ObservedNight } from '../night/observer.js';
import type { NewJournalEvent } from '../journal/events.js';
import { FleetMetrics, outboxDirOf } from './metrics.js';
import { fleetStatus, type FleetStatus } from './status-view.js';
import { StatusStreams } from './stream.js';

/** A burst of events is sent to the pages once, this long after the first. */
const PUBLISH_DELAY_MS = 150;
/** Without events, the pages still get the screens refreshed this often (on a tick). */
const REFRESH_MS = 5000;

/** Replaces secrets in a text, like the report does. */
export type Redact = (text: string) => string;

/** The fleet as the endpoint sees it. */
export class Fleet implements NightObserver {
  readonly metrics: FleetMetrics;
  readonly streams = new StatusStreams();
  #night: ObservedNight | undefined;
  #timer: NodeJS.Timeout | undefined;
  #published = 0;

  constructor(
    readonly config: Config,
    readonly redact: Redact,
    readonly now: () => Date = () => new Date(),
  ) {
    this.metrics = new FleetMetrics(() => this.status(), outboxDirOf(config.stateDir));
  }

  /** The night open now, if any. */
  get night(): ObservedNight | undefined {
    return this.#night;
  }

  /** The status now, every string redacted. */
  status(): FleetStatus {
    return redactDeep(
      fleetStatus({ config: this.#night?.config ?? this.config, night: this.#night, now: this.now() }),
      this.redact,
    );
  }

  open(night: ObservedNight): void {
    this.#night = night;
    this.metrics.open(night.agents.map((a) => a.config.name));
    this.#soon();
  }

  event(event: NewJournalEvent, at: Date): void {
    this.metrics.event(event, at);
    if (event.type !== 'pipe') this.#soon();
  }

  tick(ms: number): void {
    this.metrics.tick(ms);
    if (this.streams.size && Date.now() - this.#published >= REFRESH_MS) this.#soon();
  }

  close(): void {
    this.#night = undefined;
    this.#soon();
  }

  /** Stops the timer and ends every stream. */
  shutdown(): void {
    clearTimeout(this.#timer);
    this.streams.close();
  }

  /** Sends the status to the pages shortly (once for a burst of calls); nothing when no page is connected. */
  #soon(): void {
    if (!this.streams.size || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#published = Date.now();
      try {
        this.streams.publish(JSON.stringify(this.status()));
      } catch {
        // a status that cannot be built now is sent on the next change
      }
    }, PUBLISH_DELAY_MS);
    this.#timer.unref();
  }
}

/** A copy of `value` with `redact` applied to every string in it. */
export function redactDeep<T>(value: T, redact: Redact): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  return value;
}
