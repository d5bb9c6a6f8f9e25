import { parseFlags, type FlagSpec } from '../flags/parse-flags.js';
import type { CheckContext, Invocation, ProgramCheck } from '../invocation.js';
import { privilege } from '../rules/packs/system.js';
import type { Arg } from '../syntax/arg.js';
import { isReadCommand } from '../verbs/read-commands.js';

/** A program that runs another program given on its command line, and the options it takes itself. */
export interface WrapperSpec {
  readonly names: readonly string[];
  /** its own options; parsing stops at the first operand */
  readonly flags?: FlagSpec;
  /** operands before the command (`timeout 5 CMD`, `flock FILE CMD`, `chrt 10 CMD`) */
  readonly skip?: number;
  /** options after which there is no command (`command -v`, `ionice -p`) */
  readonly noCommand?: readonly string[];
  /** options whose value is shell text it runs (`flock -c`, `script -c`, `nix-shell --run`) */
  readonly scriptOptions?: readonly string[];
  /** the command only starts after `--` (`mise exec node -- CMD`) when there is one */
  readonly afterDoubleDash?: boolean;
  /** `NAME=value` operands before the command set its environment (`cross-env A=1 CMD`) */
  readonly assignments?: boolean;
  /** a flag after which the first operand is shell text, not a program (`entr -s 'make test'`) */
  readonly scriptFlag?: string;
  /** runs the command as root or another user */
  readonly privileged?: boolean;
  /** privileged, but a command that only reads (`sudo ls /root`) is not held for it */
  readonly readsAllowed?: boolean;
}

/** Evaluates what a wrapper runs: its script options as shell text, the rest of the line as a command. */
export function unwrapWith(spec: WrapperSpec, invocation: Invocation, context: CheckContext): void {
  const dashDash = invocation.args.findIndex((arg) => arg.value === '--');
  if (spec.afterDoubleDash && dashDash >= 0) {
    const argv = invocation.args.slice(dashDash + 1);
    if (spec.privileged) context.report(privilege);
    runInner(argv, invocation, context);
    return;
  }
  const parsed = parseFlags(invocation.args, { ...spec.flags, stopAtOperand: true });
  const noCommand = spec.noCommand?.some((flag) => parsed.flags.has(flag));
  const scripts = (spec.scriptOptions ?? []).flatMap((option) => parsed.values.get(option) ?? []);
  const operands = parsed.operands.slice(spec.skip ?? 0);
  const firstCommand = spec.assignments ? operands.findIndex((arg) => !/^[A-Za-z_]\w*=/.test(arg.value)) : 0;
  const argv = noCommand || firstCommand < 0 ? [] : operands.slice(firstCommand);
  const onlyReads = spec.readsAllowed && scripts.length === 0 && !noCommand && isReadCommand(argv);
  if (spec.privileged && !onlyReads) context.report(privilege);
  if (noCommand) return;
  for (const script of scripts) context.runScript(script, { stdin: invocation.stdin });
  if (spec.scriptFlag && parsed.flags.has(spec.scriptFlag) && argv[0]) context.runScript(argv[0]);
  else runInner(argv, invocation, context);
}

function runInner(argv: readonly Arg[], invocation: Invocation, context: CheckContext): void {
  if (argv.length > 0) context.runCommand(argv, { stdin: invocation.stdin, env: invocation.env });
}

/** Wrappers that pass the rest of their line through as a command, each with its own options. */
export const TRANSPARENT_WRAPPERS: readonly WrapperSpec[] = [
  { names: ['command'], flags: {}, noCommand: ['v', 'V'] },
  {
    names: [
      'builtin',
      'noglob',
      'nocorrect',
      'nohup',
      'catchsegv',
      'eatmydata',
      'fakeroot',
      'dbus-launch',
      'unbuffer',
      'caffeinate-lite',
    ],
  },
  { names: ['exec'], flags: { shortWithValue: 'a' } },
  { names: ['nice'], flags: { shortWithValue: 'n', longWithValue: ['adjustment'] } },
  {
    names: ['ionice'],
    flags: { shortWithValue: 'cnp', longWithValue: ['class', 'classdata', 'pid', 'pgid', 'uid'] },
    noCommand: ['p', 'pid', 'P', 'pgid', 'u', 'uid'],
  },
  {
    names: ['chrt'],
    flags: { longWithValue: ['sched-runtime', 'sched-deadline', 'sched-period'] },
    skip: 1,
    noCommand: ['p', 'pid'],
  },
  {
    names: ['taskset'],
    flags: { shortWithValue: 'c', longWithValue: ['cpu-list'] },
    skip: 1,
    noCommand: ['p', 'pid'],
  },
  { names: ['time'], flags: { shortWithValue: 'fo', longWithValue: ['format', 'output'] } },
  {
    names: ['timeout', 'gtimeout'],
    flags: { shortWithValue: 'sk', longWithValue: ['signal', 'kill-after'] },
    skip: 1,
  },
  { names: ['stdbuf'], flags: { shortWithValue: 'ioe', longWithValue: ['input', 'output', 'error'] } },
  { names: ['setsid'], flags: {} },
  {
    names: ['flock'],
    flags: { shortWithValue: 'Ewc', longWithValue: ['conflict-exit-code', 'timeout', 'wait', 'command'] },
    skip: 1,
    scriptOptions: ['c', 'command'],
  },
  { names: ['chroot'], flags: { longWithValue: ['userspec', 'groups'] }, skip: 1, privileged: true },
  {
    names: ['nsenter'],
    flags: { shortWithValue: 'tSGw', longWithValue: ['target', 'setuid', 'setgid', 'wd'] },
    privileged: true,
  },
  { names: ['caffeinate'], flags: { shortWithValue: 'tw' } },
  {
    names: ['xvfb-run'],
    flags: {
      shortWithValue: 'nsfew',
      longWithValue: ['server-num', 'server-args', 'auth-file', 'error-file', 'wait'],
    },
  },
  {
    names: ['strace', 'ltrace'],
    flags: { shortWithValue: 'eopsuISPEab', longWithValue: ['output', 'trace', 'signal'] },
    noCommand: ['p'],
  },
  { names: ['valgrind'], flags: {} },
  { names: ['torsocks', 'tsocks'], flags: {} },
  { names: ['proxychains', 'proxychains4'], flags: { shortWithValue: 'f' } },
  { names: ['firejail'], flags: {} },
  { names: ['faketime'], flags: { shortWithValue: 'f' }, skip: 1 },
  {
    names: ['systemd-run'],
    flags: {
      shortWithValue: 'pEuM',
      longWithValue: [
        'unit',
        'property',
        'setenv',
        'uid',
        'gid',
        'on-calendar',
        'on-active',
        'working-directory',
        'machine',
        'description',
        'slice',
      ],
    },
    privileged: true,
  },
  { names: ['entr'], flags: {}, scriptFlag: 's' },
  { names: ['reflex'], afterDoubleDash: true, skip: 99 },
  {
    names: ['script'],
    flags: {
      shortWithValue: 'cTtIOB',
      longWithValue: ['command', 'timing', 'log-in', 'log-out', 'log-io', 'log-timing'],
    },
    scriptOptions: ['c', 'command'],
    skip: 1,
  },
  {
    names: ['nix-shell'],
    flags: { shortWithValue: 'pIA', longWithValue: ['run', 'command', 'packages', 'attr', 'arg', 'argstr'] },
    scriptOptions: ['run', 'command'],
    skip: 99,
  },
  {
    names: ['mise', 'rtx', 'proto'],
    afterDoubleDash: true,
    noCommand: ['help', 'version'],
    skip: 99,
  },
  {
    names: ['aws-vault', 'op', 'doppler', 'infisical', 'dotenvx', 'chamber', 'teller', 'envchain'],
    afterDoubleDash: true,
    skip: 99,
  },
  { names: ['cross-env', 'cross-env-shell'], flags: {}, assignments: true },
  {
    names: ['env-cmd'],
    flags: { shortWithValue: 'fre', longWithValue: ['file', 'rc-file', 'environments'] },
  },
  { names: ['dotenv'], flags: { shortWithValue: 'ecv', longWithValue: [] }, afterDoubleDash: true },
  { names: ['direnv'], skip: 2 },
  { names: ['devbox', 'flox'], afterDoubleDash: true, skip: 2 },
];

/** The checks for the transparent wrappers: each evaluates the command it runs. */
export const transparentChecks: readonly ProgramCheck[] = TRANSPARENT_WRAPPERS.map((spec) => ({
  programs: spec.names,
  check(invocation: Invocation, context: CheckContext) {
    unwrapWith(spec, invocation, context);
  },
}));
