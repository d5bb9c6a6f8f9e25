import type { Invocation, CheckContext, ProgramCheck } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';

// Small readers shared by the egress checks: the words of a command line without its options, and the
// documented dry-run spellings.

/** Options that never take a value, so the word after them is not skipped. */
const BOOLEAN_LONG =
  /^--(recursive|force|yes|quiet|all|dry-run|no-[\w-]+|help|verbose|prod|production|public|private|push|admin|squash|merge|rebase|json|workspaces|access-public|build|release|draft|prerelease|latest|remote|local|stdin|skip-[\w-]+|frozen-lockfile|ci|insecure|silent)$/;

/** Operand words, skipping the value of a `--flag value` pair (`--dir dist`), and `-x value` pairs named in `shortWithValue`. */
export function plainWords(args: readonly Arg[], shortWithValue = ''): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = (args[i] as Arg).value;
    if (value === '--') {
      for (const rest of args.slice(i + 1)) words.push(rest.value);
      break;
    }
    if (value.startsWith('--')) {
      const next = args[i + 1]?.value;
      if (!value.includes('=') && next !== undefined && !next.startsWith('-') && !BOOLEAN_LONG.test(value))
        i++;
      continue;
    }
    if (value.startsWith('-') && value.length > 1) {
      if (value.length === 2 && shortWithValue.includes(value[1] as string)) i++;
      continue;
    }
    words.push(value);
  }
  return words;
}

/** The documented spellings of "show what would happen" that a publish or deploy honours. */
export function isDryRun(args: readonly Arg[]): boolean {
  return args.some((arg) => /^--(dry-?run|dry_run|noop|snapshot)(=true)?$/.test(arg.value));
}

/** Any of these options, in `--name`, `--name=value` or `-x` form. */
export function hasOption(args: readonly Arg[], ...names: string[]): boolean {
  return args.some((arg) => names.some((name) => arg.value === name || arg.value.startsWith(`${name}=`)));
}

/** The values of an option, from `--name value`, `--name=value`, `-x value` and `-xvalue`. */
export function optionValues(args: readonly Arg[], ...names: string[]): Arg[] {
  const values: Arg[] = [];
  args.forEach((arg, index) => {
    for (const name of names) {
      if (arg.value === name && args[index + 1]) values.push(args[index + 1] as Arg);
      else if (name.startsWith('--') && arg.value.startsWith(`${name}=`))
        values.push({ ...arg, value: arg.value.slice(name.length + 1) });
      else if (!name.startsWith('--') && arg.value.startsWith(name) && arg.value.length > name.length)
        values.push({ ...arg, value: arg.value.slice(name.length) });
    }
  });
  return values;
}

/**
 * A check for a set of programs that does not make them "known": it runs for every program and picks its own,
 * so a program the guard otherwise holds as unknown (`regctl`, `jf`) is still held for everything else it does.
 */
export function onlyFor(
  programs: readonly string[],
  check: { check(invocation: Invocation, context: CheckContext): void },
): ProgramCheck {
  const names = new Set(programs);
  return {
    programs: ['*'],
    check(invocation, context) {
      if (names.has(invocation.program)) check.check(invocation, context);
    },
  };
}
