// How the queue learns that an agent says a task is over. The composition root reads the agents' own records
// (the coordination file, the status log) and hands the queue this reader.

/** An end the agent reported. */
export interface ReportedEnd {
  readonly state: 'done' | 'failed' | 'blocked';
  readonly by: 'coordination' | 'status-log';
  /** the agent's own words on what it did */
  readonly summary: string | undefined;
}

/** The end the agent reported for `task` since `since`, if any. */
export type EndReader = (task: string, agent: string, since: Date) => ReportedEnd | undefined;

/** The word an agent wrote, as a task end: DONE, FAILED/ERROR, BLOCKED/HELP; anything else is no end. */
export function endOfStatus(status: string | undefined): ReportedEnd['state'] | undefined {
  switch (status?.toUpperCase()) {
    case 'DONE':
      return 'done';
    case 'FAILED':
    case 'FAIL':
    case 'ERROR':
      return 'failed';
    case 'BLOCKED':
    case 'HELP':
      return 'blocked';
    default:
      return undefined;
  }
}
