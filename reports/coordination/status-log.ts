import { addDays, fromWallClock, wallClock, type WallClock } from '../time.js';
import { readTextFile } from './read-text.js';
import type { Malformed, Parsed, StatusLine } from './types.js';

/** `[08:15:30] [0:1] [START] Starting data-service code audit` */
const LINE = /^\[(\d{1,2}):(\d{2})(?::(\d{2}))?\]\s*\[([^\]]*)\]\s*\[([A-Za-z_-]+)\]\s*(.*)$/;
const DAY = 86_400;
/** A clock that jumps back by more than this between two lines crossed midnight. */
const WRAP = 3 * 3600;

/**
 * Parses the status log. Its lines carry a time but no date, so dates are inferred walking back
 * from the last line: the last line is the latest time of day at or before `anchor` (the file's
 * modification time), and whenever the clock jumps back by more than three hours from one line to
 * the next, midnight lay between them.
 */
export function parseStatusLog(
  text: string,
  options: { timeZone: string; anchor: Date },
): Parsed<StatusLine> {
  const raw: { h: number; m: number; s: number; tag: string; status: string; text: string; line: number }[] =
    [];
  const malformed: Malformed[] = [];
  text.split('\n').forEach((l, i) => {
    const line = l.replace(/\r$/, '');
    if (line.trim() === '') return;
    const m = line.match(LINE);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) {
      malformed.push({
        line: i + 1,
        text: line.slice(0, 200),
        problem: 'not "[HH:MM:SS] [source] [STATUS] text"',
      });
      return;
    }
    raw.push({
      h: Number(m[1]),
      m: Number(m[2]),
      s: Number(m[3] ?? 0),
      tag: m[4]!.trim(),
      status: m[5]!.toUpperCase(),
      text: m[6]!.trim(),
      line: i + 1,
    });
  });
  if (raw.length === 0) return { items: [], malformed, warnings: [] };

  const seconds = (r: { h: number; m: number; s: number }) => r.h * 3600 + r.m * 60 + r.s;
  const anchor = wallClock(options.anchor, options.timeZone);
  const last = raw[raw.length - 1]!;
  // the last line's day: the anchor's, or the day before when its time is later than the anchor's
  let day: WallClock =
    seconds(last) > seconds({ h: anchor.hour, m: anchor.minute, s: anchor.second }) + 300
      ? addDays(anchor, -1)
      : anchor;
  const items: StatusLine[] = new Array<StatusLine>(raw.length);
  for (let i = raw.length - 1; i >= 0; i--) {
    const r = raw[i]!;
    const next = raw[i + 1];
    if (next && seconds(r) - seconds(next) > WRAP && seconds(r) - seconds(next) < DAY) day = addDays(day, -1);
    const at = fromWallClock(
      { year: day.year, month: day.month, day: day.day, hour: r.h, minute: r.m, second: r.s },
      options.timeZone,
    );
    items[i] = { at, tag: r.tag, status: r.status, text: r.text, line: r.line };
  }
  return { items, malformed, warnings: [] };
}

/** Reads the status log and keeps the lines of `window` (malformed lines are kept only when they lie among tonight's). */
export function readStatusLog(
  file: string,
  options: { timeZone: string; window: { start: Date; end: Date }; maxBytes?: number },
): Parsed<StatusLine> {
  const read = readTextFile(file, 'status log', options.maxBytes);
  if (!read.mtime) return { items: [], malformed: [], warnings: read.warnings };
  const parsed = parseStatusLog(read.text, { timeZone: options.timeZone, anchor: read.mtime });
  const items = parsed.items.filter((l) => l.at >= options.window.start && l.at <= options.window.end);
  const first = items[0]?.line ?? Number.POSITIVE_INFINITY;
  const malformed = parsed.malformed.filter((m) => m.line > first);
  return { items, malformed, warnings: read.warnings };
}
