import type { AgentConfig } from '../../config/schema.js';
import type { PendingFinding } from '../plugin/pending.js';
import type { AgentStatus } from '../plugin/types.js';
import type { Classification, Snapshot } from '../screen/types.js';

/** What the runner keeps about one agent during a night. Owned by the night; plugins see a read-only `AgentStatus`. */
export interface AgentRuntime {
  /** replaced by the queue while a task runs in its own worktree (its `cwd`), never by plugins */
  config: AgentConfig;
  /** tmux pane id, once the layout is up */
  paneId: string | undefined;
  /** the pipe-pane log file */
  readonly logFile: string;
  status: MutableStatus;
  /** the last look; `settled` when it was classified on a screen identical to the one before (so it can be reused) */
  last: { snapshot: Snapshot; classification: Classification; settled: boolean } | undefined;
  /** what the last capture (not a carried screen) saw of the pane's log: see capture-choice.ts */
  seen: CaptureSeen | undefined;
  /** the last dialog answered: never answer the same screen twice */
  lastAnswer: { hash: string; at: number } | undefined;
  /** times of actions in the last hour (budget) and the last action (cooldown) */
  actionTimes: number[];
  /** findings seen on the last tick (`plugin/kind/summary`) and since when: journaled when they first appear */
  findingKeys: Map<string, Date>;
  /** when the pane was last found missing or the server lost (to journal once) */
  missingSince: number | undefined;
  /** what nightshift typed into this pane lately, oldest first (see plugin/typed-record.ts) */
  typed: string[];
  /** findings no rescue claimed, offered again when the agent's state changes (see plugin/pending.ts) */
  pending: PendingFinding[];
}

/** A pane log's size and modification time. */
export interface LogMark {
  readonly size: number;
  readonly mtimeMs: number;
}

/** What a pane's last capture saw of its log, read just before that capture (so output racing it counts as new). */
export interface CaptureSeen {
  readonly paneId: string;
  /** epoch ms of the capture */
  readonly at: number;
  readonly log: LogMark;
}

export type MutableStatus = { -readonly [K in keyof AgentStatus]: AgentStatus[K] };

/** A fresh runtime record for an agent. */
export function newAgentRuntime(config: AgentConfig, logFile: string): AgentRuntime {
  return {
    config,
    paneId: undefined,
    logFile,
    status: {
      name: config.name,
      state: null,
      stateSince: null,
      changedAt: null,
      waitingUntil: null,
      restarts: 0,
      givenUp: false,
      taskSentAt: null,
    },
    last: undefined,
    seen: undefined,
    lastAnswer: undefined,
    actionTimes: [],
    findingKeys: new Map(),
    missingSince: undefined,
    typed: [],
    pending: [],
  };
}
