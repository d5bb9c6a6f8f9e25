import type { PathClass } from './paths/classify-path.js';
import type { RuleInfo } from './rule.js';
import type { Arg } from './syntax/arg.js';
import type { Trust } from './trust/trust.js';

/** Where a command's standard input comes from. */
export type Stdin =
  /** the terminal (or whatever the agent's shell inherited) */
  | { readonly kind: 'terminal' }
  /** another command's output: a pipe or a process substitution */
  | { readonly kind: 'pipe'; readonly from: Upstream | undefined }
  /** a heredoc or here-string: its text (run-time parts are UNKNOWN, and `source` says which) */
  | { readonly kind: 'text'; readonly text: string; readonly source: Arg }
  /** a file (`< dump.sql`) */
  | { readonly kind: 'file'; readonly path: Arg };

/** The simple command feeding a pipe, when there is one (`echo / | xargs rm -rf`). */
export interface Upstream {
  readonly program: string;
  readonly args: readonly Arg[];
}

/**
 * How a file was written earlier in the line: downloaded, written locally, checked out by `git clone`, or built
 * by a compiler from sources the line did not write (running it runs project code).
 */
export type WriteOrigin = 'network' | 'local' | 'clone' | 'compiled';

/** One program about to run, after unwrapping: what the rules look at. */
export interface Invocation {
  /** normalized name: basename of any path, lower case, no `.exe` (`/usr/bin/RM` → `rm`) */
  readonly program: string;
  /** arguments after the program */
  readonly args: readonly Arg[];
  /** the command as written, or as unwrapped (`rm -rf ~` inside `sudo sh -c '…'`) */
  readonly text: string;
  /** variables set for this command only (`GIT_DIR=x git …`) */
  readonly env: ReadonlyMap<string, string | undefined>;
  readonly stdin: Stdin;
  /** the directory it runs in; undefined when only known at run time (after `cd $x`) */
  readonly cwd: string | undefined;
  /** how deep in wrappers and nested shells this command sits (0 = typed directly) */
  readonly depth: number;
  /** its output feeds the next command of a pipeline instead of the terminal */
  readonly stdoutPiped?: boolean;
}

/** What a check may do besides reading the invocation. */
export interface CheckContext {
  /** records that a rule matched; `match` defaults to the invocation's text */
  report(rule: RuleInfo, match?: string): void;
  /** classifies a path operand relative to where the command runs */
  classify(path: Arg | string): PathClass;
  /** the programs run by the command substitutions inside an argument (`$(curl …)` → curl) */
  substitutionPrograms(arg: Arg): ReadonlySet<string>;
  /** evaluates a command the invocation runs (`sudo CMD`, `xargs CMD`, `find -exec CMD`) */
  runCommand(argv: readonly Arg[], options?: RunOptions): void;
  /** evaluates shell text the invocation runs (`sh -c TEXT`, `eval`, `ssh host TEXT`, a git alias) */
  runScript(text: Arg | string, options?: RunOptions): void;
  /** remembers a file the line writes; `network` when its content was downloaded */
  noteWritten(path: PathClass, how: WriteOrigin): void;
  /** how a file was written earlier in the line, if it was */
  writtenBy(path: PathClass): WriteOrigin | undefined;
  /** the absolute paths the line wrote earlier at or below a path (what `git add DIR` would pick up) */
  writtenWithin(path: PathClass): readonly string[];
  /** remembers that the line reads a secret; together with a network send it is exfiltration */
  noteSecretRead(match: string): void;
  /** remembers that the line sends data over the network */
  noteNetworkSend(match: string): void;
  /** remembers a fact for the rest of the line (`git config clean.requireForce false` before `git clean`) */
  remember(key: string, value: string): void;
  /** a fact remembered earlier in the line */
  recall(key: string): string | undefined;
  /** whether deleting project build output is allowed (default) or held */
  readonly buildOutput: 'allow' | 'hold';
  /** which hosts and remotes may receive code, data or secrets */
  readonly trust: Trust;
}

/** How an inner command differs from its wrapper's. */
export interface RunOptions {
  readonly stdin?: Stdin;
  readonly env?: ReadonlyMap<string, string | undefined>;
  /** the directory it runs in (`git -C dir`, `find -execdir`, `env -C dir`); null when unknown */
  readonly cwd?: string | null;
  /** `$1`, `$2`… for `sh -c TEXT name args` */
  readonly positional?: readonly Arg[];
  /** a remote host or container: paths there are not this machine's, so the cwd is unknown */
  readonly remote?: boolean;
}

/** A check for one family of programs: reports the rules that match an invocation, and runs what it wraps. */
export interface ProgramCheck {
  /** program names after normalization (`rm`, `git`, `mkfs.ext4`) */
  readonly programs: readonly string[];
  check(invocation: Invocation, context: CheckContext): void;
}

/** A named group of rules with the checks that report them. */
export interface Pack {
  /** `core.fs`, `core.git`… */
  readonly id: string;
  /** one line for the docs */
  readonly summary: string;
  readonly rules: readonly RuleInfo[];
  readonly checks: readonly ProgramCheck[];
}

/** Identity helper that types a pack. */
export function definePack(pack: Pack): Pack {
  return pack;
}
