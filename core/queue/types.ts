// The night's work, as the queue sees it: tasks, their states and where each one ran.

/** Where a task came from: an agent's `task:`, the config's `tasks:`, the queue file, or `nightshift tasks add`. */
export type TaskSource = 'agent-task' | 'config' | 'file' | 'added';

/** One task, validated: its id is set and unique. */
export interface Task {
  readonly id: string;
  readonly text: string;
  /** the agent that must do it; undefined: any agent */
  readonly agent: string | undefined;
  readonly after: readonly string[];
  readonly paths: readonly string[];
  readonly source: TaskSource;
}

/**
 * A task's state. `queued`: waiting its turn; `starting`: its workspace made and its agent started, the text not yet
 * typed; `running`: the text was delivered; the rest are ends.
 */
export type TaskState =
  'queued' | 'starting' | 'running' | 'done' | 'failed' | 'blocked' | 'timed-out' | 'not-reached';

/** The states a task ends in. */
export const END_STATES: ReadonlySet<TaskState> = new Set([
  'done',
  'failed',
  'blocked',
  'timed-out',
  'not-reached',
]);

/** How a task's end was told. */
export type EndSignal =
  'coordination' | 'status-log' | 'quiet' | 'timeout' | 'park' | 'agent-gone' | 'night-end';

/** What the runner knows about one task during (and after) a night. */
export interface TaskRun {
  readonly task: Task;
  state: TaskState;
  agent?: string | undefined;
  /** the night it ran in */
  night?: string | undefined;
  startedAt?: string | undefined;
  /** when its text was delivered */
  sentAt?: string | undefined;
  endedAt?: string | undefined;
  endedBy?: EndSignal | undefined;
  /** the repository, git branch and worktree folder (`workspace: worktree`) */
  repo?: string | undefined;
  branch?: string | undefined;
  worktree?: string | undefined;
  /** the commit the branch started from */
  baseCommit?: string | undefined;
  /** the agent's own words (its coordination entry's Output/Notes) */
  summary?: string | undefined;
  /** what it waited on a person for (a question, a held dialog), when it did */
  blockedOn?: string | undefined;
  /** the worktree was removed: the task left no commit and no change */
  removed?: boolean | undefined;
  /** the worktree was kept with changes nobody committed */
  uncommitted?: readonly string[] | undefined;
}
