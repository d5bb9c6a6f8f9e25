// Clock arithmetic in the night's time zone, with Intl only (no date library).

/** A wall-clock reading in some time zone. `month` is 1-12. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at instant `date`. */
export function wallClock(date: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(date))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The instant at which the wall clock in `timeZone` reads `clock` (the earlier one when a DST change repeats it). */
export function fromWallClock(clock: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const seen = wallClock(new Date(guess), timeZone);
    const seenUtc = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    const diff = asUtc - seenUtc;
    if (diff === 0) break;
    guess += diff;
  }
  return new Date(guess);
}

/** Adds whole days to a calendar date (month and year roll over). */
export function addDays(clock: WallClock, days: number): WallClock {
  const d = new Date(Date.UTC(clock.year, clock.month - 1, clock.day + days));
  return { ...clock, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `23:45` in the night's time zone. */
export function formatClock(date: Date, timeZone: string): string {
  const c = wallClock(date, timeZone);
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

/** `2026-04-11` in the night's time zone. */
export function formatDay(date: Date, timeZone: string): string {
  const c = wallClock(date, timeZone);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dayName(c: WallClock): string {
  return `${WEEKDAYS[new Date(Date.UTC(c.year, c.month - 1, c.day)).getUTCDay()]} ${c.day}`;
}

/** The night as people say it: `Fri 10 – Sat 11 Apr 2026`, or `Sat 11 Apr 2026` when it stays within one day. */
export function formatNightSpan(start: Date, end: Date, timeZone: string): string {
  const s = wallClock(start, timeZone);
  const e = wallClock(end, timeZone);
  const tail = `${MONTHS[e.month - 1]} ${e.year}`;
  if (s.year === e.year && s.month === e.month && s.day === e.day) return `${dayName(e)} ${tail}`;
  const head = s.month === e.month && s.year === e.year ? dayName(s) : `${dayName(s)} ${MONTHS[s.month - 1]}`;
  return `${head} – ${dayName(e)} ${tail}`;
}

/** Whole minutes in a span of milliseconds, rounded. */
export function minutes(ms: number): number {
  return Math.round(ms / 60_000);
}
