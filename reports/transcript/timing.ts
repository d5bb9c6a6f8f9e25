import type { JournalEvent } from '../../core/index.js';

/** The log had `offset` bytes at time `at` (from the journal's `pipe` events). */
export interface OffsetMark {
  readonly offset: number;
  readonly at: Date;
}

/** The offset marks of one agent's log, in time order (offsets never decreasing). */
export function offsetMarks(events: readonly JournalEvent[], agent: string): OffsetMark[] {
  const marks: OffsetMark[] = [];
  for (const e of events)
    if (e.type === 'pipe' && e.agent === agent) marks.push({ offset: e.offset, at: new Date(e.t) });
  marks.sort((a, b) => a.at.getTime() - b.at.getTime());
  // a log that shrank (truncated, replaced) breaks the byte order: keep the marks that grow
  let top = -1;
  return marks.filter((m) => (m.offset >= top ? ((top = m.offset), true) : false));
}

/**
 * When the byte at `offset` was written, estimated between the two marks around it (linear in
 * bytes); before the first mark it is the first mark's time, after the last the last one's.
 * Undefined without marks.
 */
export function timeAtOffset(marks: readonly OffsetMark[], offset: number): Date | undefined {
  if (marks.length === 0) return undefined;
  let lo = 0;
  let hi = marks.length - 1;
  if (offset <= marks[0]!.offset) return marks[0]!.at;
  if (offset >= marks[hi]!.offset) return marks[hi]!.at;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]!.offset < offset) lo = mid;
    else hi = mid;
  }
  const a = marks[lo]!;
  const b = marks[hi]!;
  const span = b.offset - a.offset;
  const share = span > 0 ? (offset - a.offset) / span : 1;
  return new Date(a.at.getTime() + share * (b.at.getTime() - a.at.getTime()));
}
