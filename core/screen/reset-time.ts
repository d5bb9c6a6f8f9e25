// When a usage limit resets, from the words on screen: clock times with or without a zone, dates, durations, epochs.
import { localDate, machineZone, wallTime, zoneOf, type Zone } from './zoned-time.js';

/** What a reset time is measured against. */
export interface ResetTimeOptions {
  /** when the message was (first) seen: relative durations count from here, clock times are the next one after it */
  readonly now: Date;
  /** zone for times printed without one (IANA name); default: this machine's */
  readonly timezone?: string | undefined;
  /** more words that introduce a reset time (regular-expression sources, e.g. `back at`); see RESET_WORDS */
  readonly words?: readonly string[] | undefined;
}

/** Words that introduce a reset time; a profile's `resetWords` adds to them. */
export const RESET_WORDS: readonly string[] = [
  'resets?',
  'reset at',
  'will reset at',
  'try again',
  'available(?: again)?',
  'until',
  'renews?',
];

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY = String.raw`(sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?`;
const WEEKDAY_NC = String.raw`(?:sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?`;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const CLOCK = String.raw`(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?\s?m\b\.?)?`;
const ZONE = String.raw`(?:\s*\(([^)]{1,40})\)|\s+((?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d{2})?|[A-Z][A-Za-z]+/[A-Za-z_+\-/0-9]+|[A-Z]{2,5}\b))?`;
const MONTH = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?`;
const UNIT = String.raw`(?:days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])`;
const DURATION = String.raw`((?:\d+(?:\.\d+)?\s*${UNIT}[\s,]*(?:and\s+)?)+)`;

/** One way reset times are written, and how to turn a match into an instant. */
interface ResetForm {
  readonly name: string;
  readonly re: RegExp;
  readonly toTime: (m: RegExpExecArray, now: number, fallback: Zone) => number | undefined;
}

/** The forms, in the order they are tried, for a set of reset words. */
function formsFor(verb: string): readonly ResetForm[] {
  return [
    {
      name: 'iso',
      re: /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?/g,
      toTime: (m, _now, fallback) => {
        const zone = m[7]
          ? (zoneOf(m[7] === 'Z' ? 'UTC' : /^[+-]/.test(m[7]) ? `UTC${m[7]}` : m[7]) ?? fallback)
          : fallback;
        return wallTime(zone, +m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!) + Number(m[6] ?? 0) * 1000;
      },
    },
    {
      // "resets Dec 2, 7pm (Europe/Moscow)", "resets Jul 27 at 4:30am (Asia/Calcutta)", "try again at Sep 26th, 2026 1:20 AM"
      name: 'date-clock',
      re: new RegExp(
        String.raw`\b${verb}\s+(?:at\s+|on\s+)?(?:${WEEKDAY_NC},?\s+)?${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(?:(\d{4}),?\s+)?(?:at\s+)?${CLOCK}${ZONE}`,
        'gi',
      ),
      toTime: (m, now, fallback) => {
        // groups: 1 month, 2 day, 3 year, 4-6 clock, 7-8 zone
        const clock = clockOf(m[4], m[5], m[6]);
        if (!clock) return undefined;
        const zone = zoneFrom(m[7] ?? m[8], fallback);
        const month = MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase());
        const day = Number(m[2]);
        return onDate(zone, now, m[3], month, day, clock);
      },
    },
    {
      // "resets 24 Nov, 9am (UTC)", "resets on 2 December at 14:00": the day before the month
      name: 'day-month-clock',
      re: new RegExp(
        String.raw`\b${verb}\s+(?:at\s+|on\s+)?(?:${WEEKDAY_NC},?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH},?\s+(?:(\d{4}),?\s+)?(?:at\s+)?${CLOCK}${ZONE}`,
        'gi',
      ),
      toTime: (m, now, fallback) => {
        // groups: 1 day, 2 month, 3 year, 4-6 clock, 7-8 zone
        const clock = clockOf(m[4], m[5], m[6]);
        if (!clock) return undefined;
        const zone = zoneFrom(m[7] ?? m[8], fallback);
        const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase());
        const day = Number(m[1]);
        return onDate(zone, now, m[3], month, day, clock);
      },
    },
    {
      // "resets tomorrow at 9:30am", "available again today at 17:00 (Europe/Berlin)"
      name: 'named-day-clock',
      re: new RegExp(
        String.raw`\b${verb}\s+(?:at\s+|on\s+)?(today|tonight|tomorrow)(?:\s+at)?\s+${CLOCK}${ZONE}`,
        'gi',
      ),
      toTime: (m, now, fallback) => {
        const clock = clockOf(m[2], m[3], m[4]);
        if (!clock) return undefined;
        const zone = zoneFrom(m[5] ?? m[6], fallback);
        const today = localDate(zone, now);
        const day = today.day + (m[1]!.toLowerCase() === 'tomorrow' ? 1 : 0);
        return wallTime(zone, today.year, today.month, day, clock.hour, clock.minute);
      },
    },
    {
      // "resets Monday 9am (UTC)", "resets on Wed at 14:00 (Asia/Tokyo)": the next such day (today if still ahead)
      name: 'weekday-clock',
      re: new RegExp(
        String.raw`\b${verb}\s+(?:at\s+|on\s+)?(?:next\s+)?${WEEKDAY},?\s+(?:at\s+)?${CLOCK}${ZONE}`,
        'gi',
      ),
      toTime: (m, now, fallback) => {
        const clock = clockOf(m[2], m[3], m[4]);
        if (!clock) return undefined;
        const zone = zoneFrom(m[5] ?? m[6], fallback);
        const today = localDate(zone, now);
        const weekday = new Date(Date.UTC(today.year, today.month, today.day)).getUTCDay();
        let ahead = (WEEKDAYS.indexOf(m[1]!.slice(0, 3).toLowerCase()) - weekday + 7) % 7;
        let t = wallTime(zone, today.year, today.month, today.day + ahead, clock.hour, clock.minute);
        if (t <= now)
          t = wallTime(zone, today.year, today.month, today.day + (ahead += 7), clock.hour, clock.minute);
        return t;
      },
    },
    {
      // "resets 5am", "reset at 3pm (America/New_York)", "Access resets at 10:57 PM GMT-3", "try again at 3:31 PM"
      name: 'clock',
      re: new RegExp(String.raw`\b${verb}\s+(?:at\s+)?${CLOCK}${ZONE}`, 'gi'),
      toTime: (m, now, fallback) => {
        const clock = clockOf(m[1], m[2], m[3]);
        if (!clock) return undefined;
        const zone = zoneFrom(m[4] ?? m[5], fallback);
        const today = localDate(zone, now);
        const t = wallTime(zone, today.year, today.month, today.day, clock.hour, clock.minute);
        return t <= now
          ? wallTime(zone, today.year, today.month, today.day + 1, clock.hour, clock.minute)
          : t;
      },
    },
    {
      // "try again in 4 days 6 hours 37 minutes", "reset after 12h22m45s", "Please try again in 2 hours"
      name: 'relative',
      re: new RegExp(String.raw`\b${verb}\s+(?:in|after)\s+${DURATION}`, 'gi'),
      toTime: (m, now) => addDuration(now, m[1]!),
    },
    {
      // "Claude AI usage limit reached|1762952400"
      name: 'epoch',
      re: /\|(\d{13}|\d{10})\b/g,
      toTime: (m) => (m[1]!.length === 13 ? Number(m[1]) : Number(m[1]) * 1000),
    },
    {
      // a bare "in 2h 15m" near the limit sentence
      name: 'bare-relative',
      re: new RegExp(String.raw`\b(?:in|after)\s+${DURATION}`, 'gi'),
      toTime: (m, now) => addDuration(now, m[1]!),
    },
  ];
}

const formCache = new Map<string, readonly ResetForm[]>();

/** The forms for the built-in words plus `extra`, built once per word list. */
function forms(extra: readonly string[] = []): readonly ResetForm[] {
  const key = extra.join('\u0000');
  let list = formCache.get(key);
  if (!list) {
    const words = [...extra, ...RESET_WORDS].map((w) => `(?:${w})`).join('|');
    formCache.set(key, (list = formsFor(`(?:${words})`)));
  }
  return list;
}

/**
 * Parses the reset time in a limit message into an instant. Forms are tried in a fixed order and the last match of the
 * first form that matches wins. A clock time already past means tomorrow; a date without a year means its next
 * occurrence. Undefined when the text gives no time ("Try again later.").
 */
export function parseResetTime(text: string, options: ResetTimeOptions): Date | undefined {
  const flat = text.replace(/[\s\u00a0]+/g, ' ');
  const now = options.now.getTime();
  const fallback = zoneOf(options.timezone ?? machineZone()) ?? zoneOf('UTC')!;
  for (const form of forms(options.words)) {
    const matches = [...flat.matchAll(form.re)];
    for (let i = matches.length - 1; i >= 0; i--) {
      const t = form.toTime(matches[i]!, now, fallback);
      if (t !== undefined && Number.isFinite(t)) return new Date(t);
    }
  }
  return undefined;
}

/** Hours and minutes of `7pm`, `12:50am`, `15:31`; undefined for a bare number ("resets 5" is not a time). */
function clockOf(
  h: string | undefined,
  mi: string | undefined,
  ampm: string | undefined,
): { hour: number; minute: number } | undefined {
  if (h === undefined || (mi === undefined && ampm === undefined)) return undefined;
  let hour = Number(h);
  const minute = Number(mi ?? 0);
  if (minute > 59) return undefined;
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
  } else if (hour > 23) return undefined;
  return { hour, minute };
}

function zoneFrom(name: string | undefined, fallback: Zone): Zone {
  return (name && zoneOf(name)) || fallback;
}

const UNIT_MS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^d/, 86_400_000],
  [/^h/, 3_600_000],
  [/^m/, 60_000],
  [/^s/, 1000],
];

function addDuration(now: number, text: string): number | undefined {
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)/gi)) {
    const unit = UNIT_MS.find(([re]) => re.test(m[2]!.toLowerCase()));
    if (unit) total += Number(m[1]) * unit[1];
  }
  return total > 0 ? now + total : undefined;
}

/** The instant of a wall clock on a month and day in `zone`: in `year` when written, else the next such date from `now` (a day's grace). */
function onDate(
  zone: Zone,
  now: number,
  year: string | undefined,
  month: number,
  day: number,
  clock: { hour: number; minute: number },
): number {
  if (year !== undefined) return wallTime(zone, Number(year), month, day, clock.hour, clock.minute);
  const local = localDate(zone, now).year;
  const t = wallTime(zone, local, month, day, clock.hour, clock.minute);
  return t < now - 86_400_000 ? wallTime(zone, local + 1, month, day, clock.hour, clock.minute) : t;
}
