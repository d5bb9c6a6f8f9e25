import type { CheckContext } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';
import { configExec } from './rules.js';

/** A git command line split at the subcommand. */
export interface GitCommand {
  /** `-C dir` (the last one wins; relative ones stack) */
  readonly directories: readonly Arg[];
  /** `-c name=value` overrides */
  readonly config: readonly Arg[];
  readonly subcommand: Arg | undefined;
  readonly args: readonly Arg[];
}

const GLOBAL_WITH_VALUE = new Set([
  '-C',
  '-c',
  '--git-dir',
  '--work-tree',
  '--namespace',
  '--super-prefix',
  '--config-env',
  '--exec-path',
  '--list-cmds',
  '--attr-source',
]);

/** Skips git's global options (`-C`, `-c`, `--git-dir`, `--work-tree`, …) to find the subcommand. */
export function parseGitCommand(args: readonly Arg[]): GitCommand {
  const directories: Arg[] = [];
  const config: Arg[] = [];
  let index = 0;
  while (index < args.length) {
    const arg = args[index] as Arg;
    const value = arg.value;
    if (!value.startsWith('-') || arg.dynamic) break;
    const [name] = value.split('=', 1) as [string];
    const inline = value.includes('=') && name.startsWith('--');
    if (GLOBAL_WITH_VALUE.has(name)) {
      const next = inline ? { ...arg, value: value.slice(name.length + 1) } : args[index + 1];
      if (name === '-C' && next) directories.push(next);
      if ((name === '-c' || name === '--config-env') && next) config.push(next);
      index += inline ? 1 : 2;
      continue;
    }
    index += 1;
  }
  return { directories, config, subcommand: args[index], args: args.slice(index + 1) };
}

/** Config keys whose value is a shell command git runs. */
const COMMAND_KEYS = [
  /^core\.(pager|editor|sshcommand|askpass)$/,
  /^sequence\.editor$/,
  /^diff\.external$/,
  /^(diff|merge|filter)\..+\.(textconv|command|driver|clean|smudge|process)$/,
  /^pager\..+$/,
  /^credential(\..+)?\.helper$/,
  /^gpg(\..+)?\.program$/,
  /^uploadpack\.packobjectshook$/,
  /^(difftool|mergetool)\..+\.cmd$/,
];

/** Config keys that name a program or directory of programs the guard cannot read. */
const PROGRAM_KEYS = [/^core\.(hookspath|fsmonitor)$/];

/** Evaluates config that makes git run commands: `!` aliases, pagers, editors, filters. */
export function checkConfigOverride(setting: Arg, context: CheckContext): void {
  const eq = setting.value.indexOf('=');
  if (eq < 0) return;
  judgeConfigValue(setting.value.slice(0, eq), { ...setting, value: setting.value.slice(eq + 1) }, context);
}

/** Judges one config key and value, from `-c key=value` or `git config key value`. */
export function judgeConfigValue(rawKey: string, value: Arg, context: CheckContext): void {
  const key = rawKey.toLowerCase();
  if (key.startsWith('alias.')) {
    if (value.value.startsWith('!')) context.runScript({ ...value, value: value.value.slice(1) });
    return;
  }
  if (PROGRAM_KEYS.some((pattern) => pattern.test(key))) {
    // core.fsmonitor may be shell text git runs (`rm -rf ~`), not only a program's path
    if (key === 'core.fsmonitor' && /\s/.test(value.value)) context.runScript(value);
    const inProject = context.classify(value).kind === 'project-source';
    if (!['false', 'true', ''].includes(value.value) && !inProject) context.report(configExec);
    return;
  }
  if (/^credential(\..+)?\.helper$/.test(key) && !value.value.startsWith('!')) return;
  if (COMMAND_KEYS.some((pattern) => pattern.test(key))) {
    context.runScript({ ...value, value: value.value.replace(/^!/, '') });
  }
}

/** The alias a `-c alias.NAME=…` override defines for a subcommand, if any. */
export function aliasFor(config: readonly Arg[], subcommand: string): Arg | undefined {
  for (const setting of config) {
    const eq = setting.value.indexOf('=');
    if (eq > 0 && setting.value.slice(0, eq).toLowerCase() === `alias.${subcommand.toLowerCase()}`) {
      return { ...setting, value: setting.value.slice(eq + 1) };
    }
  }
  return undefined;
}
