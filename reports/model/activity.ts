import type { JournalEvent, PaneState } from '../../core/index.js';
import { ACTIVITIES, type Activity } from './types.js';

const FROM_STATE: Record<PaneState, Activity> = {
  busy: 'active',
  output: 'active',
  input: 'idle',
  confirm: 'waiting',
  secret: 'waiting',
  question: 'waiting',
  limit: 'limited',
  error: 'error',
};

/** When two activities fill a slot equally, the one a person must see wins. */
const PRECEDENCE: readonly Activity[] = ['waiting', 'error', 'limited', 'active', 'idle', 'down'];

/** A stretch of time in one activity. */
export interface Span {
  readonly from: number;
  readonly to: number;
  readonly activity: Activity;
}

/** One agent's activity over the window, from its journal events (state changes, starts, exits). */
export function activitySpans(
  events: readonly JournalEvent[],
  agent: string,
  window: { start: Date; end: Date },
): Span[] {
  const spans: Span[] = [];
  const end = window.end.getTime();
  let current: Activity | undefined;
  let since = window.start.getTime();
  const change = (at: number, next: Activity | undefined) => {
    const t = Math.min(Math.max(at, window.start.getTime()), end);
    if (current !== undefined && t > since) spans.push({ from: since, to: t, activity: current });
    current = next;
    since = t;
  };
  for (const e of events) {
    if (!('agent' in e) || e.agent !== agent) continue;
    const at = Date.parse(e.t);
    if (e.type === 'state') change(at, FROM_STATE[e.to]);
    else if (e.type === 'agent-started' || e.type === 'agent-restarted')
      change(at, current === undefined || current === 'down' ? 'active' : current);
    else if (e.type === 'agent-exited') change(at, 'down');
  }
  change(end, undefined);
  return spans;
}

/** Minutes per activity. */
export function minutesByActivity(spans: readonly Span[]): Record<Activity, number> {
  const ms = Object.fromEntries(ACTIVITIES.map((a) => [a, 0])) as Record<Activity, number>;
  for (const s of spans) ms[s.activity] += s.to - s.from;
  for (const a of ACTIVITIES) ms[a] = Math.round(ms[a] / 60_000);
  return ms;
}

/** The slot length that gives at most 32 cells for the window: 1, 2, 5, 10, 15, 30 or 60 minutes. */
export function slotMinutesFor(window: { start: Date; end: Date }): number {
  const total = (window.end.getTime() - window.start.getTime()) / 60_000;
  return [1, 2, 5, 10, 15, 30, 60].find((m) => total / m <= 32) ?? 60;
}

/** Slot start times covering the window, the first aligned to a multiple of the slot length. */
export function slotStarts(window: { start: Date; end: Date }, slotMinutes: number): Date[] {
  const step = slotMinutes * 60_000;
  const first = Math.floor(window.start.getTime() / step) * step;
  const out: Date[] = [];
  for (let t = first; t < window.end.getTime(); t += step) out.push(new Date(t));
  return out;
}

/** The activity that filled most of each slot (ties go to the one a person must see); undefined where there is no data. */
export function dominantBySlot(
  spans: readonly Span[],
  slots: readonly Date[],
  slotMinutes: number,
): (Activity | undefined)[] {
  const step = slotMinutes * 60_000;
  return slots.map((slot) => {
    const from = slot.getTime();
    const to = from + step;
    const share = new Map<Activity, number>();
    for (const s of spans) {
      const overlap = Math.min(s.to, to) - Math.max(s.from, from);
      if (overlap > 0) share.set(s.activity, (share.get(s.activity) ?? 0) + overlap);
    }
    let best: Activity | undefined;
    let bestMs = 0;
    for (const a of PRECEDENCE) {
      const ms = share.get(a) ?? 0;
      if (ms > bestMs) {
        best = a;
        bestMs = ms;
      }
    }
    return best;
  });
}
