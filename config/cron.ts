import { Cron } from 'croner';

/** Why croner refuses a cron pattern, as a sentence that says how to write it; undefined when it is valid. */
export function cronProblem(pattern: string): string | undefined {
  try {
    new Cron(pattern, { paused: true });
    return undefined;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/^CronPattern: /, '');
    return `not a cron pattern: ${JSON.stringify(pattern)} (${reason}); write five fields "minute hour day month weekday", e.g. "0 23 * * 1-5"`;
  }
}

/** The next `count` times a valid cron pattern fires in `timezone` (for doctor's output). */
export function nextRuns(pattern: string, timezone: string, count: number, from = new Date()): Date[] {
  return new Cron(pattern, { paused: true, timezone }).nextRuns(count, from);
}
