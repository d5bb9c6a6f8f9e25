import { posix } from 'node:path';
import type { CheckContext, RunOptions, Stdin, WriteOrigin } from '../invocation.js';
import { ANY_NAME, classifyPath, isWithin, type PathClass, type PathPlaces } from '../paths/classify-path.js';
import type { RuleInfo } from '../rule.js';
import { UNKNOWN, type Arg } from '../syntax/arg.js';
import type { Trust } from '../trust/trust.js';
import { displayArgs } from './program-name.js';
import type { Scope } from './scope.js';
import type { Session } from './session.js';

/** One program about to be dispatched, with what surrounds it. */
export interface Call {
  readonly scope: Scope;
  readonly depth: number;
  readonly env: ReadonlyMap<string, string | undefined>;
  readonly stdin: Stdin;
  readonly text: string;
  /** programs run by each command substitution of the command line, by the substitution's text */
  readonly substitutions: ReadonlyMap<string, ReadonlySet<string>>;
  readonly cwd: string | undefined;
  /** its output feeds the next command of a pipeline, not the terminal */
  readonly stdoutPiped?: boolean;
}

/** What runs the commands and scripts a wrapper hands back (the walker). */
export interface Runner {
  runArgv(argv: readonly Arg[], call: Call): void;
  runScript(text: Arg | string, call: Call, options: RunOptions): void;
  innerCall(call: Call, text: string, options: RunOptions): Call;
}

/** The context a check gets for one call: reporting, path classification, and running what it wraps. */
export class CallContext implements CheckContext {
  private places: PathPlaces | undefined;

  constructor(
    private readonly session: Session,
    private readonly call: Call,
    private readonly runner: Runner,
  ) {}

  get trust(): Trust {
    return this.session.trust;
  }

  get buildOutput(): 'allow' | 'hold' {
    return this.session.settings.buildOutput;
  }

  report(rule: RuleInfo, match?: string): void {
    this.session.report(rule, match ?? this.call.text);
  }

  classify(path: Arg | string): PathClass {
    const value = typeof path === 'string' ? path : this.fromMktemp(path);
    const glob = typeof path !== 'string' && path.glob;
    const key = `${this.call.cwd ?? '\u0000'}\u0000${glob ? '*' : ''}${value}`;
    const known = this.session.paths.get(key);
    if (known) return known;
    const { project, home, tmpdir, protectedPaths } = this.session.settings;
    this.places ??= { cwd: this.call.cwd, project, home, tmpdir, protectedPaths };
    const classified = classifyPath(value, this.places, glob);
    this.session.paths.set(key, classified);
    return classified;
  }

  /** `"$(mktemp -d)"` is a fresh path below the temporary directory. */
  private fromMktemp(arg: Arg): string {
    if (!arg.dynamic || !arg.value.startsWith(UNKNOWN) || arg.substitutions.length === 0) return arg.value;
    const programs = this.substitutionPrograms(arg);
    if (programs.size !== 1 || !programs.has('mktemp')) return arg.value;
    return `/tmp/${ANY_NAME}${arg.value.slice(UNKNOWN.length)}`;
  }

  substitutionPrograms(arg: Arg): ReadonlySet<string> {
    const programs = new Set<string>();
    for (const key of arg.substitutions) {
      for (const program of this.call.substitutions.get(key) ?? []) programs.add(program);
    }
    return programs;
  }

  runCommand(argv: readonly Arg[], options: RunOptions = {}): void {
    this.runner.runArgv(argv, this.runner.innerCall(this.call, displayArgs(argv), options));
  }

  runScript(text: Arg | string, options: RunOptions = {}): void {
    this.runner.runScript(text, this.call, options);
  }

  noteWritten(path: PathClass, how: WriteOrigin): void {
    const { written } = this.session;
    if (path.path && written.get(path.path) !== 'network') written.set(path.path, how);
  }

  writtenBy(path: PathClass): WriteOrigin | undefined {
    if (path.path.includes(ANY_NAME)) return this.writtenMatching(path.path);
    for (let dir = path.path; dir.length > 1; dir = posix.dirname(dir)) {
      const how = this.session.written.get(dir);
      if (how) return how;
    }
    return undefined;
  }

  /** A pattern path (`find /tmp -name x.sh` selects `/tmp/…/x.sh`) may be any file the line wrote that it matches. */
  private writtenMatching(pattern: string): WriteOrigin | undefined {
    const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // `dir/…/name` also matches `dir/name`: the part for "some entries" may be none
    const source = escaped.split(`${ANY_NAME}/`).join('(.*/)?').split(ANY_NAME).join('.*');
    const matcher = new RegExp(`^${source}(/|$)`);
    let found: WriteOrigin | undefined;
    for (const [written, how] of this.session.written) {
      if (matcher.test(written) && found !== 'network') found = how;
    }
    return found;
  }

  writtenWithin(path: PathClass): readonly string[] {
    if (!path.path) return [];
    return [...this.session.written.keys()].filter((written) => isWithin(written, path.path));
  }

  remember(key: string, value: string): void {
    this.session.facts.set(key, value);
  }

  recall(key: string): string | undefined {
    return this.session.facts.get(key);
  }

  noteSecretRead(match: string): void {
    this.session.secretRead ??= match;
  }

  noteNetworkSend(match: string): void {
    this.session.networkSend ??= match;
  }
}
