import { posix } from 'node:path';
import { hasAny, parseFlags, type ParsedFlags } from '../../../flags/parse-flags.js';
import type { CheckContext, ProgramCheck } from '../../../invocation.js';
import { literalArg, type Arg } from '../../../syntax/arg.js';
import { judgeGitMeaning } from './meaning.js';
import { aliasFor, checkConfigOverride, judgeConfigValue, parseGitCommand } from './global-options.js';
import {
  branchForceDelete,
  cleanForce,
  discardChanges,
  expireHistory,
  pushDelete,
  pushForce,
  pushForceWithLease,
  resetHard,
  rewriteHistory,
  rmRecursive,
  stashDrop,
  tagDelete,
  unknownSubcommand,
  worktreeForceRemove,
} from './rules.js';

/** Branches a force-push must never reach. */
const PROTECTED_BRANCH =
  /^(refs\/heads\/)?(main|master|trunk|develop|development|production|prod|staging|release([/-].*)?|HEAD)$/;

/** Subcommands git ships (porcelain and common plumbing); anything else is an alias or an extension. */
const KNOWN_SUBCOMMANDS = new Set(
  `add am annotate apply archive bisect blame branch bundle cat-file check-attr check-ignore check-mailmap
  check-ref-format checkout checkout-index cherry cherry-pick citool clean clone column commit commit-graph
  commit-tree config count-objects credential describe diff diff-files diff-index diff-tree difftool fetch
  fetch-pack filter-branch filter-repo for-each-ref for-each-repo format-patch fsck gc get-tar-commit-id grep gui
  hash-object help history hook index-pack init instaweb interpret-trailers log ls-files ls-remote ls-tree
  mailinfo mailsplit maintenance merge merge-base merge-file merge-tree mergetool mktag mktree multi-pack-index mv
  name-rev notes pack-objects pack-refs patch-id prune prune-packed pull push range-diff read-tree rebase reflog
  remote repack replace request-pull rerere reset restore rev-list rev-parse revert rm send-email shortlog show
  show-branch show-index show-ref sparse-checkout stage stash status stripspace submodule switch symbolic-ref tag
  unpack-file unpack-objects update-index update-ref update-server-info var verify-commit verify-pack verify-tag
  version whatchanged worktree write-tree lfs`.split(/\s+/),
);

const PUSH_FLAGS = {
  shortWithValue: 'o',
  longWithValue: ['repo', 'receive-pack', 'exec', 'push-option', 'recurse-submodules', 'signed'],
  longFlags: [
    'force',
    'force-with-lease',
    'force-if-includes',
    'mirror',
    'delete',
    'prune',
    'all',
    'tags',
    'dry-run',
  ],
  aliases: { f: 'force', d: 'delete', n: 'dry-run' },
};

function push(args: readonly Arg[], context: CheckContext): void {
  const parsed = parseFlags(args, PUSH_FLAGS);
  if (parsed.flags.has('dry-run')) return;
  const refspecs = parsed.operands.slice(1).map((arg) => arg.value);
  if (hasAny(parsed, 'force', 'mirror') || refspecs.some((ref) => ref.startsWith('+')))
    context.report(pushForce);
  if (hasAny(parsed, 'delete', 'prune') || refspecs.some((ref) => ref.startsWith(':')))
    context.report(pushDelete);
  if (parsed.flags.has('force-with-lease') && !parsed.flags.has('force')) {
    const targets = refspecs.map((ref) => ref.slice(ref.indexOf(':') + 1));
    if (targets.length === 0 || parsed.flags.has('all')) context.report(pushForceWithLease);
    else if (targets.some((target) => PROTECTED_BRANCH.test(target) || target.includes('\u{E000}')))
      context.report(pushForce);
  }
}

function reset(parsed: ParsedFlags, context: CheckContext): void {
  if (hasAny(parsed, 'hard', 'merge')) context.report(resetHard);
}

function checkout(args: readonly Arg[], context: CheckContext): void {
  const dashDash = args.findIndex((arg) => arg.value === '--');
  const parsed = parseFlags(args, {
    shortWithValue: 'bB',
    longWithValue: ['orphan', 'conflict', 'pathspec-from-file'],
    aliases: { f: 'force' },
  });
  if (hasAny(parsed, 'b', 'B', 'orphan')) return;
  if (parsed.flags.has('force') || parsed.flags.has('pathspec-from-file')) {
    context.report(discardChanges);
    return;
  }
  const pathspecs = dashDash >= 0 ? args.slice(dashDash + 1) : parsed.operands.slice(1);
  const wholeTree =
    parsed.operands.length === 1 && ['.', '*', ':/'].includes(parsed.operands[0]?.value ?? '');
  if (pathspecs.length > 0 || wholeTree || hasAny(parsed, 'ours', 'theirs')) context.report(discardChanges);
}

function restore(parsed: ParsedFlags, context: CheckContext): void {
  const staged = hasAny(parsed, 'staged', 'S');
  const worktree = hasAny(parsed, 'worktree', 'W');
  if (!staged || worktree) context.report(discardChanges);
}

function clean(parsed: ParsedFlags, context: CheckContext): void {
  if (hasAny(parsed, 'n', 'dry-run')) return;
  if (hasAny(parsed, 'f', 'force')) context.report(cleanForce);
}

function branch(parsed: ParsedFlags, context: CheckContext): void {
  const deletes = hasAny(parsed, 'd', 'delete');
  const force = hasAny(parsed, 'f', 'force');
  if (hasAny(parsed, 'D', 'M', 'C') || (deletes && force) || (force && parsed.operands.length > 0))
    context.report(branchForceDelete);
}

function gitRm(parsed: ParsedFlags, context: CheckContext, cwd: string | undefined): void {
  if (parsed.flags.has('cached') || !hasAny(parsed, 'r')) return;
  for (const operand of parsed.operands) {
    const kind = context.classify(
      cwd && !operand.value.startsWith('/') ? literalArg(posix.join(cwd, operand.value)) : operand,
    ).kind;
    if (kind !== 'project-build' && kind !== 'temp') context.report(rmRecursive);
  }
}

/** `git <sub>` options that take a value, so their values are not mistaken for operands. */
const SUBCOMMAND_FLAGS: Readonly<Record<string, Parameters<typeof parseFlags>[1]>> = {
  reset: { longFlags: ['hard', 'merge', 'soft', 'mixed', 'keep', 'help'] },
  restore: { shortWithValue: 's', longWithValue: ['source', 'pathspec-from-file'], aliases: { s: 'source' } },
  clean: { shortWithValue: 'e', longWithValue: ['exclude'], longFlags: ['force', 'dry-run'] },
  branch: {
    shortWithValue: 'ut',
    longWithValue: [
      'set-upstream-to',
      'track',
      'contains',
      'merged',
      'no-merged',
      'sort',
      'format',
      'points-at',
    ],
  },
  rm: { aliases: { force: 'f', recursive: 'r' } },
  tag: {
    shortWithValue: 'mFu',
    longWithValue: ['message', 'file', 'local-user', 'sort', 'contains', 'points-at', 'format'],
  },
};

/** The subcommand's own rules; returns false for an unknown subcommand. */
function judgeSubcommand(
  sub: string,
  args: readonly Arg[],
  context: CheckContext,
  cwd: string | undefined,
): boolean {
  const parsed = parseFlags(args, SUBCOMMAND_FLAGS[sub] ?? {});
  if (hasAny(parsed, 'help', 'h') && sub !== 'branch') return true;
  switch (sub) {
    case 'push':
      push(args, context);
      return true;
    case 'reset':
      reset(parsed, context);
      return true;
    case 'checkout':
      checkout(args, context);
      return true;
    case 'restore':
      restore(parsed, context);
      return true;
    case 'switch':
      if (hasAny(parsed, 'discard-changes', 'f', 'force')) context.report(discardChanges);
      return true;
    case 'clean':
      clean(parsed, context);
      return true;
    case 'branch':
      branch(parsed, context);
      return true;
    case 'stash':
      if (['drop', 'clear'].includes(parsed.operands[0]?.value ?? '')) context.report(stashDrop);
      return true;
    case 'rm':
      gitRm(parsed, context, cwd);
      return true;
    case 'filter-branch':
    case 'filter-repo':
      context.report(rewriteHistory);
      return true;
    case 'reflog':
      if (['expire', 'delete'].includes(parsed.operands[0]?.value ?? '')) context.report(expireHistory);
      return true;
    case 'gc':
    case 'prune':
      if (sub === 'prune' || args.some((arg) => /^--prune=(now|all)$/.test(arg.value))) {
        if (!hasAny(parsed, 'n', 'dry-run')) context.report(expireHistory);
      }
      return true;
    case 'update-ref':
      if (hasAny(parsed, 'd', 'stdin')) context.report(expireHistory);
      return true;
    case 'worktree':
      if (parsed.operands[0]?.value === 'remove' && hasAny(parsed, 'f', 'force'))
        context.report(worktreeForceRemove);
      return true;
    case 'tag':
      if (hasAny(parsed, 'd', 'delete')) context.report(tagDelete);
      return true;
    case 'config':
      if (parsed.operands.length >= 2)
        judgeConfigValue((parsed.operands[0] as Arg).value, parsed.operands[1] as Arg, context);
      return true;
    case 'submodule': {
      // the text after `foreach` (and its own options) is the command, flags included
      const at = args.findIndex((arg) => arg.value === 'foreach');
      let rest = at >= 0 ? args.slice(at + 1) : [];
      while (rest[0] && /^(--recursive|-q|--quiet)$/.test(rest[0].value)) rest = rest.slice(1);
      if (at >= 0) context.runScript(joinRest(rest));
      return true;
    }
    case 'rebase': {
      const exec = parseFlags(args, {
        shortWithValue: 'x',
        longWithValue: ['exec', 'onto', 'strategy', 'strategy-option'],
      });
      for (const command of [...(exec.values.get('x') ?? []), ...(exec.values.get('exec') ?? [])])
        context.runScript(command);
      return true;
    }
    case 'clone': {
      const clone = parseFlags(args, {
        shortWithValue: 'bocju',
        longWithValue: [
          'branch',
          'origin',
          'config',
          'depth',
          'reference',
          'template',
          'jobs',
          'upload-pack',
          'separate-git-dir',
          'filter',
        ],
      });
      const [url, directory] = clone.operands;
      const name =
        directory?.value ??
        url?.value
          .replace(/\.git$/, '')
          .split(/[/:]/)
          .pop();
      if (name)
        context.noteWritten(
          context.classify(cwd && !name.startsWith('/') ? posix.join(cwd, name) : name),
          'clone',
        );
      return true;
    }
    case 'bisect': {
      const at = args.findIndex((arg) => arg.value === 'run');
      if (at >= 0) context.runCommand(args.slice(at + 1));
      return true;
    }
    default:
      return KNOWN_SUBCOMMANDS.has(sub);
  }
}

/**
 * git's `ext::` transport runs its URL as a command (`git clone 'ext::sh -c touch% x'`, `-c remote.o.url=ext::…`):
 * arguments split on spaces, `% ` a space inside one, `%%` a percent sign, `%s`/`%S`/`%G` what git fills in.
 */
function runExtTransports(args: readonly Arg[], context: CheckContext): void {
  for (const arg of args) {
    const at = arg.value.indexOf('ext::');
    if (at < 0 || !/^(|[\w.-]+=|[\w.-]+\.(url|pushurl)=)$/i.test(arg.value.slice(0, at))) continue;
    // arguments are split on spaces that are not escaped; no shell reads them
    const argv = arg.value
      .slice(at + 5)
      .split(/(?<!%) +/)
      .filter(Boolean)
      .map((word) => ({
        ...arg,
        value: word.replace(/%(.)/g, (_, next: string) => (next === ' ' ? ' ' : next === '%' ? '%' : 'x')),
      }));
    context.runCommand(argv);
  }
}

function joinRest(args: readonly Arg[]): Arg {
  return { ...literalArg(args.map((arg) => arg.value).join(' ')), dynamic: args.some((arg) => arg.dynamic) };
}

const git: ProgramCheck = {
  programs: ['git'],
  check(invocation, context) {
    const command = parseGitCommand(invocation.args);
    for (const setting of command.config) checkConfigOverride(setting, context);
    for (const [name, value] of invocation.env) {
      if (
        /^(GIT_(SSH_COMMAND|PAGER|EDITOR|SEQUENCE_EDITOR|EXTERNAL_DIFF|ASKPASS)|PAGER|EDITOR|VISUAL)$/.test(
          name,
        ) &&
        value
      )
        context.runScript(value);
    }
    runExtTransports(invocation.args, context);
    const sub = command.subcommand;
    if (!sub) return;
    if (sub.dynamic) {
      context.report(unknownSubcommand);
      return;
    }
    const cwd = command.directories.reduce<string | undefined>(
      (dir, arg) =>
        arg.dynamic ? undefined : arg.value.startsWith('/') ? arg.value : dir && posix.join(dir, arg.value),
      invocation.cwd,
    );
    const alias = aliasFor(command.config, sub.value);
    if (alias) {
      if (!alias.value.startsWith('!'))
        context.runCommand([literalArg('git'), ...alias.value.split(/\s+/).map(literalArg), ...command.args]);
      return;
    }
    judgeGitMeaning(sub.value, command.args, command.config, invocation, context);
    if (!judgeSubcommand(sub.value, command.args, context, cwd)) context.report(unknownSubcommand);
  },
};

export const gitChecks: readonly ProgramCheck[] = [git];
