import type { CheckContext, ProgramCheck } from '../../../invocation.js';
import type { PathClass } from '../../../paths/classify-path.js';
import type { Arg } from '../../../syntax/arg.js';
import { emptiesFile } from './rules.js';

// Files destroyed without rm: emptied by a redirect of nothing (`: > f`, `> f`, `cat /dev/null > f`),
// `truncate -s 0`, `cp /dev/null f`, `dd if=/dev/null of=f`, `tee f < /dev/null`.

/** Names of files a project keeps under version control: source code, manifests, docs, the repository itself. */
const KEPT_NAME =
  /\.(ts|tsx|js|jsx|mjs|cjs|py|go|rs|java|kt|rb|c|h|cc|cpp|hpp|cs|swift|php|scala|sh|sql|vue|svelte|css|scss|html|md|rst|toml|ya?ml|json|mod|sum|gradle|xml|lock|ex|exs|erl|hs|ml|lua|pl|r|dart|tf)$|^(Makefile|Dockerfile|Gemfile|Rakefile|Procfile|Justfile|README.*|LICENSE.*|CHANGELOG.*|\.gitignore|\.gitattributes|\.env.*)$/i;

/** True for a file worth keeping: in the repository metadata, home or system, or a tracked-looking project file. */
export function isKeptFile(path: PathClass): boolean {
  if (['project-vcs', 'home-sensitive', 'system', 'root'].includes(path.kind)) return true;
  if (path.kind !== 'project-source') return false;
  return KEPT_NAME.test(path.path.slice(path.path.lastIndexOf('/') + 1));
}

/** Reports each target that is a kept file. */
export function reportEmptied(
  targets: readonly (Arg | string)[],
  context: CheckContext,
  match?: string,
): void {
  for (const target of targets) if (isKeptFile(context.classify(target))) context.report(emptiesFile, match);
}

/** Programs whose output is the output of the command they run (`nice cat /dev/null > f` empties f). */
export const PASS_THROUGH =
  /^(command|builtin|exec|nice|timeout|gtimeout|env|sudo|doas|run0|nohup|stdbuf|setsid|flock|ionice|chrt|taskset|time|unbuffer|noglob|xargs)$/;
/** Programs that can print nothing, found after a pass-through wrapper. */
const SILENT_CANDIDATE = /^(:|true|false|cat|echo|printf)$/;

/** Commands that print nothing, so `CMD > file` leaves the file empty (also behind `nice`, `sudo`, `/bin/cat`…). */
export function printsNothing(argv: readonly Arg[]): boolean {
  const values = argv.map((arg, index) => (index === 0 ? arg.value.replace(/^.*\//, '') : arg.value));
  if (values[0] !== undefined && PASS_THROUGH.test(values[0])) {
    const inner = values.findIndex(
      (value, index) => index > 0 && SILENT_CANDIDATE.test(value.replace(/^.*\//, '')),
    );
    return inner > 0 && printsNothing(argv.slice(inner));
  }
  const [name, ...args] = values;
  if (name === undefined) return true;
  if (/^(:|true|false)$/.test(name)) return true;
  if (name === 'cat') return args.length > 0 && args.every((arg) => arg === '/dev/null');
  if (name === 'echo') return args.every((arg) => /^-[neE]*n[neE]*$/.test(arg) || arg === '');
  if (name === 'printf') return args.length === 0 || args.every((arg) => arg === '');
  return false;
}

const truncate: ProgramCheck = {
  programs: ['truncate'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const size = values.findIndex((value) => /^(-s|--size)$/.test(value));
    const inline = values.find((value) => /^(-s|--size=)/.test(value) && value.length > 2);
    const amount = size >= 0 ? values[size + 1] : inline?.replace(/^(-s|--size=)/, '');
    if (amount === undefined || !/^(0|-\d+.*|<.*|\/.*)$/.test(amount)) return;
    const files = invocation.args.filter((arg, index) => !arg.value.startsWith('-') && index !== size + 1);
    reportEmptied(files, context);
  },
};

/** `cp /dev/null FILE` and `dd if=/dev/null of=FILE` copy nothing over the file. */
const copyNothing: ProgramCheck = {
  programs: ['cp', 'dd', 'install'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    if (invocation.program === 'dd') {
      const from = values.find((value) => value.startsWith('if='));
      const to = values.find((value) => value.startsWith('of='));
      if (from === 'if=/dev/null' && to) reportEmptied([to.slice(3)], context);
      return;
    }
    const operands = invocation.args.filter((arg) => !arg.value.startsWith('-'));
    if (operands.length === 2 && operands[0]?.value === '/dev/null')
      reportEmptied([operands[1] as Arg], context);
  },
};

/** `tee FILE < /dev/null` writes nothing into FILE. */
const teeNothing: ProgramCheck = {
  programs: ['tee'],
  check(invocation, context) {
    const stdin = invocation.stdin;
    const empty =
      (stdin.kind === 'file' && stdin.path.value === '/dev/null') ||
      (stdin.kind === 'text' && stdin.text === '');
    if (!empty || invocation.args.some((arg) => /^(-a|--append)$/.test(arg.value))) return;
    reportEmptied(
      invocation.args.filter((arg) => !arg.value.startsWith('-')),
      context,
    );
  },
};

export const emptyingChecks: readonly ProgramCheck[] = [truncate, copyNothing, teeNothing];
