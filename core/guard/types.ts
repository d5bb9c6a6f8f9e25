/** The guard's answer: only `allow` may be auto-confirmed or sent; `hold` means "cannot be sure" and is treated as `block`. */
export type Verdict = 'allow' | 'block' | 'hold';

/** A verdict with its explanation: which rule decided, why, and the part of the command that triggered it. */
export interface GuardResult {
  readonly verdict: Verdict;
  /** rule id such as `core.fs.rm-recursive-home`, or null when nothing matched (allow) */
  readonly rule: string | null;
  /** one line a person can read */
  readonly reason: string;
  /** the piece of the command that triggered the rule (verbatim slice or unwrapped command) */
  readonly match?: string;
  /** a safer way to reach the same goal, where one exists */
  readonly alternative?: string;
  /** set when a configured exception turned a built-in block into allow; shown in the report */
  readonly allowedBy?: { readonly rule: string; readonly reason: string };
}

/** Where a command would run: used to classify path operands (project, home, system…). */
export interface GuardContext {
  /** the agent's working directory (its project root); defaults to process.cwd() */
  readonly cwd?: string;
  /** the home directory; defaults to os.homedir() */
  readonly home?: string;
  /**
   * `command` (default): a shell command line. `message`: free text typed into an agent's prompt; words that are
   * not programs and unbalanced quotes are not held, but every command the text contains is still judged.
   */
  readonly kind?: 'command' | 'message';
}

/** The dangerous-command guard. Synchronous, never throws: any internal failure is a `hold`. */
export interface Guard {
  /** Verdict for one command line (or a multi-line script). */
  check(command: string, context?: GuardContext): GuardResult;
}
