import type { Span } from './activity.js';

/** An agent busy for hours without a word in the coordination file. */
export interface Silence {
  readonly agent: string;
  readonly from: Date;
  readonly to: Date;
  readonly busyMinutes: number;
}

/**
 * The longest stretch in which an agent wrote nothing to its records while its pane was busy for
 * at least `busyMinutes` (default 90) of a gap of at least `gapMinutes` (default 120).
 */
export function longestSilence(
  agent: string,
  words: readonly Date[],
  spans: readonly Span[],
  window: { start: Date; end: Date },
  options: { gapMinutes?: number; busyMinutes?: number } = {},
): Silence | undefined {
  const gap = (options.gapMinutes ?? 120) * 60_000;
  const busyMin = (options.busyMinutes ?? 90) * 60_000;
  const marks = [
    window.start.getTime(),
    ...words.map((w) => w.getTime()).sort((a, b) => a - b),
    window.end.getTime(),
  ];
  let best: Silence | undefined;
  for (let i = 0; i + 1 < marks.length; i++) {
    const from = marks[i]!;
    const to = marks[i + 1]!;
    if (to - from < gap) continue;
    let busy = 0;
    for (const s of spans)
      if (s.activity === 'active') busy += Math.max(0, Math.min(s.to, to) - Math.max(s.from, from));
    if (busy < busyMin) continue;
    if (!best || busy / 60_000 > best.busyMinutes)
      best = { agent, from: new Date(from), to: new Date(to), busyMinutes: Math.round(busy / 60_000) };
  }
  return best;
}
