// What a bench scenario declares: the project, the model's script, what the right outcome is, when it is over,
// and what it checks in the sandbox afterwards. Agent-neutral; each agent has its own table of these.
import type { JournalEvent } from '../../../core/journal/events.js';
import type { Auth } from './adapter.js';
import type { Received } from './fake-api/server.js';
import type { ProjectFiles } from './sandbox.js';
import type { SeenScreen } from './pane-watcher.js';
import type { ModelScript } from './script.js';

/** The right outcome of a scenario, and so of the dialog (if any) it draws. */
export type Expected =
  /** the dialog is approved with the right keys and the command runs once */
  | 'approve'
  /** the dialog is never answered: the command does not run */
  | 'hold'
  /** a question for the person: no keystroke reaches it, it is escalated */
  | 'question'
  /** a usage limit: recognised, waited out, nothing typed into its menu */
  | 'limit'
  /** an error that needs a person: escalated, nothing typed */
  | 'error'
  /** the agent crashed: restarted */
  | 'restart'
  /** a queue of tasks: each given once, in a worktree of its own, and reported on its branch */
  | 'work';

/** What a scenario sees while it runs, and afterwards. */
export interface Live {
  readonly received: readonly Received[];
  readonly screens: readonly SeenScreen[];
  events(): JournalEvent[];
  /** the agent's process id in its pane */
  panePid(): number | undefined;
  /** the night's state directory (its control socket, journal and report) */
  readonly stateDir: string;
}

/** The sandbox's state after the night, read before the sandbox is removed. */
export interface Effects {
  /** marker files commands left in the markers folder */
  readonly markers: string[];
  /** the bare remote's refs before and after */
  readonly remoteBefore: Record<string, string>;
  readonly remoteAfter: Record<string, string>;
  /** the canary file in HOME is still there */
  readonly homeIntact: boolean;
  /** project files after the night, for the paths the scenario names in `files` and `watch` */
  readonly files: Record<string, string | undefined>;
  /** files under HOME after the night, for the paths the scenario names in `watchHome` */
  readonly homeFiles: Record<string, string | undefined>;
  /** the project's branches after the night, each with the subjects of its commits since `main` */
  readonly branches: Record<string, string[]>;
  /** the night's markdown report, when it wrote one */
  readonly report: string | undefined;
}

/** Everything a finished scenario leaves for its assertions and the bench's figures. */
export interface ScenarioResult extends Live {
  readonly scenario: string;
  readonly size: { cols: number; rows: number };
  readonly agentVersion: string;
  readonly journal: JournalEvent[];
  readonly effects: Effects;
  /** the sandbox paths, so checks can name them (the folders are gone by then) */
  readonly paths: { home: string; project: string; markers: string; apiUrl: string };
  /** the night process's exit code and output */
  readonly night: { exitCode: number | undefined; output: string };
  /** `done` never held before the scenario's timeout */
  readonly timedOut: boolean;
  /** everything the agent printed (the night's pane log as plain text): witnesses a screen between two looks */
  readonly output: string;
}

/** True when the scenario's screen was drawn: seen by the pane watcher, or in what the agent printed. */
export function dialogDrawn(scenario: Scenario, result: ScenarioResult): boolean {
  const { dialog } = scenario;
  return !dialog || result.screens.some((s) => dialog.test(s.text)) || dialog.test(result.output);
}

/** A queue of tasks for the night, each worked in a worktree of the project branched from `main`. */
export interface BenchQueue {
  readonly tasks: readonly { readonly id: string; readonly text: string }[];
  /** at the input box, nothing changing this long after it worked: the task is over (default 8s) */
  readonly quiet?: string;
}

/** One row of an agent's scenario table. */
export interface Scenario {
  readonly name: string;
  readonly expect: Expected;
  /** the model's turns; `$API`, `$PAGES`, `$HOME`, `$MARKERS`, `$PROJECT` in string inputs become the sandbox's values */
  readonly script: ModelScript;
  /** the night's task, typed by kickoff (default: a one-line request); unused when the scenario has a `queue` */
  readonly task?: string;
  /** the night's work as a queue in worktrees of the project (config `queue` and `tasks`) instead of one task */
  readonly queue?: BenchQueue;
  /** project files besides the agent's defaults */
  readonly files?: ProjectFiles;
  /** pages the fake server serves (path → body), for fetch and download scenarios */
  readonly pages?: Record<string, string>;
  readonly auth?: Auth;
  /** extra arguments for the agent's start and resume commands (plain words, no quoting) */
  readonly args?: readonly string[];
  /** extra environment for the agent */
  readonly env?: Record<string, string>;
  /** the `parked` plugin's options for this night (default: its own, `after: 15m`, so it never acts in a scenario) */
  readonly parked?: { readonly after?: string; readonly answer?: string; readonly decline?: string };
  /** leave the project untrusted so the trust dialog shows on start */
  readonly untrusted?: boolean;
  /** the sign of this scenario's dialog on screen (for dialogs seen and time to answer) */
  readonly dialog?: RegExp;
  /** the scenario is over (then `settle` more ms are watched) */
  readonly done: (live: Live) => boolean;
  /** ms to keep watching after `done`, long enough for a wrong keystroke to land (default 4000) */
  readonly settle?: number;
  /** ms before giving up on `done` (default 150000); a scenario that times out is still checked */
  readonly timeout?: number;
  /** extra project files and HOME files to read afterwards */
  readonly watch?: readonly string[];
  readonly watchHome?: readonly string[];
  /** something the harness does to the agent while it runs (a crash) */
  readonly fault?: (live: Live) => Promise<void>;
  /** the scenario's assertions on its effects and on what the API received (throw to fail) */
  readonly check: (result: ScenarioResult) => void;
  /**
   * a safe row's own effect (what ran once, what changed), without how it was answered: its hook-channel variant
   * (`NIGHTSHIFT_BENCH_CHANNEL=hook`, test/agents/hook-scenarios.ts) checks it too
   */
  readonly effect?: (result: ScenarioResult) => void;
  /**
   * answer through the agent's own hooks (default: off, so the screen path is what a row tests); 'untrusted': wired,
   * but the person never trusted them (Codex runs only hooks the person trusted)
   */
  readonly hooks?: boolean | 'untrusted';
  /** why the right outcome needs a fix from another branch, when it does (named in the report) */
  readonly needs?: string;
  /**
   * part of the CI selection (`npm run test:agents -- --ci`, run by `.ci/run`): a few rows per agent that cover each
   * kind (safe, dangerous, question, limit, error, crash), run at one size only
   */
  readonly ci?: boolean;
}
