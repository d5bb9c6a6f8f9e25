import { posix } from 'node:path';
import type {
  AndOr,
  Command,
  CompoundList,
  PipelineNode,
  Redirection,
  Statement,
  SyntaxNode,
  Word,
} from 'unbash';
import type { CheckContext, Invocation, RunOptions, Stdin, Upstream } from '../invocation.js';
import { truncated } from '../rules/packs/input.js';
import {
  dynamicCommand,
  dynamicScript,
  syntaxError,
  tooComplex,
  tooDeep,
  unknownProgram,
  unknownWrapper,
} from '../rules/packs/parse.js';
import { NETWORK_FETCHERS, remoteScript, reportIfWritten } from '../rules/packs/rce.js';
import { forkBomb } from '../rules/packs/system.js';
import type { ProgramCheck } from '../invocation.js';
import { literalArg, UNKNOWN, type Arg } from '../syntax/arg.js';
import { expandWord, expandWordJoined, type VarLookup, type VarValue } from '../syntax/expand-word.js';
import { parseScript } from '../syntax/parse-script.js';
import { substitutionsIn } from '../syntax/substitutions.js';
import { printsNothing, reportEmptied } from '../rules/packs/verbs/emptying.js';
import { verbChange, verbDestroy, verbPublish } from '../rules/packs/verbs/rules.js';
import { isPreview, PASSES_THROUGH, previewContext } from '../verbs/preview.js';
import { judgeVerbs } from '../verbs/verb-model.js';
import { classifyWord } from '../verbs/verb-words.js';
import { isPathInvocation, normalizeProgram } from './program-name.js';
import { CallContext, type Call } from './call-context.js';
import { applyRedirect } from './redirects.js';
import { childScope, lookupIn, type Scope } from './scope.js';
import type { Session } from './session.js';

/** Finds the checks for a program and tells known programs from unknown ones. */
export interface Registry {
  /** checks for this program, then the checks every program gets */
  checksFor(program: string): readonly ProgramCheck[];
  /** a program the guard knows: benign, or with checks of its own */
  isKnown(program: string): boolean;
  /** a program with checks of its own (an unknown program wrapping one is an unknown wrapper) */
  hasChecks(program: string): boolean;
  /** a program whose only checks unwrap what it runs (sudo, sh, xargs): its flags may belong to what it runs */
  wrapsOnly(program: string): boolean;
  /** a program that takes paths rather than subcommands (rm, dd, chmod) */
  takesPaths(program: string): boolean;
}

/** Where in the input a node sits, and how deep in wrappers. */
interface Frame {
  readonly source: string;
  readonly depth: number;
}

/** A function defined earlier in the line: its body runs, with the call's arguments, wherever it is called. */
interface FunctionBody {
  readonly body: SyntaxNode;
  readonly source: string;
}

const LOOP_UNROLL = 8;
const NO_VARIABLES: ReadonlyMap<string, string | undefined> = new Map();
const NO_SUBSTITUTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map();
/** Characters without which a word cannot contain a substitution (`$(`, backquotes, `<(`, `>(`). */
const MAY_SUBSTITUTE = /[$`<>]/;
const DECLARATIONS = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/** Walks every execution position of a script like the shell would, and hands each program to its checks. */
export class Walker {
  private readonly functions = new Map<string, FunctionBody>();
  private readonly calling: string[] = [];
  private readonly collectors: Set<string>[] = [];
  /** set while walking a pipeline element whose output feeds the next one */
  private pipedOut = false;

  constructor(
    private readonly session: Session,
    private readonly registry: Registry,
  ) {}

  /** Parses shell text and walks it; parse problems are reported, and huge scripts are not walked. */
  walkSource(source: string, scope: Scope, depth: number, stdin: Stdin = { kind: 'terminal' }): void {
    if (depth > this.session.settings.limits.maxDepth) {
      this.session.report(tooDeep, source);
      return;
    }
    const { script, problem } = parseScript(source, this.session.settings.limits.maxNodes);
    if (problem?.kind === 'too-large') {
      this.session.report(tooComplex, source);
      return;
    }
    if (problem && !this.session.settings.message)
      this.session.report(syntaxError, `${source.slice(0, 80)} (${problem.message} at ${problem.pos})`);
    this.walkList(script.commands, scope, { source, depth }, stdin);
  }

  private walkList(statements: readonly Statement[], scope: Scope, frame: Frame, stdin: Stdin): void {
    for (const statement of statements) this.walkNode(statement.command, scope, frame, stdin);
  }

  private walkNode(
    node: PipelineNode | AndOr,
    scope: Scope,
    frame: Frame,
    stdin: Stdin,
  ): Upstream | undefined {
    this.session.checkTime();
    switch (node.type) {
      case 'AndOr':
        for (const command of node.commands) this.walkNode(command, scope, frame, stdin);
        return undefined;
      case 'Pipeline': {
        let upstream: Upstream | undefined;
        node.commands.forEach((command, index) => {
          const input: Stdin = index === 0 ? stdin : { kind: 'pipe', from: upstream };
          this.pipedOut = index < node.commands.length - 1;
          upstream = this.walkNode(
            command,
            node.commands.length > 1 ? childScope(scope) : scope,
            frame,
            input,
          );
        });
        return undefined;
      }
      case 'Command':
        return this.simpleCommand(node, scope, frame, stdin);
      case 'Subshell':
        this.walkList(node.body.commands, childScope(scope), frame, stdin);
        return undefined;
      case 'BraceGroup':
        this.walkList(node.body.commands, scope, frame, stdin);
        return undefined;
      case 'If':
        for (const list of [
          node.clause,
          node.then,
          ...node.elif.flatMap((e) => [e.clause, e.then]),
          node.else,
        ]) {
          if (list) this.walkList(list.commands, scope, frame, stdin);
        }
        return undefined;
      case 'While':
        this.walkList(node.clause.commands, scope, frame, stdin);
        this.walkList(node.body.commands, scope, frame, stdin);
        return undefined;
      case 'For':
      case 'Select':
        this.walkLoop(node.name.value, node.wordlist, node.body, scope, frame, stdin);
        return undefined;
      case 'ArithmeticFor':
      case 'TestCommand':
      case 'ArithmeticCommand':
        this.walkSubstitutions(node, scope, frame);
        if (node.type === 'ArithmeticFor') this.walkList(node.body.commands, scope, frame, stdin);
        return undefined;
      case 'Case':
        this.walkSubstitutions(node.word, scope, frame);
        for (const item of node.items) {
          for (const pattern of item.pattern) this.walkSubstitutions(pattern, scope, frame);
          this.walkList(item.body.commands, scope, frame, stdin);
        }
        return undefined;
      case 'Redirected': {
        const input = this.applyRedirects(
          node.redirects,
          scope,
          frame,
          stdin,
          frame.source.slice(node.pos, node.end),
        );
        return this.walkNode(node.command, scope, frame, input);
      }
      case 'Function':
        this.functions.set(node.name.value, { body: node.body, source: frame.source });
        scope.functions.add(node.name.value);
        return undefined;
      case 'Coproc':
        this.walkBody(node.body, scope, frame, stdin);
        return undefined;
      default: {
        const never: never = node;
        throw new Error(`unexpected syntax node ${(never as SyntaxNode).type}`);
      }
    }
  }

  private walkBody(body: SyntaxNode, scope: Scope, frame: Frame, stdin: Stdin): void {
    if (body.type === 'CompoundList') this.walkList(body.commands, scope, frame, stdin);
    else this.walkNode(body as PipelineNode, scope, frame, stdin);
  }

  /** A `for` loop over literal words runs its body once per word; over anything else, once with the variable unknown. */
  private walkLoop(
    name: string,
    words: readonly Word[] | undefined,
    body: CompoundList,
    scope: Scope,
    frame: Frame,
    stdin: Stdin,
  ): void {
    for (const word of words ?? []) this.walkSubstitutions(word, scope, frame);
    const lookup = this.lookup(scope);
    const values = words?.flatMap((word) => expandWord(word, lookup));
    const known =
      values && values.length <= LOOP_UNROLL && values.every((value) => !value.dynamic && !value.glob);
    const runs: VarValue[] = known ? values.map((value) => value.value) : [undefined];
    for (const value of runs) {
      scope.vars.set(name, value);
      this.walkList(body.commands, scope, frame, stdin);
    }
  }

  /** Walks the substitutions inside a word-level node; returns the programs each one runs, by its text. */
  private walkSubstitutions(
    node: SyntaxNode,
    scope: Scope,
    frame: Frame,
    programs = new Map<string, Set<string>>(),
  ): Map<string, Set<string>> {
    if ((node.type === 'Word' || node.type === 'Assignment') && !MAY_SUBSTITUTE.test(node.text))
      return programs;
    for (const substitution of substitutionsIn(node)) {
      const collected = new Set<string>();
      this.collectors.push(collected);
      try {
        const nested = { source: substitution.script.source ?? frame.source, depth: frame.depth + 1 };
        const stdin: Stdin = substitution.readsPipe
          ? { kind: 'pipe', from: undefined }
          : { kind: 'terminal' };
        if (nested.depth > this.session.settings.limits.maxDepth)
          this.session.report(tooDeep, substitution.text);
        else this.walkList(substitution.script.commands, childScope(scope), nested, stdin);
      } finally {
        this.collectors.pop();
      }
      programs.set(substitution.text, collected);
    }
    return programs;
  }

  private simpleCommand(command: Command, scope: Scope, frame: Frame, stdin: Stdin): Upstream | undefined {
    const text = frame.source.slice(command.pos, command.end);
    const piped = this.pipedOut;
    this.pipedOut = false;
    const substitutions = new Map<string, Set<string>>();
    for (const node of command.prefix) this.walkSubstitutions(node, scope, frame, substitutions);
    if (command.name) this.walkSubstitutions(command.name, scope, frame, substitutions);
    for (const node of command.suffix) this.walkSubstitutions(node, scope, frame, substitutions);
    const lookup = this.lookup(scope);
    let env: Map<string, string | undefined> | undefined;
    for (const item of command.prefix) {
      if (item.type !== 'Assignment') continue;
      const value = assignedValue(item.value, lookup);
      if (command.name) (env ??= new Map()).set(item.name, typeof value === 'string' ? value : undefined);
      else scope.vars.set(item.name, value);
    }
    const argv: Arg[] = command.name ? [...expandWord(command.name, lookup)] : [];
    const writer = NETWORK_FETCHERS.has(normalizeProgram(argv[0]?.value ?? '')) ? 'network' : 'local';
    const input = this.applyRedirects(command.redirects, scope, frame, stdin, text, writer);
    if (!command.name) {
      this.reportEmptiedRedirects(command.redirects, scope, frame, text);
      return undefined;
    }
    let cutOff = looksCutOff(command.name);
    const declared: [string, VarValue][] = [];
    for (const item of command.suffix) {
      if (item.type === 'Word') {
        cutOff ||= looksCutOff(item);
        for (const field of expandWord(item, lookup)) argv.push(field);
      } else if (item.type === 'Assignment') {
        const value = assignedValue(item.value, lookup);
        declared.push([item.name, value]);
        argv.push({ ...literalArg(`${item.name}=${typeof value === 'string' ? value : UNKNOWN}`) });
      }
    }
    if (cutOff) this.session.report(truncated, text);
    if (printsNothing(argv)) this.reportEmptiedRedirects(command.redirects, scope, frame, text);
    if (argv.length === 0) return undefined;
    if (DECLARATIONS.has(argv[0]?.value ?? ''))
      for (const [name, value] of declared) scope.vars.set(name, value);
    const call: Call = {
      scope,
      depth: frame.depth,
      env: env ?? NO_VARIABLES,
      stdin: input,
      text,
      substitutions,
      cwd: scope.cwd,
      ...(piped ? { stdoutPiped: true } : {}),
    };
    this.runArgv(argv, call);
    const [name, ...args] = argv;
    return name ? { program: normalizeProgram(name.value), args } : undefined;
  }

  /** `: > file`, `> file`, `cat /dev/null > file`: the redirect leaves the file empty. */
  private reportEmptiedRedirects(
    redirects: readonly Redirection[],
    scope: Scope,
    frame: Frame,
    text: string,
  ): void {
    const targets: Arg[] = [];
    for (const redirect of redirects) {
      if (redirect.type === 'HereDoc' || redirect.type === 'HereString' || !redirect.target) continue;
      if (/^(>|>\||&>)$/.test(redirect.operator))
        targets.push(expandWordJoined(redirect.target, this.lookup(scope)));
    }
    if (targets.length > 0)
      reportEmptied(targets, this.contextFor(this.bareCall(scope, frame.depth, text)), text);
  }

  private applyRedirects(
    redirects: readonly Redirection[],
    scope: Scope,
    frame: Frame,
    stdin: Stdin,
    match: string,
    writer: 'network' | 'local' = 'local',
  ): Stdin {
    if (redirects.length === 0) return stdin;
    let input = stdin;
    const context = this.contextFor(this.bareCall(scope, frame.depth, match));
    for (const redirect of redirects) {
      this.walkSubstitutions(redirect, scope, frame);
      input = applyRedirect(redirect, this.lookup(scope), input, context, match, writer);
    }
    return input;
  }

  /** Dispatches one command: builtins that change the walk, then the program's checks, then unknown programs. */
  runArgv(argv: readonly Arg[], call: Call): void {
    this.session.checkTime();
    const [name, ...args] = argv;
    if (!name) return;
    if (call.depth > this.session.settings.limits.maxDepth) {
      this.session.report(tooDeep, call.text);
      return;
    }
    if (name.dynamic) {
      this.session.report(dynamicCommand, call.text);
      return;
    }
    if (name.expanded) this.session.report(dynamicCommand, call.text);
    const service = /^\/etc\/(init\.d|rc\.d)\/([\w.@-]+)$/.exec(name.value);
    if (service) {
      this.runArgv([literalArg('service'), literalArg(service[2] as string), ...args], call);
      return;
    }
    const program = normalizeProgram(name.value);
    for (const collector of this.collectors) collector.add(program);
    if (this.functions.has(name.value) && call.scope.functions.has(name.value)) {
      this.callFunction(name.value, args, call);
      return;
    }
    if (this.shellBuiltin(program, args, call)) return;
    const invocation: Invocation = {
      program,
      args,
      text: call.text,
      env: call.env,
      stdin: call.stdin,
      cwd: call.cwd,
      depth: call.depth,
      ...(call.stdoutPiped ? { stdoutPiped: true } : {}),
    };
    const preview = isPreview(
      program,
      args,
      !this.registry.takesPaths(program),
      this.registry.wrapsOnly(program) || PASSES_THROUGH.has(program),
    );
    const context = preview ? previewContext(this.contextFor(call)) : this.contextFor(call);
    for (const user of this.session.settings.userRules) {
      const joined = args.map((arg) => arg.value).join(' ');
      if (user.program === program && (!user.args || user.args.test(joined)))
        this.session.report(user.rule, call.text);
    }
    for (const check of this.registry.checksFor(program)) check.check(invocation, context);
    if (!this.registry.isKnown(program) && !preview) this.unknownProgram(name, args, call, context);
  }

  /** `cd`, `trap` and other builtins that change how the rest of the line is walked. */
  private shellBuiltin(program: string, args: readonly Arg[], call: Call): boolean {
    switch (program) {
      case 'cd':
      case 'pushd': {
        const target = args.find((arg) => !arg.value.startsWith('-') || arg.value === '-');
        call.scope.cwd = this.changeDirectory(target, call.scope.cwd);
        return true;
      }
      case 'popd':
        call.scope.cwd = undefined;
        return true;
      case 'read':
      case 'mapfile':
      case 'readarray':
        for (const arg of args) if (!arg.value.startsWith('-')) call.scope.vars.set(arg.value, undefined);
        return false;
      default:
        return false;
    }
  }

  private changeDirectory(target: Arg | undefined, cwd: string | undefined): string | undefined {
    const { home } = this.session.settings;
    if (!target) return home;
    if (target.dynamic || target.value === '-') return undefined;
    const value = target.value;
    const expanded = value === '~' || value.startsWith('~/') ? home + value.slice(1) : value;
    if (expanded.startsWith('/')) return posix.normalize(expanded);
    return cwd === undefined ? undefined : posix.join(cwd, expanded);
  }

  /** A function runs its body with the call's arguments as `$1`…; calling itself from its body is a fork bomb. */
  private callFunction(name: string, args: readonly Arg[], call: Call): void {
    if (this.calling.includes(name)) {
      this.session.report(forkBomb, call.text);
      return;
    }
    const fn = this.functions.get(name) as FunctionBody;
    this.calling.push(name);
    try {
      const frame = { source: fn.source, depth: call.depth + 1 };
      this.walkBody(fn.body, childScope(call.scope, { positional: args }), frame, call.stdin);
    } finally {
      this.calling.pop();
    }
  }

  /** A program named by a path inside the project runs project code (allowed unless written in this line); anything else is unknown. */
  private unknownProgram(name: Arg, args: readonly Arg[], call: Call, context: CheckContext): void {
    if (isPathInvocation(name.value)) {
      const path = context.classify(name);
      if (path.kind === 'project-source' || path.kind === 'project-build' || path.kind === 'temp') {
        reportIfWritten(path, call.text, context);
        return;
      }
    }
    if (this.session.settings.message) return;
    const judged = judgeVerbs(args, this.session.settings.verbs);
    if (judged.kind === 'destroy') {
      this.session.report(verbDestroy, call.text);
      return;
    }
    const wraps = args.findIndex(
      (arg, index) => index < 3 && this.registry.hasChecks(normalizeProgram(arg.value)),
    );
    if (wraps >= 0) {
      // judge what it seems to wrap too: `proxy git reset --hard` is at least as bad as `git reset --hard`
      this.session.report(unknownWrapper, call.text);
      context.runCommand(args.slice(wraps), { stdin: call.stdin, env: call.env });
      return;
    }
    // an argument that reads as a command (`--command 'rm -rf ~'`, `--exec 'sh -c …'`) may be run by it
    for (const arg of args) {
      const first = /^\s*([\w./-]+)\s/.exec(arg.value)?.[1];
      if (first && this.registry.hasChecks(normalizeProgram(first))) context.runScript(arg);
    }
    // a program named for destroying (`nuke`, `wipe-cache`) is no read whatever its subcommand says
    if (judged.kind === 'read' && classifyWord(normalizeProgram(name.value)) !== 'destroy') return;
    const rule =
      judged.kind === 'publish'
        ? verbPublish
        : judged.kind === 'change' && !judged.guessed
          ? verbChange
          : unknownProgram;
    this.session.report(rule, call.text);
  }

  private contextFor(call: Call): CheckContext {
    return new CallContext(this.session, call, this);
  }

  /** The call for a command a wrapper runs: one level deeper, its own stdin, cwd and environment. */
  innerCall(call: Call, text: string, options: RunOptions): Call {
    const cwd = options.remote ? undefined : options.cwd === null ? undefined : (options.cwd ?? call.cwd);
    return {
      ...call,
      scope: options.remote ? childScope(call.scope, { cwd: undefined }) : call.scope,
      depth: call.depth + 1,
      env: options.env ?? call.env,
      stdin: options.stdin ?? { kind: 'terminal' },
      text,
      cwd,
    };
  }

  /** Shell text run by a wrapper: run-time text is held (blocked when it comes from the network), the rest is parsed and walked. */
  runScript(text: Arg | string, call: Call, options: RunOptions): void {
    const arg = typeof text === 'string' ? literalArg(text) : text;
    if (arg.dynamic) {
      const programs = this.contextFor(call).substitutionPrograms(arg);
      const fromNetwork = [...programs].some((program) => NETWORK_FETCHERS.has(program));
      this.session.report(fromNetwork ? remoteScript : dynamicScript, call.text);
    }
    const cwd = options.remote ? undefined : options.cwd === null ? undefined : (options.cwd ?? call.cwd);
    const scope = childScope(call.scope, { cwd, positional: options.positional });
    this.walkSource(arg.value, scope, call.depth + 1, options.stdin);
  }

  private bareCall(scope: Scope, depth: number, text: string): Call {
    return {
      scope,
      depth,
      env: NO_VARIABLES,
      stdin: { kind: 'terminal' },
      text,
      substitutions: NO_SUBSTITUTIONS,
      cwd: scope.cwd,
    };
  }

  private lookup(scope: Scope): VarLookup {
    return lookupIn(scope, this.session.settings);
  }
}

/** An unquoted `…` in a word: the command was cut off for display, so what follows is unknown. */
function looksCutOff(word: Word): boolean {
  if (!word.text.includes('…')) return false;
  const parts = word.parts;
  if (!parts) return word.text.includes('…');
  return parts.some((part) => part.type === 'Literal' && part.value.includes('…'));
}

function assignedValue(
  value: Word | { type: 'ArrayValue'; elements: readonly Word[] },
  lookup: VarLookup,
): VarValue {
  if (value.type === 'ArrayValue') {
    const items = value.elements.flatMap((element) => expandWord(element, lookup));
    return items.some((item) => item.dynamic) ? undefined : items.map((item) => item.value);
  }
  const arg = expandWordJoined(value, lookup);
  return arg.dynamic ? undefined : arg.value;
}
