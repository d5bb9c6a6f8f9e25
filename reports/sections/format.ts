import { formatClock } from '../time.js';

/** `2h 05m`, `45m`, `0m` for a number of minutes (a no-break space keeps it on one line in tables). */
export function formatMinutes(min: number): string {
  if (min < 60) return `${min}m`;
  return `${Math.floor(min / 60)}h\u00a0${String(min % 60).padStart(2, '0')}m`;
}

/** A clock reading bound to the night's time zone. */
export function clockIn(timeZone: string): (date: Date) => string {
  return (date) => formatClock(date, timeZone);
}

/** `1 restart`, `3 restarts`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Cuts a line to `max` characters with an ellipsis. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
