// Wall-clock times in a time zone turned into instants: IANA names (via Intl), fixed offsets, common abbreviations.

/** Hours from UTC of abbreviations programs print; ambiguous ones (IST, CST) take their most common reading. */
const ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  UT: 0,
  WET: 0,
  BST: 1,
  WEST: 1,
  CET: 1,
  MET: 1,
  CEST: 2,
  MEST: 2,
  EET: 2,
  EEST: 3,
  MSK: 3,
  IST: 5.5,
  PKT: 5,
  ICT: 7,
  WIB: 7,
  SGT: 8,
  HKT: 8,
  AWST: 8,
  JST: 9,
  KST: 9,
  ACST: 9.5,
  AEST: 10,
  AEDT: 11,
  NZST: 12,
  NZDT: 13,
  HST: -10,
  AKST: -9,
  AKDT: -8,
  PST: -8,
  PDT: -7,
  MST: -7,
  MDT: -6,
  CST: -6,
  CDT: -5,
  EST: -5,
  EDT: -4,
  AST: -4,
  ADT: -3,
  NST: -3.5,
  BRT: -3,
  ART: -3,
};

const FIXED = /^(?:GMT|UTC|UT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** A time zone as a function from an instant to its offset from UTC in ms, or undefined when the name means nothing. */
export type Zone = (at: number) => number;

/** Resolves `America/New_York`, `Etc/GMT+5`, `GMT-3`, `UTC+5:30`, `PST`, `UTC` to a Zone; undefined when unknown. */
export function zoneOf(name: string): Zone | undefined {
  const trimmed = name.trim();
  const fixed = FIXED.exec(trimmed);
  if (fixed) {
    const ms = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) * 60_000;
    return () => ms;
  }
  const abbreviation = ABBREVIATIONS[trimmed.toUpperCase()];
  if (abbreviation !== undefined && !trimmed.includes('/')) return () => abbreviation * 3_600_000;
  const format = formatterFor(trimmed);
  if (!format) return undefined;
  return (at) => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const asUtc = Date.UTC(
      parts.year!,
      parts.month! - 1,
      parts.day!,
      parts.hour! % 24,
      parts.minute!,
      parts.second!,
    );
    return asUtc - Math.floor(at / 1000) * 1000;
  };
}

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return f;
}

/** The zone of this machine (TZ), by IANA name. */
export function machineZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The instant at which the wall clock in `zone` shows the given date and time (month 0-based; overflow rolls over). */
export function wallTime(
  zone: Zone,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): number {
  const guess = Date.UTC(year, month, day, hour, minute);
  let t = guess - zone(guess);
  t = guess - zone(t);
  return t;
}

/** The calendar date the wall clock in `zone` shows at `at`. */
export function localDate(zone: Zone, at: number): { year: number; month: number; day: number } {
  const local = new Date(at + zone(at));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth(), day: local.getUTCDate() };
}
