import { definePack, type ProgramCheck } from '../../invocation.js';
import type { PathClass } from '../../paths/classify-path.js';
import { defineRule } from '../../rule.js';
import type { Arg } from '../../syntax/arg.js';

// Permissions and ownership: recursive changes outside the project, system and credential files, setuid.

export const recursiveWide = defineRule({
  id: 'core.perm.recursive-outside-project',
  verdict: 'block',
  reason: 'changes permissions or ownership of a whole tree outside the project (/, /usr, ~)',
  examples: [
    { command: 'chmod -R 777 /', verdict: 'block' },
    { command: 'chmod --recursive 777 /var', verdict: 'block' },
    { command: 'chmod -R a-rwx ~', verdict: 'block' },
    { command: 'chown -R $USER /usr', verdict: 'block' },
    { command: 'setfacl -R -m u:nobody:rwx /', verdict: 'block' },
    { command: 'chmod -R u+w src', verdict: 'allow' },
  ],
});

export const sensitiveFile = defineRule({
  id: 'core.perm.sensitive-file',
  verdict: 'block',
  reason: 'changes permissions or ownership of system files, or opens credentials to other users',
  examples: [
    { command: 'chmod 777 /etc/shadow', verdict: 'block' },
    { command: 'chmod 666 /etc/sudoers', verdict: 'block' },
    { command: 'chmod -R go+w ~/.ssh', verdict: 'block' },
    { command: 'chmod 7 ~/.ssh/id_rsa', verdict: 'block' },
    { command: 'chmod 600 ~/.ssh/id_rsa', verdict: 'allow' },
  ],
});

export const worldWritable = defineRule({
  id: 'core.perm.world-writable',
  verdict: 'hold',
  reason: 'makes project files writable by every user, or sets setuid/setgid bits',
  examples: [
    { command: 'chmod -R 777 .', verdict: 'hold' },
    { command: 'chmod u+s tool', verdict: 'hold' },
    { command: 'chmod +x scripts/deploy.sh', verdict: 'allow' },
    { command: 'chmod 644 src/index.ts', verdict: 'allow' },
  ],
});

export const ownerLockout = defineRule({
  id: 'core.perm.owner-lockout',
  verdict: 'hold',
  reason:
    "takes the owner's own access away from the home directory, credentials or the project (logins, keys and the agent itself stop working)",
  examples: [
    { command: 'chmod 000 ~', verdict: 'hold' },
    { command: 'chmod u-x ~', verdict: 'hold' },
    { command: 'chmod a= ~/.ssh', verdict: 'hold' },
    { command: 'chmod 000 .', verdict: 'hold' },
    { command: 'chmod 400 ~/.ssh/id_rsa', verdict: 'allow' },
    { command: 'chmod 700 ~', verdict: 'allow' },
    { command: 'chmod 0 ~', verdict: 'hold' },
    { command: 'chmod 000 scratch.txt', verdict: 'allow' },
  ],
});

const CHMOD_FLAG =
  /^(-[RfvchHLP]+|--(recursive|silent|quiet|verbose|changes|dereference|no-dereference|preserve-root|no-preserve-root|reference=.*|from=.*))$/;
const WIDE_KINDS = new Set(['root', 'system', 'device', 'home', 'home-sensitive', 'outside', 'unknown']);

/** Splits chmod/chown arguments: flags, the mode or owner (unless --reference), then the files. */
function splitOperands(args: readonly Arg[]): {
  recursive: boolean;
  spec: string | undefined;
  files: readonly Arg[];
} {
  const recursive = args.some((arg) => /^-[a-zA-Z]*R/.test(arg.value) || arg.value === '--recursive');
  const operands = args.filter((arg) => !CHMOD_FLAG.test(arg.value));
  const byReference = args.some((arg) => arg.value.startsWith('--reference'));
  if (byReference) return { recursive, spec: undefined, files: operands };
  return { recursive, spec: operands[0]?.value, files: operands.slice(1) };
}

/** An octal mode as four digits (`7` → `0007`, `644` → `0644`), as chmod reads a short one; undefined if symbolic. */
function octal(mode: string): string | undefined {
  return /^[0-7]{1,4}$/.test(mode) ? mode.padStart(4, '0') : undefined;
}

/** A mode that gives group or others any access (`644`, `go+r`, `a+w`, `+r`). */
function opensToOthers(mode: string): boolean {
  const digits = octal(mode);
  if (digits) return digits.slice(-2) !== '00';
  return /(^|,)[ugoa]*[goa][ugoa]*[+=][rwxXst]|(^|,)[+=][rwxX]/.test(mode);
}

/** A mode that lets every user write (`777`, `o+w`, `a+rwx`, `+w`). */
function worldWritableMode(mode: string): boolean {
  const digits = octal(mode);
  if (digits) return (Number(digits.slice(-1)) & 2) !== 0;
  return /(^|,)[ugoa]*[oa][ugoa]*[+=][^,]*w|(^|,)[+=][^,]*w/.test(mode);
}

/** A mode that takes read (and, for a directory, search) permission away from the owner (`000`, `u-r`, `a=`). */
function locksOwnerOut(mode: string, directory: boolean): boolean {
  const needed = directory ? ['r', 'x'] : ['r'];
  const digits = octal(mode);
  if (digits) {
    const owner = Number(digits.slice(-3, -2));
    return (owner & 4) === 0 || (directory && (owner & 1) === 0);
  }
  return mode.split(',').some((clause) => {
    const parsed = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!parsed) return false;
    const [, who = '', op, perms = ''] = parsed;
    if (who !== '' && !/[ua]/.test(who)) return false;
    if (op === '-') return needed.some((p) => perms.includes(p));
    if (op === '=') return needed.some((p) => !perms.includes(p));
    return false;
  });
}

/** A mode that sets the setuid or setgid bit (`4755`, `u+s`). */
function setsIdBits(mode: string): boolean {
  const digits = octal(mode);
  if (digits) return /^[2-7]/.test(digits);
  return /[+=][^,]*s/.test(mode);
}

function judgeTarget(
  program: string,
  recursive: boolean,
  spec: string | undefined,
  target: PathClass,
): typeof recursiveWide | undefined {
  if (recursive && WIDE_KINDS.has(target.kind))
    return target.kind === 'home-sensitive' ? sensitiveFile : recursiveWide;
  if (target.kind === 'root' || target.kind === 'system' || target.kind === 'device') return sensitiveFile;
  const personal = target.kind === 'home-sensitive' || target.kind === 'home';
  if (personal && (program !== 'chmod' || opensToOthers(spec ?? ''))) return sensitiveFile;
  if (program !== 'chmod' || spec === undefined) return undefined;
  const directory = target.kind === 'home' || target.kind === 'project-root';
  if ((personal || target.kind === 'project-root') && locksOwnerOut(spec, directory)) return ownerLockout;
  if (setsIdBits(spec) || (worldWritableMode(spec) && (recursive || target.kind === 'project-root')))
    return worldWritable;
  return undefined;
}

const ownership: ProgramCheck = {
  programs: ['chmod', 'chown', 'chgrp', 'setfacl', 'chattr'],
  check(invocation, context) {
    const { recursive, spec, files } =
      invocation.program === 'setfacl' || invocation.program === 'chattr'
        ? {
            recursive: invocation.args.some((arg) => /^-[a-zA-Z]*R/.test(arg.value)),
            spec: undefined,
            files: invocation.args.filter(
              (arg, index) =>
                !arg.value.startsWith('-') &&
                !['-m', '-x', '-M', '-X'].includes(invocation.args[index - 1]?.value ?? '') &&
                !/^[+-=][a-zA-Z]+$/.test(arg.value),
            ),
          }
        : splitOperands(invocation.args);
    for (const file of files) {
      const rule = judgeTarget(invocation.program, recursive, spec, context.classify(file));
      if (rule) context.report(rule);
    }
  },
};

export const permissionsPack = definePack({
  id: 'core.perm',
  summary:
    'permissions and ownership: recursive changes outside the project, system and credential files, setuid',
  rules: [recursiveWide, sensitiveFile, worldWritable, ownerLockout],
  checks: [ownership],
});
