// Usage and rate limits: the newest limit sentence near the bottom, unless work resumed after it.
import type { Profile } from './resolve-profiles.js';
import { isBlank, type ScreenView } from './screen-view.js';

/** A live limit message. */
export interface LimitFinding {
  /** the row the limit sentence starts on */
  readonly row: number;
  /** the limit sentence and the rows after it that carry its details (menu, hints) */
  readonly evidence: readonly string[];
  /** the whole message around the sentence (a menu may sit between the sentence and the bottom) */
  readonly message: readonly string[];
}

/** How many rows after the limit sentence belong to it. */
const DETAIL_ROWS = 4;
/** How many rows above the lowest limit sentence may still be part of the same message (a menu under the sentence). */
const MESSAGE_ROWS = 8;

/** Finds the lowest limit sentence in rows `from`…`to` that is not a warning, with nothing newer than it but chrome. */
export function findLimit(
  view: ScreenView,
  profile: Profile,
  lastBusy: number,
  from = view.bottom,
  to = view.last,
): LimitFinding | undefined {
  const { rows } = view;
  if (
    profile.limits.empty ||
    (profile.limits.anchored ? !profile.limits.anyIn(view.block) : !profile.limits.any(view.flat))
  )
    return undefined;
  for (let r = to; r >= from; r--) {
    if (isBlank(rows[r]!)) continue;
    const pair = joinNext(rows, r, to);
    if (!profile.limits.any(pair)) continue;
    if (profile.notLimits.any(joinNext(rows, r, Math.min(to, r + 2), 3))) continue;
    if (lastBusy > r || resumedAfter(view, profile, r)) return undefined;
    const evidence = detailRows(rows, r, to);
    // a menu under the sentence (Claude's "Stop and wait for limit to reset"): the message starts at the sentence
    const sentence = earlierLimit(view, profile, r, from);
    const start = sentence >= 0 ? sentence : Math.max(from, r - MESSAGE_ROWS);
    const above = detailRows(rows, start, r - 1, Infinity);
    return { row: r, evidence, message: [...above, ...detailRows(rows, r, to, Infinity)] };
  }
  return undefined;
}

/** The nearest row above `r` (down to `from`) that starts a limit sentence of its own, or -1. */
function earlierLimit(view: ScreenView, profile: Profile, r: number, from: number): number {
  for (let i = r - 1; i >= from; i--) {
    const row = view.rows[i]!;
    if (!isBlank(row) && profile.limits.any(joinNext(view.rows, i, r - 1)) && !profile.notLimits.any(row))
      return i;
  }
  return -1;
}

/** Row `r` and the next non-blank row (up to `to`), joined with a space: sentences wrapped by the app still match. */
function joinNext(rows: readonly string[], r: number, to: number, count = 2): string {
  const parts = [rows[r]!.trim()];
  for (let i = r + 1; i <= to && parts.length < count; i++)
    if (!isBlank(rows[i]!)) parts.push(rows[i]!.trim());
  return parts.join(' ');
}

/** True when an agent output row below `r` shows the agent went on working after the message. */
function resumedAfter(view: ScreenView, profile: Profile, r: number): boolean {
  if (profile.output.empty) return false;
  for (let i = r + 1; i <= view.last; i++) if (profile.output.any(view.rows[i]!)) return true;
  return false;
}

function detailRows(rows: readonly string[], r: number, to: number, max = DETAIL_ROWS + 1): string[] {
  const out: string[] = [];
  for (let i = r; i <= to && out.length < max; i++) if (!isBlank(rows[i]!)) out.push(rows[i]!.trim());
  return out;
}
