import type { CheckContext, Invocation, ProgramCheck } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';
import { judgeVerbs } from '../../../verbs/verb-model.js';
import { repairFilesystem, verbChange, verbDestroy, verbPublish } from './rules.js';

// Known programs whose subcommands must meet the verb model: secret managers that also run commands
// (`op run -- CMD`, judged by the wrapper), and tools with no pack of their own that change remote state.

/** Known programs judged by the verb model; `run`/`exec` subcommands are left to their wrapper checks. */
const VERB_JUDGED = [
  'op',
  'doppler',
  'infisical',
  'aws-vault',
  'chamber',
  'teller',
  'dotenvx',
  'vagrant',
  'serverless',
  'sls',
  'sst',
  'kubeseal',
  'eas',
  'fastlane',
  'supabase',
  'neonctl',
  'pscale',
  'turso',
  'skopeo',
  'crane',
];

/** Subcommands that run another command (their wrapper check judges it) or only start local tools. */
const RUNS_OR_LOCAL =
  /^(run|exec|x|shell|login|logout|signin|signout|whoami|init|start|status|test|build|dev)$/;

/** Reports what the verb model says about a known program's subcommand path. */
export function reportVerbs(
  invocation: Invocation,
  context: CheckContext,
  args: readonly Arg[] = invocation.args,
): void {
  const dashDash = args.findIndex((arg) => arg.value === '--');
  const own = dashDash < 0 ? args : args.slice(0, dashDash);
  const first = own.find((arg) => !arg.value.startsWith('-'))?.value ?? '';
  const judged = judgeVerbs(own);
  if (judged.kind === 'destroy') context.report(verbDestroy);
  else if (RUNS_OR_LOCAL.test(first)) return;
  else if (judged.kind === 'publish') context.report(verbPublish);
  else if (judged.kind === 'change' && !judged.guessed) context.report(verbChange);
}

const serviceClis: ProgramCheck = {
  programs: VERB_JUDGED,
  check(invocation, context) {
    reportVerbs(invocation, context);
  },
};

/** fsck and repair tools change a filesystem unless told only to check (`-n`, `-N`, `--dry-run`). */
const repairTools: ProgramCheck = {
  programs: ['fsck', 'e2fsck', 'xfs_repair', 'fsck_apfs', 'fsck_hfs', 'dosfsck', 'fsck.vfat', 'ntfsfix'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    if (values.some((value) => /^-[a-zA-Z]*[nN][a-zA-Z]*$/.test(value))) return;
    if (values.every((value) => value.startsWith('-'))) return;
    context.report(repairFilesystem);
  },
};

/** `fsck.ext4` and friends are fsck. */
const repairAliases: ProgramCheck = {
  programs: ['fsck.ext2', 'fsck.ext3', 'fsck.ext4', 'fsck.xfs', 'fsck.btrfs', 'fsck.fat', 'fsck.exfat'],
  check(invocation, context) {
    repairTools.check(invocation, context);
  },
};

/** mdadm creates and grows arrays over disks; btrfs check --repair rewrites a filesystem. */
const raid: ProgramCheck = {
  programs: ['mdadm', 'btrfs'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    if (invocation.program === 'mdadm') {
      if (
        values.some((value) =>
          /^(--(create|build|grow|assemble|add|re-add|replace|update.*)|-[CBGA])$/.test(value),
        )
      )
        context.report(repairFilesystem);
      return;
    }
    if (values.includes('--repair') || values.includes('rescue')) context.report(repairFilesystem);
  },
};

/** `java -jar some-cli.jar VERB…` (Jenkins' CLI and friends): a destructive or publishing verb counts. */
const jarClis: ProgramCheck = {
  programs: ['java'],
  check(invocation, context) {
    const at = invocation.args.findIndex((arg) => arg.value === '-jar');
    if (at < 0) return;
    const judged = judgeVerbs(invocation.args.slice(at + 2));
    if (judged.kind === 'destroy') context.report(verbDestroy);
    else if (judged.kind === 'publish') context.report(verbPublish);
  },
};

/** `journalctl --vacuum-*` and `--rotate` delete or archive the system's logs. */
const journal: ProgramCheck = {
  programs: ['journalctl'],
  check(invocation, context) {
    if (invocation.args.some((arg) => /^--(vacuum-(size|time|files)|rotate|flush)/.test(arg.value)))
      context.report(verbDestroy);
  },
};

export const serviceChecks: readonly ProgramCheck[] = [
  serviceClis,
  repairTools,
  repairAliases,
  raid,
  jarClis,
  journal,
];
