import type { CheckContext, Invocation } from '../../../invocation.js';
import { literalArg, type Arg } from '../../../syntax/arg.js';
import { gitMoveBranch } from '../verbs/rules.js';
import { judgeConfigValue } from './global-options.js';
import { cleanForce, discardChanges, pushForce, rewriteHistory } from './rules.js';

// What changes the meaning of a harmless git command: configuration from the command line, the environment or
// an earlier `git config` in the same line (clean without -f, mirror and forced pushes), option abbreviations,
// plumbing that moves branches or overwrites the work tree, and subcommands that run commands.

/** Branches whose move loses shared history. */
const SHARED_BRANCH = /^refs\/heads\/(main|master|trunk|develop|production|prod|staging|release.*)$/;

/** Configuration in effect: `-c` overrides, `GIT_CONFIG_*` variables and `git config` earlier in the line. */
function effectiveConfig(
  config: readonly Arg[],
  invocation: Invocation,
  context: CheckContext,
): Map<string, string> {
  const settings = new Map<string, string>();
  for (const key of ['clean.requireforce', 'push.default']) {
    const value = context.recall(`git:${key}`);
    if (value !== undefined) settings.set(key, value);
  }
  const remembered = context.recall('git:remote-settings');
  if (remembered)
    for (const line of remembered.split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) settings.set(line.slice(0, eq), line.slice(eq + 1));
    }
  const env = invocation.env;
  const count = Number(env.get('GIT_CONFIG_COUNT') ?? 0);
  const fromEnv: Arg[] = [];
  for (let i = 0; i < Math.min(count, 32); i++) {
    const key = env.get(`GIT_CONFIG_KEY_${i}`);
    if (key) fromEnv.push(literalArg(`${key}=${env.get(`GIT_CONFIG_VALUE_${i}`) ?? ''}`));
  }
  for (const match of (env.get('GIT_CONFIG_PARAMETERS') ?? '').matchAll(/'([^']*)'\s*=\s*'([^']*)'/g))
    fromEnv.push(literalArg(`${match[1]}=${match[2]}`));
  for (const setting of fromEnv) {
    const eq = setting.value.indexOf('=');
    judgeConfigValue(setting.value.slice(0, eq), { ...setting, value: setting.value.slice(eq + 1) }, context);
  }
  for (const setting of [...fromEnv, ...config]) {
    const eq = setting.value.indexOf('=');
    if (eq > 0) settings.set(setting.value.slice(0, eq).toLowerCase(), setting.value.slice(eq + 1));
  }
  return settings;
}

/** `git config [scope] KEY VALUE` earlier in the line: remembered for the commands after it. */
function rememberConfig(args: readonly Arg[], context: CheckContext): void {
  const operands = args.filter((arg) => !arg.value.startsWith('-'));
  const [key, value] = operands;
  if (!key || !value) return;
  const name = key.value.toLowerCase();
  if (name === 'clean.requireforce' || name === 'push.default') context.remember(`git:${name}`, value.value);
  else if (/^remote\..+\.(mirror|push)$/.test(name)) {
    const previous = context.recall('git:remote-settings');
    context.remember('git:remote-settings', `${previous ? `${previous}\n` : ''}${name}=${value.value}`);
  }
}

/** Options whose value is a command git runs (`clone --upload-pack`, `push --receive-pack`, `difftool -x`). */
const COMMAND_OPTION = /^(--upload-pack|--receive-pack|--exec|--extcmd|-x)(=(.*))?$/;

/** Runs the shell text of git's command-valued options. */
function runCommandOptions(values: readonly string[], context: CheckContext): void {
  values.forEach((value, index) => {
    const match = COMMAND_OPTION.exec(value);
    if (!match) return;
    const script = match[2] ? match[3] : values[index + 1];
    if (script) context.runScript(script);
  });
}

/** An abbreviation git accepts for `--force` (`--for`, `--forc`). */
const FORCE_ABBREVIATION = /^--forc?e?$/;

/** Judges what the git pack's subcommand rules do not see; called for every git command. */
export function judgeGitMeaning(
  sub: string,
  args: readonly Arg[],
  config: readonly Arg[],
  invocation: Invocation,
  context: CheckContext,
): void {
  const settings = effectiveConfig(config, invocation, context);
  const values = args.map((arg) => arg.value);
  const flag = (pattern: RegExp) => values.some((value) => pattern.test(value));
  switch (sub) {
    case 'config':
      rememberConfig(args, context);
      return;
    case 'clean':
      if (settings.get('clean.requireforce') === 'false' && !flag(/^(-[a-z]*n[a-z]*|--dry-run)$/))
        context.report(cleanForce);
      return;
    case 'push': {
      runCommandOptions(values, context);
      const mirror = [...settings].some(
        ([key, value]) => /^remote\..+\.mirror$/.test(key) && value === 'true',
      );
      const forcedRefspec = [...settings].some(
        ([key, value]) => /^remote\..+\.push$/.test(key) && value.startsWith('+'),
      );
      if (mirror || forcedRefspec || settings.get('push.default') === 'mirror' || flag(FORCE_ABBREVIATION))
        context.report(pushForce);
      return;
    }
    case 'checkout':
    case 'switch': {
      if (flag(FORCE_ABBREVIATION)) context.report(discardChanges);
      const at = values.findIndex((value) => /^-[BC]$/.test(value));
      const startPoint = at >= 0 ? values.slice(at + 2).find((value) => !value.startsWith('-')) : undefined;
      const branch = at >= 0 ? values[at + 1] : undefined;
      // resetting a shared branch, or any branch back to an older commit, loses what only it pointed to
      if (startPoint && branch && (SHARED_BRANCH.test(`refs/heads/${branch}`) || /[~^]|@\{/.test(startPoint)))
        context.report(gitMoveBranch);
      return;
    }
    case 'read-tree':
      if (flag(/^-[a-z]*u[a-z]*$/) && (flag(/^--reset$/) || flag(/^-[a-z]*m[a-z]*$/)))
        context.report(gitMoveBranch);
      return;
    case 'checkout-index':
      if (flag(/^(-f|--force|-[a-z]*f[a-z]*)$/) && !flag(/^--prefix=/)) context.report(gitMoveBranch);
      return;
    case 'update-ref': {
      const [ref, target] = values.filter(
        (value, index) => !value.startsWith('-') && values[index - 1] !== '-m',
      );
      if (ref && target && (SHARED_BRANCH.test(ref) || /[~^]|@\{|^0{7,}$/.test(target)))
        context.report(gitMoveBranch);
      return;
    }
    case 'submodule':
      if (values.includes('deinit') && flag(/^(-f|--force)$/)) context.report(gitMoveBranch);
      return;
    case 'replace':
      if (flag(/^(-f|--force)$/)) context.report(rewriteHistory);
      return;
    case 'clone':
    case 'fetch':
    case 'pull':
    case 'ls-remote':
    case 'difftool':
    case 'archive':
      runCommandOptions(values, context);
      return;
    case 'send-email':
      for (const [index, value] of values.entries()) {
        const inline = /^--(sendmail-cmd|smtp-server)=(.*)$/.exec(value);
        const script = inline
          ? inline[2]
          : /^--(sendmail-cmd|smtp-server)$/.test(value)
            ? values[index + 1]
            : undefined;
        if (
          script &&
          (inline?.[1] === 'sendmail-cmd' || values[index] === '--sendmail-cmd' || script.startsWith('/'))
        )
          context.runScript(script);
      }
      return;
    default:
      return;
  }
}
