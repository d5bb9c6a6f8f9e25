import type { ProgramCheck } from '../../../invocation.js';
import { ANY_NAME } from '../../../paths/classify-path.js';
import { literalArg, unknownArg, type Arg } from '../../../syntax/arg.js';
import { reportDelete } from './delete.js';
import { reportWrite } from './writes.js';

/** Tests that take a value: skipping it keeps `-name -delete` from reading as an action. */
const TESTS_WITH_VALUE = new Set([
  'name',
  'iname',
  'path',
  'ipath',
  'wholename',
  'iwholename',
  'regex',
  'iregex',
  'lname',
  'ilname',
  'type',
  'xtype',
  'maxdepth',
  'mindepth',
  'newer',
  'anewer',
  'cnewer',
  'mtime',
  'mmin',
  'atime',
  'amin',
  'ctime',
  'cmin',
  'size',
  'user',
  'group',
  'uid',
  'gid',
  'perm',
  'links',
  'inum',
  'samefile',
  'used',
  'fstype',
  'context',
  'printf',
  'regextype',
  'newermt',
  'newerct',
  'newerat',
  'files0-from',
]);
const PATTERN_TESTS = new Set([
  'name',
  'iname',
  'path',
  'ipath',
  'wholename',
  'iwholename',
  'lname',
  'ilname',
]);
const EXEC_ACTIONS = new Set(['exec', 'execdir', 'ok', 'okdir']);
const FILE_ACTIONS = new Set(['fprint', 'fprint0', 'fprintf', 'fls']);

/** What a find command line selects and does. */
export interface FindPlan {
  /** the starting points (default `.`) */
  readonly roots: readonly Arg[];
  /** name or path patterns that narrow the selection */
  readonly patterns: readonly string[];
  readonly deletes: boolean;
  /** commands run per match, with `{}` still in place */
  readonly execs: readonly (readonly Arg[])[];
  /** files written by -fprint and friends */
  readonly writes: readonly Arg[];
  /** `-empty`: only empty files and directories match */
  readonly emptyOnly: boolean;
}

/** Splits find's arguments into starting points, patterns and actions. */
export function planFind(args: readonly Arg[]): FindPlan {
  const roots: Arg[] = [];
  const patterns: string[] = [];
  const execs: Arg[][] = [];
  const writes: Arg[] = [];
  let deletes = false;
  let emptyOnly = false;
  let i = 0;
  while (i < args.length && !isExpressionStart(args[i] as Arg)) roots.push(args[i++] as Arg);
  for (; i < args.length; i++) {
    const name = (args[i] as Arg).value.replace(/^-+/, '');
    if (name === 'delete') deletes = true;
    else if (name === 'empty') emptyOnly = true;
    else if (EXEC_ACTIONS.has(name)) {
      const inner: Arg[] = [];
      while (++i < args.length && ![';', '+'].includes((args[i] as Arg).value)) inner.push(args[i] as Arg);
      execs.push(inner);
    } else if (FILE_ACTIONS.has(name)) {
      const file = args[++i];
      if (file) writes.push(file);
      if (name === 'fprintf') i++;
    } else if (TESTS_WITH_VALUE.has(name)) {
      const value = args[++i];
      if (value && PATTERN_TESTS.has(name)) patterns.push(value.value);
    }
  }
  return { roots: roots.length ? roots : [literalArg('.')], patterns, deletes, execs, writes, emptyOnly };
}

/** The paths a find selects, as one path per starting point: the root itself, or "some entry below it matching the pattern". */
export function findSelection(plan: FindPlan): Arg[] {
  const pattern = plan.patterns.find((value) => !matchesEverything(value));
  return plan.roots.map((root) => {
    if (pattern === undefined || root.dynamic) return root;
    const name = pattern.replace(/^\*\//, '').replace(/[*?]+|\[[^\]]*\]/g, ANY_NAME);
    return { ...root, glob: false, value: `${root.value.replace(/\/+$/, '')}/${ANY_NAME}/${name}` };
  });
}

function isExpressionStart(arg: Arg): boolean {
  return !arg.dynamic && (arg.value.startsWith('-') || ['(', '!', ')', ','].includes(arg.value));
}

function matchesEverything(pattern: string): boolean {
  return pattern.replace(/[*?]|\[[^\]]*\]/g, '').replace(/\./g, '') === '';
}

/** find: -delete deletes the selection; -exec runs a command per match with `{}` standing for it. */
const find: ProgramCheck = {
  programs: ['find', 'gfind'],
  check(invocation, context) {
    const plan = planFind(invocation.args);
    const selection = findSelection(plan);
    for (const file of plan.writes) reportWrite(context.classify(file), invocation.text, context);
    if (plan.deletes && !plan.emptyOnly)
      for (const path of selection) reportDelete(context.classify(path), true, invocation.text, context);
    for (const inner of plan.execs) {
      for (const path of selection) {
        const argv = inner.map((arg) =>
          arg.value.includes('{}')
            ? { ...arg, value: arg.value.split('{}').join(path.value), dynamic: arg.dynamic || path.dynamic }
            : arg,
        );
        // the command inherits find's stdin (`find … -exec psql \; <<< 'DROP …'`)
        context.runCommand(argv, { stdin: invocation.stdin });
      }
    }
  },
};

/** fd's stand-ins for a match: `{}`, `{/}`, `{//}`, `{.}`, `{/.}`. */
const FD_PLACEHOLDER = /\{[/.]*\}/;

/** fd: -x/-X run a command per match (or on all of them), with the matches unknown. */
const fd: ProgramCheck = {
  programs: ['fd', 'fdfind'],
  check(invocation, context) {
    const at = invocation.args.findIndex((arg) => ['-x', '--exec', '-X', '--exec-batch'].includes(arg.value));
    if (at < 0) return;
    const inner = invocation.args.slice(at + 1);
    const end = inner.findIndex((arg) => arg.value === ';');
    const argv = end < 0 ? inner : inner.slice(0, end);
    const hasPlaceholder = argv.some((arg) => FD_PLACEHOLDER.test(arg.value));
    const withMatches = argv.map((arg) => (FD_PLACEHOLDER.test(arg.value) ? unknownArg() : arg));
    context.runCommand(hasPlaceholder ? withMatches : [...argv, unknownArg()]);
  },
};

export const findChecks: readonly ProgramCheck[] = [find, fd];
