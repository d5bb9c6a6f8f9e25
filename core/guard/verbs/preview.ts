import type { CheckContext } from '../invocation.js';
import type { RuleInfo } from '../rule.js';
import type { Arg } from '../syntax/arg.js';
import { hasDryRunFlag, isHelpRequest } from './verb-model.js';

// Help and documented dry runs: the command prints or previews and changes nothing, so the rules about what it
// would change do not apply. Rules about what it runs on the way (config that executes, remote code, secrets)
// still do.

/** Rules a preview cannot excuse: what runs or leaks even when nothing is changed. */
const STILL_APPLIES =
  /^core\.(rce|secrets|parse|input|self)\.|^core\.git\.config-exec$|^core\.verbs\.(env-runs-code|renamed-deleter|runs-named-program)$/;

/** Programs that document `-n` (or another short form) as a dry run, and the subcommands it applies to. */
const SHORT_DRY_RUN: Readonly<Record<string, { readonly flag: RegExp; readonly words?: RegExp }>> = {
  git: { flag: /^-[a-z]*n[a-z]*$/, words: /^(clean|push|rm|add|mv)$/ },
  rsync: { flag: /^-[a-zA-Z]*n[a-zA-Z]*$/ },
  make: { flag: /^(-[a-zA-Z]*n[a-zA-Z]*|--just-print|--recon)$/ },
  gmake: { flag: /^(-[a-zA-Z]*n[a-zA-Z]*|--just-print|--recon)$/ },
  restic: { flag: /^-n$/ },
  borg: { flag: /^-n$/ },
  brew: { flag: /^-n$/, words: /^(cleanup|autoremove|bundle)$/ },
  'apt-get': { flag: /^(-[a-zA-Z]*s[a-zA-Z]*|--just-print|--recon|--no-act)$/ },
  apt: { flag: /^(-s|--just-print|--no-act)$/ },
  'ansible-playbook': { flag: /^(-C|--check)$/ },
  ansible: { flag: /^(-C|--check)$/ },
  rclone: { flag: /^-n$/ },
};

/** Programs with checks of their own that also run another command: `--help` there may belong to it. */
export const PASSES_THROUGH: ReadonlySet<string> = new Set([
  'ssh',
  'mosh',
  'tmux',
  'screen',
  'watch',
  'find',
  'fd',
  'xargs',
  'parallel',
  'env',
  'sudo',
  'git-bisect',
]);

/** Programs that pass their arguments on to something else: a dry-run flag there belongs to what they run. */
const PASS_THROUGH = new Set([
  'npm',
  'pnpm',
  'yarn',
  'bun',
  'npx',
  'bunx',
  'pnpx',
  'uv',
  'uvx',
  'poetry',
  'just',
  'task',
  'go',
  'cargo-run',
  'mise',
  'deno',
  'dotnet',
  'gradle',
  'gradlew',
  'mvn',
  'mvnw',
  'rake',
  'bundle',
  'composer',
  'php',
  'node',
  'python',
  'python3',
  'ruby',
  'perl',
]);

/** Subcommands of pass-through programs that document `--dry-run` themselves. */
const OWN_DRY_RUN =
  /^(publish|unpublish|pack|version|dist-tag|install|ci|update|uninstall|remove|add|prune|dedupe|audit|package|yank|owner|login|logout)$/;

/** Whether this command only prints help or previews: `--help`, `help`, or a dry run the program documents. */
export function isPreview(
  program: string,
  args: readonly Arg[],
  subcommandCli: boolean,
  passesThrough: boolean,
): boolean {
  if (passesThrough) return false;
  if (isHelpRequest(args) && (subcommandCli || !args.some((arg) => !arg.value.startsWith('-')))) return true;
  const first = args.find((arg) => !arg.value.startsWith('-'))?.value ?? '';
  if (PASS_THROUGH.has(program) && !OWN_DRY_RUN.test(first)) return false;
  const short = SHORT_DRY_RUN[program];
  if ((subcommandCli || short) && hasDryRunFlag(args)) return true;
  if (!short) return false;
  if (short.words && !short.words.test(subcommandOf(args))) return false;
  return args.some((arg) => short.flag.test(arg.value) && arg.value !== '--');
}

/** The first positional word, skipping the values of `-c`/`-C`-style global options (`git -C dir clean -n`). */
function subcommandOf(args: readonly Arg[]): string {
  for (let i = 0; i < args.length; i++) {
    const value = (args[i] as Arg).value;
    if (/^(-c|-C|--git-dir|--work-tree|--namespace|--config-env)$/.test(value)) i++;
    else if (!value.startsWith('-')) return value;
  }
  return '';
}

/** A check context for a preview: reports of rules about changes are dropped, everything else passes. */
export function previewContext(context: CheckContext): CheckContext {
  return new Proxy(context, {
    get(target, key, receiver) {
      if (key === 'report')
        return (rule: RuleInfo, match?: string) => {
          if (STILL_APPLIES.test(rule.id)) target.report(rule, match);
        };
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
