import { parseFlags } from '../flags/parse-flags.js';
import type { CheckContext, Invocation, ProgramCheck, Stdin } from '../invocation.js';
import { dynamicScript } from '../rules/packs/parse.js';
import { pipeToShell, processSubstitutionToShell, reportIfWritten, schedule } from '../rules/packs/rce.js';
import { literalArg, type Arg } from '../syntax/arg.js';

// Shells and shell builtins that run text: `sh -c TEXT`, scripts, stdin, `eval`, `source`, `trap`, `at`.

/** Shells: the same options in every family that matters here. */
export const SHELLS: ReadonlySet<string> = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'mksh',
  'ash',
  'yash',
  'fish',
  'csh',
  'tcsh',
  'rbash',
  'busybox-sh',
]);

const SHELL_FLAGS = {
  shortWithValue: 'oO',
  longWithValue: ['rcfile', 'init-file'],
  longFlags: [
    'login',
    'norc',
    'noprofile',
    'posix',
    'restricted',
    'verbose',
    'noediting',
    'debugger',
    'help',
    'version',
    'command',
  ],
  aliases: { command: 'c' },
  stopAtOperand: true,
};

/** Operands that name standard input rather than a file. */
export function isStdinName(arg: Arg | undefined): boolean {
  return arg !== undefined && ['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0'].includes(arg.value);
}

/** Judges code a shell (or interpreter) reads from standard input: pipes are refused, heredocs are read. */
export function judgeStdinCode(
  stdin: Stdin,
  invocation: Invocation,
  context: CheckContext,
  readText: (text: Arg) => void,
): void {
  switch (stdin.kind) {
    case 'pipe':
      context.report(pipeToShell);
      return;
    case 'text':
      readText(stdin.source);
      return;
    case 'file':
      reportIfWritten(context.classify(stdin.path), invocation.text, context);
      return;
    case 'terminal':
      return;
  }
}

/** Judges a script file a shell or interpreter runs: a process substitution is remote code; a file written in this line is held. */
export function judgeScriptFile(file: Arg, invocation: Invocation, context: CheckContext): void {
  if (file.processSubstitution) context.report(processSubstitutionToShell);
  else if (file.dynamic) context.report(dynamicScript);
  else reportIfWritten(context.classify(file), invocation.text, context);
}

const shell: ProgramCheck = {
  programs: [...SHELLS],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, SHELL_FLAGS);
    if (parsed.flags.has('help') || parsed.flags.has('version')) return;
    const [first, ...rest] = parsed.operands;
    if (parsed.flags.has('c')) {
      if (first) context.runScript(first, { positional: rest.slice(1), stdin: invocation.stdin });
      return;
    }
    if (first && !parsed.flags.has('s') && !isStdinName(first)) {
      judgeScriptFile(first, invocation, context);
      return;
    }
    judgeStdinCode(invocation.stdin, invocation, context, (text) => context.runScript(text));
  },
};

/** eval joins its arguments and runs them as shell text. */
const evaluate: ProgramCheck = {
  programs: ['eval'],
  check(invocation, context) {
    const args = invocation.args;
    if (args.length === 0) return;
    const text = args.map((arg) => arg.value).join(' ');
    context.runScript({
      ...literalArg(text),
      dynamic: args.some((arg) => arg.dynamic),
      substitutions: args.flatMap((arg) => arg.substitutions),
    });
  },
};

/** source / `.` run a file in the current shell. */
const source: ProgramCheck = {
  programs: ['source', '.'],
  check(invocation, context) {
    const file = invocation.args[0];
    if (file && !isStdinName(file)) judgeScriptFile(file, invocation, context);
    else judgeStdinCode(invocation.stdin, invocation, context, (text) => context.runScript(text));
  },
};

/** trap 'TEXT' SIGNAL runs TEXT later in this shell. */
const trap: ProgramCheck = {
  programs: ['trap'],
  check(invocation, context) {
    const [action] = invocation.args;
    if (!action || action.value.startsWith('-') || action.value === '') return;
    context.runScript(action);
  },
};

/** at and batch read the commands to schedule from stdin or -f FILE. */
const at: ProgramCheck = {
  programs: ['at', 'batch'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, { shortWithValue: 'fqtm' });
    if (parsed.flags.has('l') || parsed.flags.has('c')) return;
    context.report(schedule);
    const file = parsed.values.get('f')?.[0];
    if (file) judgeScriptFile(file, invocation, context);
    else if (
      invocation.stdin.kind === 'pipe' &&
      invocation.stdin.from &&
      ['echo', 'printf'].includes(invocation.stdin.from.program)
    ) {
      context.runScript(invocation.stdin.from.args.map((arg) => arg.value).join(' '));
    } else judgeStdinCode(invocation.stdin, invocation, context, (text) => context.runScript(text));
  },
};

/** alias NAME='TEXT' makes NAME run TEXT later in the line. */
const alias: ProgramCheck = {
  programs: ['alias'],
  check(invocation, context) {
    for (const arg of invocation.args) {
      const eq = arg.value.indexOf('=');
      if (eq > 0) context.runScript({ ...arg, value: arg.value.slice(eq + 1) });
    }
  },
};

export const shellChecks: readonly ProgramCheck[] = [shell, evaluate, source, trap, at, alias];
