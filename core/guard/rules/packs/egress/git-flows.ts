import { parseFlags } from '../../../flags/parse-flags.js';
import type { CheckContext, ProgramCheck } from '../../../invocation.js';
import { ANY_NAME, dotGlobMatchesSecret, type PathClass } from '../../../paths/classify-path.js';
import { literalArg, type Arg } from '../../../syntax/arg.js';
import { hostOf, serviceOwns } from '../../../trust/hosts.js';
import { parseGitCommand } from '../git/global-options.js';
import { commitSecret, deploy, foreignPush, secretSent } from './rules.js';
import { secretsIn } from './secret-names.js';
import { judgeRedirect } from './redirects.js';

// git as a way out: pushes to remotes the project does not have, deploy remotes, tokens in clone URLs,
// secret files force-added, and URL rewrites that send every fetch and push elsewhere.

/** Remote names that are deploy targets by convention. */
const DEPLOY_REMOTE =
  /^(heroku|dokku|prod|production|live|deploy|deployment|staging|release|platform|azure|scalingo|clever|pythonanywhere)([-_].*)?$/i;
/** Hosts (or users) that deploy whatever is pushed to them. */
const DEPLOY_HOST =
  /(^|\.)(heroku\.com|scalingo\.com|clever-cloud\.com|azurewebsites\.net|platform\.sh|pythonanywhere\.com|dokku\.[\w.]+)$/i;

const PUSH = {
  shortWithValue: 'o',
  longWithValue: ['repo', 'receive-pack', 'exec', 'push-option', 'recurse-submodules', 'signed'],
  longFlags: [
    'force',
    'force-with-lease',
    'mirror',
    'delete',
    'prune',
    'all',
    'tags',
    'dry-run',
    'set-upstream',
  ],
  aliases: { n: 'dry-run', u: 'set-upstream' },
};

/** A remote operand that is a URL or a path rather than a name. */
function isLocation(value: string): boolean {
  return /[:/]/.test(value) || value.startsWith('.') || value.startsWith('~');
}

function judgePush(args: readonly Arg[], context: CheckContext): void {
  const parsed = parseFlags(args, PUSH);
  if (parsed.flags.has('dry-run')) return;
  const repo = parsed.values.get('repo')?.[0] ?? parsed.operands[0];
  if (!repo) {
    // a push without a remote goes to the branch's remote, origin unless configured: judged as a push to
    // origin, so a line that re-points origin first is seen
    judgePush([literalArg('origin'), ...args], context);
    return;
  }
  if (repo.dynamic) {
    context.report(foreignPush);
    return;
  }
  const name = isLocation(repo.value) ? undefined : repo.value;
  const url = name === undefined ? repo.value : context.trust.resolve(name);
  const host = url ? hostOf(url) : undefined;
  if (
    (name && DEPLOY_REMOTE.test(name)) ||
    (host && DEPLOY_HOST.test(host)) ||
    (url && /^dokku@/.test(url))
  ) {
    context.report(deploy);
    return;
  }
  if (!url || (name && context.trust.remoteName(name))) return;
  if (name === undefined) judgeUrlSecrets(repo, context);
  if (!context.trust.pushUrl(url)) context.report(foreignPush);
}

/** A token in a URL (`https://$GITHUB_TOKEN@host/…`) is fine only for the service it belongs to. */
function judgeUrlSecrets(url: Arg, context: CheckContext): void {
  const names = secretsIn(url);
  if (names.length === 0) return;
  const host = hostOf(url.value);
  if (!host || (!context.trust.host(host) && !names.every((name) => serviceOwns(name, host))))
    context.report(secretSent);
}

/** The options of `git remote add` that take a value. */
const REMOTE = { shortWithValue: 'tm', longWithValue: ['mirror', 'track', 'master'] };

function judgeRemote(args: readonly Arg[], context: CheckContext): void {
  const parsed = parseFlags(args, REMOTE);
  const [verb, name, url] = parsed.operands.map((arg) => arg.value);
  if (!verb || !name) return;
  if ((verb === 'add' || verb === 'set-url') && url !== undefined) {
    const location = parsed.operands[2] as Arg;
    context.trust.addRemote(name, location.dynamic && secretsIn(location).length === 0 ? undefined : url);
    judgeUrlSecrets(location, context);
  } else if (verb === 'rename' && url !== undefined)
    context.trust.addRemote(url, context.trust.resolve(name));
}

/** `git config KEY VALUE` and `git -c KEY=VALUE`: URL rewrites, and remote URLs set by hand. */
function judgeConfigEntry(key: string, value: string | undefined, context: CheckContext): void {
  const lower = key.toLowerCase();
  const rewrite = /^url\.(.+)\.(insteadof|pushinsteadof)$/i.exec(key);
  if (rewrite?.[1]) {
    judgeRedirect(rewrite[1], context);
    return;
  }
  const remote = /^remote\.(.+)\.(url|pushurl)$/.exec(lower);
  if (remote?.[1] && value !== undefined) context.trust.addRemote(remote[1], value);
}

const CONFIG = { shortWithValue: 'f', longWithValue: ['file', 'blob', 'type', 'default', 'comment'] };

/** The options of `git add`/`git stage` that take a value. */
const ADD = {
  aliases: { force: 'f', all: 'A', 'no-ignore-removal': 'A' },
  longWithValue: ['chmod', 'pathspec-from-file'],
};

/**
 * `git add .env`, `git add -f .env`: a secret file staged, so the next commit and push carry it; and a wide
 * add (`-A`, `.`, a directory) that picks up a secret file the same line wrote.
 */
function judgeAdd(args: readonly Arg[], context: CheckContext): void {
  const parsed = parseFlags(args, ADD);
  const named = pathspecs(parsed.operands);
  const wide = named.map((operand) => context.classify(operand));
  // `.*` and `.[a-z]*` take every hidden file of their directory, `.env` among them
  const hidden = named.some(
    (operand) =>
      operand.glob &&
      dotGlobMatchesSecret((operand.value.split('/').pop() ?? '').replace(/[*?]+|\[[^\]]*\]/g, ANY_NAME)),
  );
  if (hidden || wide.some((path) => path.secret)) return context.report(commitSecret);
  if (parsed.operands.length === 0 && parsed.flags.has('A')) wide.push(context.classify('.'));
  reportWrittenSecrets(wide, context);
}

/**
 * Pathspecs as paths: magic prefixes removed (`:(top).env`, `:/.env`, `:/` for the whole tree); exclusions
 * (`:!x`, `:(exclude)x`) stage nothing.
 */
function pathspecs(operands: readonly Arg[]): Arg[] {
  const paths: Arg[] = [];
  for (const operand of operands) {
    const magic = /^:(\([^)]*\)|[/!^]*)/.exec(operand.value);
    if (!magic) paths.push(operand);
    else if (!/[!^]|exclude/.test(magic[0])) {
      const rest = operand.value.slice(magic[0].length);
      paths.push({ ...operand, value: rest === '' ? '.' : rest });
    }
  }
  return paths;
}

/** Secret files written earlier in the line at or below the paths a command stages. */
function reportWrittenSecrets(paths: readonly PathClass[], context: CheckContext): void {
  for (const path of paths) {
    if (context.writtenWithin(path).some((written) => context.classify(written).secret))
      return context.report(commitSecret);
  }
}

/** The options of `git commit` that take a value (its operands are pathspecs it stages first). */
const COMMIT = {
  shortWithValue: 'mFCctS',
  longWithValue: [
    'message',
    'file',
    'reuse-message',
    'reedit-message',
    'fixup',
    'squash',
    'author',
    'date',
    'template',
    'cleanup',
    'trailer',
    'pathspec-from-file',
    'untracked-files',
  ],
  aliases: { message: 'm', file: 'F', 'reuse-message': 'C', 'reedit-message': 'c', template: 't' },
};

/** `git commit -m x .env`, `git update-index --add .env`: a secret file put in a commit by name. */
function judgeStagedByName(sub: string, args: readonly Arg[], context: CheckContext): void {
  if (sub === 'update-index' && !args.some((arg) => arg.value === '--add')) return; // only --add stages a new file
  const parsed = parseFlags(args, sub === 'commit' ? COMMIT : { longWithValue: ['cacheinfo', 'chmod'] });
  const paths = pathspecs(parsed.operands).map((operand) => context.classify(operand));
  if (paths.some((path) => path.secret)) context.report(commitSecret);
  else if (sub === 'commit') reportWrittenSecrets(paths, context);
}

const gitFlows: ProgramCheck = {
  programs: ['git'],
  check(invocation, context) {
    const command = parseGitCommand(invocation.args);
    for (const setting of command.config) {
      const eq = setting.value.indexOf('=');
      judgeConfigEntry(
        eq < 0 ? setting.value : setting.value.slice(0, eq),
        eq < 0 ? undefined : setting.value.slice(eq + 1),
        context,
      );
    }
    const sub = command.subcommand?.value;
    const args = command.args;
    if (args.some((arg) => arg.value === '--help' || arg.value === '-h')) return;
    switch (sub) {
      case 'push':
        judgePush(args, context);
        return;
      case 'remote':
        judgeRemote(args, context);
        return;
      case 'config': {
        const operands = parseFlags(args, CONFIG).operands;
        const [key, value] = operands.map((arg) => arg.value);
        if (key && operands.length >= 2) judgeConfigEntry(key, value, context);
        return;
      }
      case 'add':
      case 'stage':
        judgeAdd(args, context);
        return;
      case 'commit':
      case 'update-index':
        judgeStagedByName(sub, args, context);
        return;
      case 'clone':
      case 'fetch':
      case 'pull':
      case 'ls-remote':
      case 'submodule':
        for (const arg of args) if (hostOf(arg.value) !== undefined) judgeUrlSecrets(arg, context);
        return;
      default:
        return;
    }
  },
};

export const gitFlowChecks: readonly ProgramCheck[] = [gitFlows];
