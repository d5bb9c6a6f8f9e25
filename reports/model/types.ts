// The night as the report sees it: derived once from the journal, the logs and the agents' records.
import type { EscalationKind, NightRecord } from '../../core/index.js';
import type { CoordinationEntry, Malformed, StatusLine } from '../coordination/types.js';

/** What an agent was doing, as the report counts it. */
export type Activity =
  /** working: busy or printing output */
  | 'active'
  /** at its input box with nothing to do */
  | 'idle'
  /** at a confirmation or a secret prompt: waiting for someone */
  | 'waiting'
  /** held by a usage limit */
  | 'limited'
  /** showing an error */
  | 'error'
  /** its program had exited */
  | 'down';

export const ACTIVITIES: readonly Activity[] = ['active', 'idle', 'waiting', 'limited', 'error', 'down'];

/** One agent over the night. */
export interface AgentSummary {
  readonly name: string;
  readonly cwd: string | undefined;
  /** minutes spent in each activity */
  readonly minutes: Readonly<Record<Activity, number>>;
  /** the state when the night ended: a pane state, `exited`, `given up`, or `not started` */
  readonly atDawn: string;
  readonly restarts: number;
  /** error findings and error screens */
  readonly errors: number;
  readonly givenUp: boolean;
  /** the dominant activity of each timeline slot (undefined: no data) */
  readonly slots: readonly (Activity | undefined)[];
  /** what the agent last wrote to the coordination file or status log */
  readonly lastWord: { readonly at: Date; readonly text: string } | undefined;
  /** rescues performed on it (actions that were sent) */
  readonly rescues: number;
}

/** Why something is on the "needs you" list. */
export type NeedKind =
  | EscalationKind
  | 'still-waiting'
  | 'coordination'
  | 'status-log'
  | 'task'
  /** the night itself stopped early on an error */
  | 'night-error';

/** One thing a person has to do in the morning. Strings are redacted, not escaped. */
export interface NeedsYouItem {
  readonly kind: NeedKind;
  readonly agent: string | undefined;
  /** first time it was asked */
  readonly since: Date;
  /** how many times it was asked */
  readonly count: number;
  /** the one thing to do, as a sentence */
  readonly action: string;
  /** what was said (the reason, the entry's task or notes) */
  readonly detail: string | undefined;
  /** the command concerned, when there is one */
  readonly command: string | undefined;
}

/** Something that went wrong. */
export interface FailureItem {
  readonly agent: string | undefined;
  readonly at: Date;
  readonly what: string;
  readonly detail: string | undefined;
  readonly count: number;
  /** the agent exited at once (status 126/127, or within seconds of its start): it never ran */
  readonly couldNotStart?: boolean;
}

/** What an agent waited on. */
export type ParkWhat = 'question' | 'held command' | 'plan' | 'limit menu';

/** How a park ended; `went away`: the screen changed with nothing sent (answered in the pane, or the agent moved on). */
export type ParkEnding =
  | 'answered by policy'
  | 'declined by policy'
  | 'answered by the person'
  | 'still waiting at dawn'
  | 'went away';

/** A stretch an agent sat waiting for a person. Strings are redacted, not escaped. */
export interface ParkItem {
  readonly agent: string;
  readonly what: ParkWhat;
  readonly since: Date;
  readonly until: Date;
  readonly ms: number;
  readonly ending: ParkEnding;
  /** who answered: the plugin (when not `parked`), or the person's name */
  readonly by?: string;
  /** the held command, when there was one */
  readonly command?: string;
}

/** Something the runner did to keep an agent going. */
export interface RescueItem {
  readonly at: Date;
  readonly agent: string;
  readonly plugin: string;
  readonly action: string;
  readonly reason: string;
  readonly verified: boolean | undefined;
  /** how the answer reached the agent: its own hook, or keys on its screen */
  readonly channel?: 'hook' | 'screen' | undefined;
  /** the config's guard exception (`guard.allow`) that let it through, if one did */
  readonly allowedBy?: { readonly rule: string; readonly reason: string } | undefined;
}

/** Something the runner refused to do, and why. */
export interface RefusalItem {
  readonly at: Date;
  readonly agent: string;
  readonly plugin: string;
  readonly why: string;
  readonly reason: string;
  readonly command: string | undefined;
  readonly channel?: 'hook' | 'screen' | undefined;
}

/** A commit made during the night in an agent's working directory. */
export interface Commit {
  readonly repo: string;
  readonly agents: readonly string[];
  readonly hash: string;
  readonly author: string;
  readonly at: Date;
  readonly subject: string;
}

/** A plugin that failed tonight. */
export interface PluginTrouble {
  readonly plugin: string;
  readonly hooks: readonly string[];
  readonly failures: number;
  readonly disabled: boolean;
  readonly firstError: string;
}

/** The overall verdict, also sent as the `X-Nightshift-Status` header. */
export type Verdict = 'ok' | 'attention' | 'failed';

/** Everything the standard sections and the subject line are built from. */
export interface NightModel {
  readonly night: NightRecord;
  readonly timeZone: string;
  /** what the journal covers: the night's start to its end (or to the last event when it stopped early) */
  readonly window: { readonly start: Date; readonly end: Date };
  /** the journal ended without a night-end event */
  readonly cutShort: boolean;
  /** the night stopped early on an error (its message); the agents went unwatched from then on */
  readonly stoppedOnError: string | undefined;
  readonly agents: readonly AgentSummary[];
  readonly timeline: { readonly slotMinutes: number; readonly slots: readonly Date[] };
  readonly needsYou: readonly NeedsYouItem[];
  readonly failures: readonly FailureItem[];
  readonly rescues: readonly RescueItem[];
  /** every stretch an agent waited for a person, oldest first */
  readonly parks: readonly ParkItem[];
  /** the night was a dry run (`--dry-run`, `actuator.dryRun`): nothing was sent, started or restarted */
  readonly dryRun: boolean;
  /** what a real night would have done: every action the dry run held back, start-up included */
  readonly wouldDo: readonly RescueItem[];
  readonly refusals: readonly RefusalItem[];
  /** each agent's hook channel at the end of the night: live, or off/inactive and why (the screen path answered) */
  readonly hookChannels: readonly {
    readonly agent: string;
    readonly state: string;
    readonly reason: string;
  }[];
  readonly produced: {
    readonly entries: readonly CoordinationEntry[];
    readonly statusLines: readonly StatusLine[];
    readonly commits: readonly Commit[];
  };
  readonly coordination: {
    readonly configured: boolean;
    readonly malformed: readonly (Malformed & { readonly file: string })[];
    /** agents busy for hours without a word in the coordination file */
    readonly silent: readonly {
      readonly agent: string;
      readonly from: Date;
      readonly to: Date;
      readonly busyMinutes: number;
    }[];
  };
  readonly plugins: readonly PluginTrouble[];
  readonly warnings: readonly string[];
  /** the task queue's tasks (docs/queue.md); empty without a queue */
  readonly work: readonly WorkItem[];
  readonly counts: {
    readonly needsYou: number;
    readonly done: number;
    readonly failed: number;
    readonly rescues: number;
  };
  readonly verdict: Verdict;
}

/** How a task's night went, as the report says it. */
export type WorkState = 'done' | 'failed' | 'blocked' | 'timed-out' | 'not-reached' | 'running' | 'queued';

/** One task in the report's Work section. Strings from agents are redacted. */
export interface WorkItem {
  readonly id: string;
  readonly text: string;
  readonly agent: string | undefined;
  readonly state: WorkState;
  readonly start: Date | undefined;
  readonly end: Date | undefined;
  /** how its end was told (coordination, status-log, quiet, timeout, park, agent-gone, night-end) */
  readonly endedBy: string | undefined;
  readonly branch: string | undefined;
  /** the worktree was removed: no commit, no change */
  readonly removed: boolean;
  readonly commits: readonly { sha: string; subject: string }[];
  /** `2 files changed, 10 insertions(+)` */
  readonly diffstat: string;
  readonly summary: string | undefined;
  readonly blockedOn: string | undefined;
  readonly uncommitted: readonly string[];
}
