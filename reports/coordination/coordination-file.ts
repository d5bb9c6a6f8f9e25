import { Lexer, type Token } from 'marked';
import { fromWallClock } from '../time.js';
import { readTextFile } from './read-text.js';
import type { CoordinationEntry, Malformed, Parsed } from './types.js';

/** `[2026-04-11 01:14] Orpheus → Prometheus` (also `->`, seconds optional, `T` between date and time). */
const HEADING =
  /^\[(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\]\s*(.+?)\s*(?:→|->|⟶|=>)\s*(.+?)\s*$/;
/** `Status: DONE`, `- **Task:** x`, `**Output**: y` */
const FIELD = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z ]{0,23}?)(?::(?:\*\*|__)|(?:\*\*|__)?:)\s*(.*)$/;

/** Parses the coordination file's text: every level-2 entry, in file order, with its time in `timeZone`. */
export function parseCoordination(text: string, timeZone: string): Parsed<CoordinationEntry> {
  const tokens = new Lexer({ gfm: true }).lex(text);
  const items: CoordinationEntry[] = [];
  const malformed: Malformed[] = [];
  let line = 1;
  let current: { heading: string; line: number; match: RegExpMatchArray; body: string[] } | undefined;

  const close = () => {
    if (!current) return;
    const entry = toEntry(current.match, current.body, current.line, timeZone);
    if ('problem' in entry)
      malformed.push({ line: current.line, text: current.heading, problem: entry.problem });
    else {
      items.push(entry);
      if (!entry.status)
        malformed.push({ line: current.line, text: current.heading, problem: 'no Status line' });
    }
    current = undefined;
  };

  for (const token of tokens) {
    const at = line;
    line += countLines(token.raw);
    if (token.type === 'heading' && token.depth <= 2) {
      close();
      if (token.depth < 2) continue;
      const heading = (token as Token & { text: string }).text.trim();
      const match = heading.match(HEADING);
      if (match) current = { heading, line: at, match, body: [] };
      else
        malformed.push({ line: at, text: heading, problem: 'heading is not "[YYYY-MM-DD HH:MM] From → To"' });
      continue;
    }
    if (current) current.body.push(token.raw);
  }
  close();
  return { items, malformed, warnings: [] };
}

function countLines(raw: string): number {
  let n = 0;
  for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) n++;
  return n;
}

/** An entry from its heading match and body, or the reason it cannot be one. */
function toEntry(
  m: RegExpMatchArray,
  body: readonly string[],
  line: number,
  timeZone: string,
): CoordinationEntry | { problem: string } {
  const [, y, mo, d, h, mi, s, from, to] = m;
  const clock = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s ?? 0),
  };
  const probe = new Date(Date.UTC(clock.year, clock.month - 1, clock.day));
  if (
    clock.month < 1 ||
    clock.month > 12 ||
    probe.getUTCDate() !== clock.day ||
    clock.hour > 23 ||
    clock.minute > 59
  ) {
    return { problem: `not a real date and time: ${y}-${mo}-${d} ${h}:${mi}` };
  }
  const fields = parseFields(body.join(''));
  return {
    at: fromWallClock(clock, timeZone),
    written: `${y}-${mo}-${d} ${h!.padStart(2, '0')}:${mi}`,
    from: from!,
    to: to!,
    status:
      fields.status
        ?.split(/\s+/)[0]
        ?.replace(/[^A-Za-z_-]/g, '')
        .toUpperCase() || undefined,
    task: fields.task,
    output: fields.output,
    notes: fields.notes,
    fields,
    line,
  };
}

/** `Key: value` lines; a line that is not a key continues the previous value (multi-line notes). */
function parseFields(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let last: string | undefined;
  for (const raw of body.split('\n')) {
    if (raw.trim() === '') continue;
    const m = raw.match(FIELD);
    if (m) {
      last = m[1]!.trim().toLowerCase();
      fields[last] = fields[last] ? `${fields[last]}\n${m[2]!.trim()}` : m[2]!.trim();
    } else if (last) {
      fields[last] = `${fields[last]}\n${raw.trim()}`;
    } else {
      fields.text = fields.text ? `${fields.text}\n${raw.trim()}` : raw.trim();
    }
  }
  return fields;
}

/** Reads the coordination file and keeps the entries written inside `window`; problems become warnings and malformed items. */
export function readCoordination(
  file: string,
  options: { timeZone: string; window: { start: Date; end: Date }; maxBytes?: number },
): Parsed<CoordinationEntry> {
  const read = readTextFile(file, 'coordination file', options.maxBytes);
  const parsed = parseCoordination(read.text, options.timeZone);
  // entries are stamped to the minute: one written in the night's first minute is tonight's
  const start = new Date(Math.floor(options.window.start.getTime() / 60_000) * 60_000);
  const inWindow = (at: Date) => at >= start && at <= options.window.end;
  const items = parsed.items.filter((e) => inWindow(e.at));
  // the file is append-only: tonight's part starts after the last entry written before tonight
  const before = parsed.items.filter((e) => e.at < start).map((e) => e.line);
  const cutoff = before.length ? Math.max(...before) : 0;
  const tonight = new Set(items.map((e) => e.line));
  const malformed = parsed.malformed.filter(
    (m) => m.line > cutoff && (tonight.has(m.line) || !parsed.items.some((e) => e.line === m.line)),
  );
  return { items, malformed, warnings: read.warnings };
}
