import { parseFlags } from '../flags/parse-flags.js';
import type { CheckContext, ProgramCheck, Stdin } from '../invocation.js';
import { ANY_NAME } from '../paths/classify-path.js';
import { DELETERS } from '../rules/packs/fs/delete.js';
import { findSelection, planFind } from '../rules/packs/fs/find.js';
import { pipedDelete } from '../rules/packs/fs/rules.js';
import { PASS_THROUGH } from '../rules/packs/verbs/emptying.js';
import { literalArg, unknownArg, type Arg } from '../syntax/arg.js';

// xargs and parallel: a command run once per item read from stdin (or listed after :::).

const MAX_ITEMS = 16;

/** What a pipe feeds as items: echo's words, find's selection, ls's entries; anything else is unknown. */
export function itemsFrom(stdin: Stdin): Arg[] {
  if (stdin.kind === 'text') return words(stdin.text);
  if (stdin.kind !== 'pipe' || !stdin.from) return [unknownArg()];
  let { program, args } = stdin.from;
  // `nice echo .env | xargs git add`: what a pass-through wrapper prints is what it runs prints
  if (PASS_THROUGH.test(program)) {
    const inner = args.findIndex((arg) => /^(echo|printf|find|ls)$/.test(arg.value.replace(/^.*\//, '')));
    if (inner < 0) return [unknownArg()];
    program = (args[inner] as Arg).value.replace(/^.*\//, '');
    args = args.slice(inner + 1);
  }
  if ((program === 'echo' || program === 'printf') && args.every((arg) => !arg.dynamic)) {
    return words(
      args
        .filter((arg) => !arg.value.startsWith('-') || program === 'printf')
        .map((arg) => arg.value)
        .join(' '),
    );
  }
  if (program === 'find') return findSelection(planFind(args));
  if (program === 'ls') {
    const listsDirs = args.some((arg) => /^-[a-zA-Z]*d/.test(arg.value));
    const paths = args.filter((arg) => !arg.value.startsWith('-'));
    if (paths.length === 0) return [literalArg(`./${ANY_NAME}`)];
    return paths.map((path) =>
      listsDirs || path.glob ? path : { ...path, value: `${path.value.replace(/\/+$/, '')}/${ANY_NAME}` },
    );
  }
  return [unknownArg()];
}

/** The lines a command reads on stdin as whole commands (`echo 'make a' | parallel`); unknown unless shown. */
function commandLines(stdin: Stdin): Arg[] {
  const from = stdin.kind === 'pipe' ? stdin.from : undefined;
  const text =
    stdin.kind === 'text'
      ? stdin.text
      : from && /^(echo|printf)$/.test(from.program) && from.args.every((arg) => !arg.dynamic)
        ? from.args
            .filter((arg) => !/^-[neE]+$/.test(arg.value) || from.program === 'printf')
            .map((arg) => arg.value)
            .join(' ')
        : undefined;
  if (text === undefined) return [unknownArg()];
  return text
    .replace(/\\n/g, '\n')
    .split('\n')
    .filter((line) => line.trim())
    .slice(0, MAX_ITEMS)
    .map(literalArg);
}

function words(text: string): Arg[] {
  return text.replace(/\\n/g, '\n').split(/\s+/).filter(Boolean).slice(0, MAX_ITEMS).map(literalArg);
}

/** Runs the inner command once per item: `{}`/REPLACE stands for the item, or the item is appended. */
function runPerItem(
  inner: readonly Arg[],
  items: readonly Arg[],
  replace: string | undefined,
  context: CheckContext,
): void {
  const [program] = inner;
  if (!program) return;
  if (DELETERS.has(program.value.split('/').pop() ?? '')) {
    const kinds = items.map((item) => context.classify(item).kind);
    if (kinds.some((kind) => kind !== 'project-build' && kind !== 'temp')) context.report(pipedDelete);
  }
  for (const item of items) {
    const argv = replace ? inner.map((arg) => substitute(arg, replace, item)) : [...inner, item];
    context.runCommand(argv, { stdin: { kind: 'terminal' } });
  }
  // appended items may be none (xargs runs the command once on empty input): `echo | xargs cp a ~/.bashrc`
  // copies onto its last operand
  if (!replace && (items.length === 0 || items.some((item) => item.dynamic)))
    context.runCommand(inner, { stdin: { kind: 'terminal' } });
}

/** An argument with the replace string (`{}`) standing for an item. */
function substitute(arg: Arg, replace: string, item: Arg): Arg {
  if (!arg.value.includes(replace)) return arg;
  return { ...arg, value: arg.value.split(replace).join(item.value), dynamic: arg.dynamic || item.dynamic };
}

const xargs: ProgramCheck = {
  programs: ['xargs', 'gxargs'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, {
      shortWithValue: 'adEILlnPsi',
      longWithValue: [
        'arg-file',
        'delimiter',
        'eof',
        'replace',
        'max-lines',
        'max-args',
        'max-procs',
        'max-chars',
        'process-slot-var',
      ],
      stopAtOperand: true,
    });
    const replace =
      parsed.values.get('I')?.[0]?.value ??
      parsed.values.get('replace')?.[0]?.value ??
      (parsed.flags.has('i') ? '{}' : undefined);
    const fromFile = parsed.values.has('a') || parsed.values.has('arg-file');
    const items = fromFile ? [unknownArg()] : itemsFrom(invocation.stdin);
    runPerItem(parsed.operands, items, replace, context);
  },
};

const parallel: ProgramCheck = {
  programs: ['parallel'],
  check(invocation, context) {
    const args = invocation.args;
    const separator = args.findIndex((arg) => /^:::+\+?$/.test(arg.value));
    const head = separator < 0 ? args : args.slice(0, separator);
    const parsed = parseFlags(head, {
      shortWithValue: 'jSIaE',
      longWithValue: [
        'jobs',
        'sshlogin',
        'arg-file',
        'delimiter',
        'joblog',
        'results',
        'tmpdir',
        'timeout',
        'retries',
      ],
      stopAtOperand: true,
    });
    const items =
      separator < 0
        ? itemsFrom(invocation.stdin)
        : args[separator]?.value === ':::'
          ? args.slice(separator + 1).filter((arg) => !/^:::/.test(arg.value))
          : [unknownArg()];
    const inner = parsed.operands;
    // no command: each item is a command line of its own (`parallel ::: 'make a' 'make b'`)
    if (inner.length === 0) {
      for (const line of separator < 0 ? commandLines(invocation.stdin) : items) context.runScript(line);
      return;
    }
    if (inner.length === 1 && /\s/.test(inner[0]?.value ?? '')) {
      for (const item of items) context.runScript((inner[0] as Arg).value.split('{}').join(item.value));
      return;
    }
    runPerItem(inner, items, inner.some((arg) => arg.value.includes('{}')) ? '{}' : undefined, context);
  },
};

export const xargsChecks: readonly ProgramCheck[] = [xargs, parallel];
