import { parseFlags } from '../flags/parse-flags.js';
import type { CheckContext, Invocation, ProgramCheck } from '../invocation.js';
import { reportWrite } from '../rules/packs/fs/writes.js';
import { privilege } from '../rules/packs/system.js';
import { unwrapWith, type WrapperSpec } from './transparent.js';

// Running as root or another user: always held, and the command inside is judged as well.

const SUDO: WrapperSpec = {
  names: ['sudo'],
  flags: {
    shortWithValue: 'ughpCrtUTD',
    longWithValue: [
      'user',
      'group',
      'host',
      'prompt',
      'close-from',
      'role',
      'type',
      'other-user',
      'command-timeout',
      'chdir',
    ],
  },
  noCommand: [
    'l',
    'list',
    'v',
    'validate',
    'k',
    'K',
    'reset-timestamp',
    'remove-timestamp',
    'V',
    'version',
    'h',
    'help',
    'e',
    'edit',
  ],
  privileged: true,
  readsAllowed: true,
};

const PRIVILEGE_WRAPPERS: readonly WrapperSpec[] = [
  SUDO,
  { names: ['doas'], flags: { shortWithValue: 'uC' }, privileged: true, readsAllowed: true },
  { names: ['pkexec'], flags: { longWithValue: ['user'] }, privileged: true },
  {
    names: ['run0'],
    flags: {
      shortWithValue: 'ugD',
      longWithValue: [
        'user',
        'group',
        'unit',
        'property',
        'description',
        'slice',
        'chdir',
        'setenv',
        'nice',
        'machine',
      ],
    },
    privileged: true,
  },
];

/** sudo -e / sudoedit edit files as root: each file is a write. */
function sudoEdit(invocation: Invocation, context: CheckContext): void {
  const parsed = parseFlags(invocation.args, SUDO.flags);
  for (const file of parsed.operands) reportWrite(context.classify(file), invocation.text, context);
}

const wrappers: ProgramCheck[] = PRIVILEGE_WRAPPERS.map((spec) => ({
  programs: spec.names,
  check(invocation, context) {
    unwrapWith(spec, invocation, context);
    if (spec === SUDO && invocation.args.some((arg) => /^(-e|--edit)$/.test(arg.value)))
      sudoEdit(invocation, context);
  },
}));

/** su, runuser and sg: `-c TEXT` runs shell text as the user; `runuser -u USER CMD` runs a command. */
const switchUser: ProgramCheck = {
  programs: ['su', 'runuser', 'sg', 'sudoedit'],
  check(invocation, context) {
    context.report(privilege);
    if (invocation.program === 'sudoedit') {
      sudoEdit(invocation, context);
      return;
    }
    const parsed = parseFlags(invocation.args, {
      shortWithValue: 'csgGuw',
      longWithValue: [
        'command',
        'session-command',
        'shell',
        'group',
        'supp-group',
        'user',
        'whitelist-environment',
      ],
      aliases: { command: 'c', 'session-command': 'c' },
    });
    for (const script of parsed.values.get('c') ?? []) context.runScript(script);
    const dashDash = invocation.args.findIndex((arg) => arg.value === '--');
    if (parsed.values.has('u') && dashDash >= 0) context.runCommand(invocation.args.slice(dashDash + 1));
    else if (invocation.program === 'sg' && !parsed.values.has('c') && parsed.operands.length > 1) {
      context.runScript(
        parsed.operands
          .slice(1)
          .map((arg) => arg.value)
          .join(' '),
      );
    }
  },
};

export const privilegeChecks: readonly ProgramCheck[] = [...wrappers, switchUser];
