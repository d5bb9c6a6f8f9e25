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

/** One scrape's gauges share one look at the fleet this fresh. */
const GLANCE_FRESH_MS = 250;

/** Unchanged, the status is sent again as it was, for this long (its clock and schedule move on after it). */
const STATUS_FRESH_MS = 1000;
/** Redacted screens remembered (a few nights' fleets); beyond that the memory starts over. */
const REDACTED_KEPT = 512;

/** Replaces secrets in a text, like the report does. */
export type Redact = (text: string) => string;

/** The fleet as the endpoint sees it. */
export class Fleet implements NightObserver {
  readonly metrics: FleetMetrics;
  readonly streams = new StatusStreams();
  #night: ObservedNight | undefined;
  #timer: NodeJS.Timeout | undefined;
  #published = 0;
  #glanced: { at: number; status: FleetStatus } | undefined;
  /** bumped by every change a page could show (a night opening or closing, an event, a tick) */
  #version = 0;
  #statusJson: { version: number; at: number; json: string } | undefined;
  readonly #redacted = new Map<string, string>();

  constructor(
    readonly config: Config,
    readonly redact: Redact,
    readonly now: () => Date = () => new Date(),
  ) {
    this.metrics = new FleetMetrics(() => this.#glance(), outboxDirOf(config.stateDir));
  }

  /** The night open now, if any. */
  get night(): ObservedNight | undefined {
    return this.#night;
  }

  /**
   * The status now as JSON, every string redacted: built once per change of the fleet (a tick, an event) and at most
   * STATUS_FRESH_MS old, however many pages and scrapers read it; a screen is redacted again only when it changed.
   */
  statusJson(): string {
    const t = performance.now();
    const cached = this.#statusJson;
    if (cached && cached.version === this.#version && t - cached.at < STATUS_FRESH_MS) return cached.json;
    const status = fleetStatus({
      config: this.#night?.config ?? this.config,
      night: this.#night,
      now: this.now(),
    });
    const json = JSON.stringify(redactDeep(status, this.#redactScreens));
    this.#statusJson = { version: this.#version, at: t, json };
    return json;
  }

  /** `redact`, remembering the last answer for long texts (screens), so an unchanged screen costs a lookup. */
  readonly #redactScreens: Redact = (text) => {
    if (text.length < 200) return this.redact(text);
    const known = this.#redacted.get(text);
    if (known !== undefined) return known;
    const out = this.redact(text);
    if (this.#redacted.size >= REDACTED_KEPT) this.#redacted.clear();
    this.#redacted.set(text, out);
    return out;
  };

  /** What the gauges read: the fleet without screens, built once for a scrape (several gauges read it in turn). */
  #glance(): FleetStatus {
    const t = performance.now();
    if (this.#glanced && t - this.#glanced.at < GLANCE_FRESH_MS) return this.#glanced.status;
    const status = fleetStatus({
      config: this.#night?.config ?? this.config,
      night: this.#night,
      now: this.now(),
      screens: false,
    });
    this.#glanced = { at: t, status };
    return status;
  }

  open(night: ObservedNight): void {
    this.#version++;
    this.#night = night;
    this.metrics.open(night.agents.map((a) => a.config.name));
    this.#soon();
  }

  event(event: NewJournalEvent, at: Date): void {
    this.#version++;
    this.metrics.event(event, at);
    if (event.type !== 'pipe') this.#soon();
  }

  tick(ms: number): void {
    this.#version++;
    this.metrics.tick(ms);
    if (this.streams.size && Date.now() - this.#published >= REFRESH_MS) this.#soon();
  }

  close(): void {
    this.#version++;
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
        this.streams.publish(this.statusJson());
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
