import { parseFlags, type FlagSpec } from '../flags/parse-flags.js';
import type { ProgramCheck } from '../invocation.js';

// Version managers and architecture switchers run a command with another tool version or CPU:
// `asdf exec CMD`, `rbenv exec CMD`, `nvm exec 20 CMD`, `fnm exec --using=20 CMD`, `volta run CMD`, `arch -x86_64 CMD`.

interface VersionManager {
  readonly names: readonly string[];
  /** the subcommand that runs a command */
  readonly subcommand: RegExp;
  /** operands between the subcommand and the command (`asdf env TOOL CMD`, `nvm exec VERSION CMD`) */
  readonly skip?: (word: string, subcommand: string) => number;
  readonly flags?: FlagSpec;
}

const MANAGERS: readonly VersionManager[] = [
  { names: ['asdf'], subcommand: /^(exec|env)$/, skip: (_, sub) => (sub === 'env' ? 1 : 0) },
  {
    names: ['rbenv', 'pyenv', 'nodenv', 'goenv', 'jenv', 'plenv', 'phpenv', 'scalaenv', 'tfenv'],
    subcommand: /^exec$/,
  },
  // nvm exec [VERSION] CMD: a version looks like 20, v20.1, lts/*, node, system
  {
    names: ['nvm'],
    subcommand: /^(exec|run)$/,
    skip: (word) => (/^(v?\d[\w.]*|lts\/.*|node|iojs|system|default)$/.test(word) ? 1 : 0),
    flags: { longFlags: ['silent', 'lts'] },
  },
  {
    names: ['fnm'],
    subcommand: /^exec$/,
    flags: { longWithValue: ['using', 'log-level', 'arch', 'node-dist-mirror'] },
  },
  { names: ['volta'], subcommand: /^run$/, flags: { longWithValue: ['node', 'npm', 'pnpm', 'yarn', 'env'] } },
  {
    names: ['devbox', 'flox'],
    subcommand: /^run$/,
    flags: { shortWithValue: 'c', longWithValue: ['config', 'environment'] },
  },
];

const managerChecks: ProgramCheck[] = MANAGERS.map((manager) => ({
  programs: manager.names,
  check(invocation, context) {
    const at = invocation.args.findIndex((arg) => !arg.value.startsWith('-'));
    const sub = invocation.args[at]?.value ?? '';
    if (at < 0 || !manager.subcommand.test(sub)) return;
    let rest = invocation.args.slice(at + 1);
    if (rest[0]?.value === '--') rest = rest.slice(1);
    const parsed = parseFlags(rest, { ...manager.flags, stopAtOperand: true });
    let command = parsed.operands;
    if (command[0]?.value === '--') command = command.slice(1);
    const skip = manager.skip?.(command[0]?.value ?? '', sub) ?? 0;
    command = command.slice(skip);
    if (command[0]?.value === '--') command = command.slice(1);
    if (command.length > 0) context.runCommand(command, { stdin: invocation.stdin, env: invocation.env });
  },
}));

/** `arch -x86_64 CMD` (macOS) runs CMD for another architecture; `arch` alone prints the machine's. */
const arch: ProgramCheck = {
  programs: ['arch'],
  check(invocation, context) {
    const args = invocation.args;
    let i = 0;
    while (i < args.length && (args[i]?.value ?? '').startsWith('-'))
      i += /^-(d|e)$/.test(args[i]?.value ?? '') ? 2 : 1;
    if (i < args.length) context.runCommand(args.slice(i), { stdin: invocation.stdin, env: invocation.env });
  },
};

/** `shx CMD…` runs a shelljs command (`shx rm -rf dir`) as the command of the same name. */
const shx: ProgramCheck = {
  programs: ['shx'],
  check(invocation, context) {
    const at = invocation.args.findIndex((arg) => !arg.value.startsWith('-'));
    if (at >= 0) context.runCommand(invocation.args.slice(at), { stdin: invocation.stdin });
  },
};

export const versionManagerChecks: readonly ProgramCheck[] = [...managerChecks, arch, shx];
