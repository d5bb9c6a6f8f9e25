import { join } from 'node:path';

/** When a night runs and where its files go. */
export interface NightPlan {
  /** the night's id: its local start date in the configured time zone, `YYYY-MM-DD` */
  readonly id: string;
  readonly start: Date;
  readonly end: Date;
  readonly runDir: string;
}

/** The local calendar date of `at` in `timezone`, as `YYYY-MM-DD`. */
export function localDate(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The plan of a night starting at `start` and ending at `end`, under `stateDir`. */
export function planNight(stateDir: string, timezone: string, start: Date, end: Date): NightPlan {
  const id = localDate(start, timezone);
  return { id, start, end, runDir: join(stateDir, 'nights', id) };
}
