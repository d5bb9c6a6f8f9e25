// The plugin contract. A plugin is a plain object with a `name` and any of the hooks below
// (Rollup/Vite style: one object may check, rescue and report).
import type { Logger } from 'pino';
import type { AgentConfig, Config } from '../../config/schema.js';
import type { GuardContext, GuardResult } from '../guard/types.js';
import type { JournalEvent, RefusalWhy, EscalationKind, Severity } from '../journal/events.js';
import type { Classification, Decision, Dialog, QuestionMenu, Snapshot } from '../screen/types.js';
import type { Schema } from './schema.js';

export type Awaitable<T> = T | Promise<T>;

/**
 * Known finding kinds and their payloads. Plugins add kinds with declaration merging:
 * `declare module 'nightshift' { interface FindingKinds { 'tests-failed': { line: string } } }`
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the interface plugins merge their kinds into
export interface FindingKinds extends BuiltinFindingKinds {}

/** The finding kinds nightshift itself reports, and their payloads. */
export interface BuiltinFindingKinds {
  /** a confirmation dialog, stable over two captures; `decision` is what the runner would do */
  confirm: { dialog: Dialog; decision: Decision };
  /** a password, passphrase, token, OTP or credential-username prompt: never answered */
  secret: { prompt: string; secretKind: string };
  /** the agent sits at its input box (or a question only a person can answer) */
  input: { question: string | null; idleMs: number };
  /** the screen has not changed for a while; `atInput` says whether the agent waits for input */
  idle: { idleMs: number; atInput: boolean };
  /** the agent's program exited: the pane is dead or back at a shell prompt */
  exited: { status: number | null; detail: string };
  /** a usage or rate limit; `resetAt` ISO when the screen says when it resets */
  limit: { resetAt: string | null; needsHuman: boolean; text: string };
  /** an error line in new output, with context */
  error: { line: string; context: readonly string[]; pattern: string; fatal: boolean };
  /** a wait set by `ctx.act.waitUntil` is over */
  'wait-over': { since: string; reason: string };
  /** the night's task could not be typed in: no input box was recognised in time; `screen` is what showed */
  'task-undelivered': { waitedMs: number; screen: readonly string[] };
}

export type FindingKind = Extract<keyof FindingKinds, string>;

/** What a check returns: `kind` selects the shape of `data`. */
export type NewFinding = {
  [K in FindingKind]: {
    readonly kind: K;
    readonly severity?: Severity;
    /** one line for logs and the report */
    readonly summary: string;
    readonly data: FindingKinds[K];
    /** rule id and screen lines behind the finding */
    readonly evidence?: { readonly rule: string; readonly lines: readonly string[] };
  };
}[FindingKind];

/** A finding as rescues receive it: the core adds the agent, the check that found it, and the snapshot. */
export type Finding<K extends FindingKind = FindingKind> = Extract<NewFinding, { kind: K }> & {
  readonly agent: string;
  readonly severity: Severity;
  /** name of the plugin whose check reported it */
  readonly source: string;
  /** the snapshot it was found on */
  readonly snapshot: Snapshot;
  /** when this finding (same check, kind and summary) first appeared, on consecutive ticks */
  readonly since: Date;
  /**
   * true when the core offers a finding again that no rescue claimed when it was reported: it is held for its agent
   * (up to an hour, 8 at most) and offered once more on every change of the agent's state (e.g. back at its input),
   * with `snapshot` the screen of that moment, until a rescue handles it
   */
  readonly replayed?: boolean;
};

/** What a rescue returns: `handled` ends dispatch of this finding; `pass` (or nothing) lets the next rescue try. */
export type RescueResult = 'handled' | 'pass' | void;

/** A tmux key name (`Enter`, `Escape`, `Up`, `C-c`) or literal text. See `KEY_NAMES`. */
export type Key = string;

/** The outcome of an action: sent (and verified where possible), or refused with a reason. Refusals are values, never throws. */
export type ActionOutcome =
  | { readonly ok: true; readonly verified: boolean; readonly dryRun: boolean }
  | { readonly ok: false; readonly why: RefusalWhy; readonly reason: string; readonly guard?: GuardResult };

/** What the person (or a policy) answers a question menu with: a choice by its number, or text for its free-text choice. */
export type QuestionReply = { readonly choice: number } | { readonly text: string };

/** The only way a plugin touches a pane. Every call goes through the actuator: guard, stale-screen check, budgets, journal. */
export interface Actions {
  /** Approve a dialog with its approval keys (or `keys`). The command is guarded; the dialog must still be on screen. */
  answer(dialog: Dialog, options?: { keys?: readonly Key[] }): Promise<ActionOutcome>;
  /** Decline a dialog with its deny keys; optionally type a note to the agent afterwards. */
  decline(dialog: Dialog, options?: { note?: string }): Promise<ActionOutcome>;
  /**
   * Answer a question put to the person (`classification.question`): a choice by its number, or `text` typed into the
   * menu's own free-text choice (refused when it has none). Arrow keys move the highlight, the screen must show the same
   * question (and for text an open, empty field that then reads the text back) before Enter. Text is guarded.
   */
  answerQuestion(question: QuestionMenu, reply: QuestionReply): Promise<ActionOutcome>;
  /** Type literal text into the pane (guarded line by line); `submit` presses Enter after a short delay. */
  type(text: string, options?: { submit?: boolean }): Promise<ActionOutcome>;
  /** Press key names in order (`Enter`, `Escape`, `Down`…). Literal text is refused here: use `type`. */
  press(...keys: Key[]): Promise<ActionOutcome>;
  /** Send C-c to the agent. */
  interrupt(reason: string): Promise<ActionOutcome>;
  /** Start the agent again with its `resume` command (falling back to `command`). */
  restart(reason: string): Promise<ActionOutcome>;
  /** Leave the agent alone until `at`: no findings reach rescues for it meanwhile; then a `wait-over` finding arrives. */
  waitUntil(at: Date, reason: string): Promise<ActionOutcome>;
  /** Put something on the report's "needs you" list; `urgent` also mails now when configured. Never refused. */
  escalate(
    kind: EscalationKind,
    reason: string,
    options?: { urgent?: boolean; command?: string },
  ): Promise<ActionOutcome>;
  /** Stop acting on this agent for the rest of the night (after escalating). */
  giveUp(reason: string): Promise<ActionOutcome>;
  /** Journal a note (shown in the agent's detail in the report). */
  note(text: string): void;
}

/** A plugin's own persisted state, scoped to (plugin, agent) or (plugin) for night-wide hooks. Survives a runner restart. */
export interface StateStore<S> {
  get(): S | undefined;
  set(next: S): void;
  update(fn: (previous: S | undefined) => S): S;
}

/** What the core knows about an agent right now, shared by all plugins. */
export interface AgentStatus {
  readonly name: string;
  /** the last classified state, or null before the first snapshot */
  readonly state: Classification['state'] | null;
  /** since when the agent has been in `state` */
  readonly stateSince: Date | null;
  /** the screen last changed at */
  readonly changedAt: Date | null;
  /** set while a `waitUntil` is in force */
  readonly waitingUntil: Date | null;
  /** restarts so far this night */
  readonly restarts: number;
  /** true once escalated with `giveUp`: no more actions tonight */
  readonly givenUp: boolean;
  /** when the night's `task` was delivered (kickoff), or null */
  readonly taskSentAt: Date | null;
}

/** One row of an agent's screen as the screen model reads it: box borders removed, trimmed at the end. */
export interface ScreenRow {
  /** the row's text */
  readonly text: string;
  /** `nightshift` when the row shows a message nightshift typed (echoed by the agent), else `agent` */
  readonly by: 'agent' | 'nightshift';
  /** the row's index in `snapshot.lines` */
  readonly row: number;
}

/**
 * An agent's screen, read for plugins (`ctx.screen`): built once per look and shared by every plugin. Every list is
 * computed on first use.
 */
export interface ScreenModel {
  /**
   * The agent's transcript region: the rows above its input box (the whole screen when no box is recognised), with
   * box borders, rules and blank rows dropped. Rows showing what nightshift typed are marked `by: 'nightshift'`.
   */
  readonly transcript: readonly ScreenRow[];
  /** transcript rows whose text was not on the previous look (by text, anywhere on it): what the agent printed since */
  readonly newRows: readonly ScreenRow[];
  /** the `newRows` the agent wrote (nightshift's own typed text left out) */
  readonly newOutput: readonly string[];
  /** the input box: its text rows and where it starts; null when the profile recognises no box at the bottom */
  readonly input: { readonly text: string; readonly rows: readonly string[]; readonly start: number } | null;
  /**
   * The last `rows` rows of the pane's log (what scrolled off screen included), rendered as a terminal would show
   * them, blank rows dropped; at most 2000 rows, from at most the log's last 512 KiB. Empty when there is no log.
   */
  scrollback(rows?: number): Promise<readonly string[]>;
}

/** A rolling-window limit for `ctx.limit`: at most `max` times per `per` (ms or a duration like `"1h"`), per `key`. */
export interface LimitSpec {
  readonly max: number;
  readonly per: number | string;
  /** one window per key (default: the plugin's one window for this agent) */
  readonly key?: string;
}

/** Fields every hook's context has. */
export interface BaseContext<O = unknown, S = unknown> {
  /** the plugin's validated options (defaults applied), frozen */
  readonly options: Readonly<O>;
  /** pino child bound to { plugin, agent? } */
  readonly log: Logger;
  /** the clock: a fake one in tests */
  readonly now: () => Date;
  /** aborts when the hook times out or the night stops */
  readonly signal: AbortSignal;
  /** the whole validated config (read-only) */
  readonly config: Readonly<Config>;
  /** the night's id (local start date) and run directory */
  readonly night: { readonly id: string; readonly runDir: string; readonly start: Date; readonly end: Date };
  /** this plugin's night-wide persisted state */
  readonly state: StateStore<S>;
  /** the guard, for plugins that want to ask before acting (the actuator asks again anyway) */
  readonly guard: (command: string, context?: GuardContext) => GuardResult;
}

/** Context of `check`: read-only, about one agent's snapshot. */
export interface CheckContext<O = unknown, S = unknown> extends BaseContext<O, S> {
  readonly agent: Readonly<AgentConfig>;
  readonly status: AgentStatus;
  /** the screen classified by the core (the same object for every check this tick) */
  readonly classification: Classification;
  /** the previous snapshot of this agent, if any */
  readonly previous: Snapshot | undefined;
  /** this plugin's persisted state for this agent */
  readonly agentState: StateStore<S>;
  /** ask the runner to look at this agent again after `ms` (for stability checks), without waiting for the next tick */
  lookAgain(ms: number): void;
  /** the screen read for plugins: transcript, new rows, input box, scrollback (see ScreenModel) */
  readonly screen: ScreenModel;
  /**
   * True while this agent has room in the rolling window (`max` per `per`, per `key`). The use is counted when the
   * hook does something: a rescue returns `'handled'`, a check returns a finding. A `false` is journaled once per
   * full window (`limited`) and shown in the report. Persisted like `agentState`.
   */
  limit(spec: LimitSpec): boolean;
  /**
   * True the first time `key` is asked for this agent tonight (once per value: a screen hash, an error summary).
   * Spent like `limit`: only when the rescue returns `'handled'` or the check returns a finding. Persisted.
   */
  once(key: string): boolean;
}

/** Context of `rescue`: a check context plus guarded actions. */
export interface RescueContext<O = unknown, S = unknown> extends CheckContext<O, S> {
  /** the only path to the pane's input */
  readonly act: Actions;
}

/** A section of the morning report. */
export interface ReportSection {
  /** stable id, e.g. `needs-you`, `agents`, `timeline` */
  readonly id: string;
  readonly title: string;
  /** markdown body */
  readonly markdown: string;
  /** lower comes first; built-ins use 10 (needs you) … 90 (detail) */
  readonly order?: number;
  /** may be cut to fit the email size limit (detail sections); "needs you" never is */
  readonly truncatable?: boolean;
}

/** Everything a reporter knows about a night. */
export interface NightRecord {
  readonly id: string;
  readonly runDir: string;
  readonly start: Date;
  readonly end: Date;
  readonly timezone: string;
  readonly agents: readonly Readonly<AgentConfig>[];
  readonly events: readonly JournalEvent[];
  /** problems met while reading the journal and logs */
  readonly warnings: readonly string[];
  /** raw pane log path per agent */
  readonly logs: Readonly<Record<string, string>>;
}

/** The compiled report, as handed to `deliver`. */
export interface CompiledReport {
  readonly night: string;
  readonly subject: string;
  readonly markdown: string;
  readonly html: string;
  readonly text: string;
  /** where report.md and report.html were written */
  readonly files: { readonly markdown: string; readonly html: string };
}

/** Context of `report` and `deliver`: night-wide. */
export type ReportContext<O = unknown, S = unknown> = BaseContext<O, S>;

/**
 * A nightshift plugin. All hooks are optional; each call is isolated (a throw or timeout is journaled, never fatal).
 * `K` is the finding kinds `rescue` handles: `handles: ['error']` makes `finding` an error finding.
 */
export interface Plugin<O = unknown, S = unknown, K extends FindingKind = FindingKind> {
  /** kebab-case, unique; printed in every log line, journal event and report row */
  readonly name: string;
  /** options schema (zod or any Standard Schema); validated at startup, all problems at once */
  readonly options?: Schema<O>;
  /** rescue order: `pre` before unordered plugins, `post` after; ties keep config order */
  readonly order?: 'pre' | 'post';
  /** finding kinds `rescue` wants (and the type of its `finding`); omitted: all */
  readonly handles?: readonly K[];
  /** kinds of your own that `check` reports (declare their data in FindingKinds); any other unknown kind is an error */
  readonly finds?: readonly FindingKind[];
  /** per-call time budget in ms (default: config watch.pluginTimeout; reporters 60 s) */
  readonly timeoutMs?: number;
  /** once per night before the first tick */
  setup?(ctx: BaseContext<O, S>): Awaitable<void>;
  /** once per night at the end, in reverse order, even after failures */
  teardown?(ctx: BaseContext<O, S>): Awaitable<void>;
  /** look at one agent's snapshot and report what you see; cannot act */
  check?(snapshot: Snapshot, ctx: CheckContext<O, S>): Awaitable<readonly NewFinding[] | NewFinding | void>;
  /** handle a finding, acting only through `ctx.act`; the first `handled` wins */
  rescue?(finding: Finding<K>, ctx: RescueContext<O, S>): Awaitable<RescueResult>;
  /** contribute sections to the morning report */
  report?(
    night: NightRecord,
    ctx: ReportContext<O, S>,
  ): Awaitable<readonly ReportSection[] | ReportSection | void>;
  /** send or store the compiled report */
  deliver?(report: CompiledReport, ctx: ReportContext<O, S>): Awaitable<void>;
}

/** A plugin of any options and state type, for lists that mix plugins. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPlugin = Plugin<any, any, any>;

/** A plugin with its options as written in the config (validated by the loader). */
export interface PluginUse {
  readonly plugin: AnyPlugin;
  readonly options: unknown;
  /** where it came from: `built-in`, a path, or a package name */
  readonly from: string;
}
