// croner jobs for the night's start and the report, in the configured time zone, never overlapping.
import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { Config } from '../../config/schema.js';

/** A night's window. */
export interface NightWindow {
  readonly start: Date;
  readonly end: Date;
}

const DEFAULT_NIGHT_MS = 8 * 3_600_000;

/** The end of a night that starts at `start`: `start + duration`, or the next `night.end` cron after it. */
export function nightEnd(config: Config, start: Date): Date {
  if (config.night.end) {
    const next = new Cron(config.night.end, { timezone: config.timezone, paused: true }).nextRun(start);
    if (next) return next;
  }
  return new Date(start.getTime() + (config.night.duration ?? DEFAULT_NIGHT_MS));
}

/** The night in progress at `at`, if any (so a restarted runner resumes it). */
export function nightInProgress(config: Config, at: Date): NightWindow | undefined {
  const start = new Cron(config.night.start, { timezone: config.timezone, paused: true }).previousRuns(
    1,
    at,
  )[0];
  if (!start) return undefined;
  const end = nightEnd(config, start);
  return at < end ? { start, end } : undefined;
}

/** The next night to start after `at`. */
export function nextNight(config: Config, after: Date): NightWindow | undefined {
  const start = new Cron(config.night.start, { timezone: config.timezone, paused: true }).nextRun(after);
  return start ? { start, end: nightEnd(config, start) } : undefined;
}

export interface SchedulerOptions {
  readonly config: Config;
  readonly log: Logger;
  /** runs a night (and, without `report.at`, its report); the scheduler never starts two at once */
  readonly runNight: (window: NightWindow) => Promise<void>;
  /** compiles and delivers the latest night's report at `report.at` */
  readonly runReport?: () => Promise<void>;
  /** periodic housekeeping (the outbox), every minute */
  readonly housekeeping?: () => Promise<void>;
  readonly now?: () => Date;
}

/** The daemon's clock: starts nights on schedule, resumes one in progress, fires the report. */
export class Scheduler {
  readonly #o: SchedulerOptions;
  readonly #jobs: Cron[] = [];
  #running: Promise<void> | undefined;
  /** start times of nights already run: a clock jump back must not run the same night twice */
  readonly #started = new Set<number>();

  constructor(options: SchedulerOptions) {
    this.#o = options;
  }

  /** Starts the jobs; if a night is in progress right now, runs it at once. */
  start(): void {
    const { config, log } = this.#o;
    const now = this.#o.now?.() ?? new Date();
    const current = nightInProgress(config, now);
    if (current) this.launch(current);
    this.#jobs.push(
      new Cron(
        config.night.start,
        {
          name: 'night',
          timezone: config.timezone,
          protect: true,
          catch: (e) => log.error({ err: e }, 'night job failed'),
        },
        (job: Cron) => {
          const start = job.currentRun() ?? new Date();
          this.launch({ start, end: nightEnd(config, start) });
        },
      ),
    );
    if (config.report.at && this.#o.runReport) {
      const runReport = this.#o.runReport;
      this.#jobs.push(
        new Cron(
          config.report.at,
          {
            name: 'report',
            timezone: config.timezone,
            protect: true,
            catch: (e) => log.error({ err: e }, 'report job failed'),
          },
          () => runReport(),
        ),
      );
    }
    if (this.#o.housekeeping) {
      const housekeeping = this.#o.housekeeping;
      this.#jobs.push(
        new Cron(
          '* * * * *',
          { name: 'housekeeping', protect: true, catch: (e) => log.warn({ err: e }, 'housekeeping failed') },
          () => housekeeping(),
        ),
      );
    }
    const next = nextNight(config, now);
    log.info(
      { next: next?.start.toISOString(), timezone: config.timezone },
      current ? 'a night is in progress: resuming it' : 'waiting for the next night',
    );
  }

  /** Stops the jobs and waits for a running night to finish its shutdown. */
  async stop(): Promise<void> {
    for (const job of this.#jobs) job.stop();
    await this.#running;
  }

  /** The next time the night job fires. */
  nextRun(): Date | null {
    return this.#jobs[0]?.nextRun() ?? null;
  }

  /** Runs the night of `window` unless one is running or this window already ran (a re-fire, a clock jump back). */
  launch(window: NightWindow): void {
    const key = Math.floor(window.start.getTime() / 60_000);
    if (this.#running || this.#started.has(key)) {
      this.#o.log.warn(
        { start: window.start.toISOString() },
        this.#running
          ? 'a night is still running: not starting another'
          : 'this night already ran: not starting it twice',
      );
      return;
    }
    this.#started.add(key);
    this.#running = this.#o
      .runNight(window)
      .catch((error: unknown) => this.#o.log.error({ err: error }, 'the night failed'))
      .finally(() => (this.#running = undefined));
  }
}
