/** Times (ms) of past events kept within a sliding window: how many happened in the last `windowMs`. */
export function withinWindow(times: readonly number[], now: number, windowMs: number): number[] {
  return times.filter((t) => now - t < windowMs);
}

/** Exponential backoff: `initial × factor^(n-1)`, capped at `max` (n = 1 for the first retry). */
export function backoff(n: number, initial: number, factor: number, max: number): number {
  return Math.min(max, Math.round(initial * factor ** Math.max(0, n - 1)));
}

/** What nightshift types to get an agent going again, unless the config says otherwise. */
export const DEFAULT_CONTINUE =
  'Please continue with your task list. If you are blocked or done, append your status to the coordination file.';
