import { parseFlags } from '../flags/parse-flags.js';
import type { CheckContext, ProgramCheck } from '../invocation.js';
import { interpreterCode } from '../rules/packs/rce.js';
import { reportWrite } from '../rules/packs/fs/writes.js';
import { isDynamic, unknownArg, type Arg } from '../syntax/arg.js';

// Everyday programs with an option that runs a shell command: pagers, editors' ex commands, archivers'
// hooks, rsync's remote shell. Each option's text is judged as shell.

/** A program and how its options carry shell text. */
interface CommandOption {
  readonly programs: readonly string[];
  /** options whose next argument is shell text */
  readonly separate: readonly string[];
  /** `--name=TEXT` (or `-xTEXT`) spellings: the prefix before the text */
  readonly attached: readonly string[];
  /** only text that starts like this is a shell command (`vim -c '!cmd'`), which is then stripped */
  readonly marker?: RegExp;
}

const COMMAND_OPTIONS: readonly CommandOption[] = [
  { programs: ['man'], separate: ['-P', '--pager'], attached: ['--pager='] },
  {
    programs: ['vi', 'vim', 'nvim', 'ex', 'view'],
    separate: ['-c', '--cmd'],
    attached: ['+'],
    marker: /^:?\s*!/,
  },
  {
    programs: ['gdb', 'lldb'],
    separate: ['-ex', '--eval-command', '-o', '--one-line'],
    attached: ['--eval-command='],
    marker: /^(shell|platform shell)\s+|^!/,
  },
  {
    programs: ['tar', 'gtar'],
    separate: ['-I', '--use-compress-program', '--to-command', '--info-script', '--new-volume-script'],
    attached: [
      '--use-compress-program=',
      '--to-command=',
      '--checkpoint-action=exec=',
      '--info-script=',
      '--new-volume-script=',
    ],
  },
  { programs: ['zip'], separate: ['-TT', '--unzip-command'], attached: ['--unzip-command='] },
  {
    programs: ['rsync'],
    separate: ['-e', '--rsh', '--rsync-path'],
    attached: ['--rsh=', '--rsync-path='],
  },
  { programs: ['strace'], separate: ['-o', '--output'], attached: ['--output=', '-o'], marker: /^[|!]/ },
  { programs: ['fzf'], separate: ['--preview'], attached: ['--preview='] },
  { programs: ['sftp', 'scp'], separate: ['-S', '-D'], attached: [] },
  { programs: ['gpg', 'gpg2'], separate: ['--photo-viewer', '--exec-path'], attached: ['--photo-viewer='] },
  { programs: ['chokidar', 'chokidar-cli'], separate: ['-c', '--command'], attached: ['--command='] },
];

/**
 * Variables whose value is a command some program runs: pagers, editors, browsers and password helpers under
 * any program's prefix (`PAGER`, `SYSTEMD_PAGER`, `GH_EDITOR`, `KUBE_EDITOR`, `SUDO_ASKPASS`), less's input
 * filters, git's proxy and diff commands.
 */
export const COMMAND_VARIABLES =
  /^[A-Z0-9_]*(?:PAGER|EDITOR|VISUAL|BROWSER|ASKPASS)$|^(?:LESSOPEN|LESSCLOSE|FCEDIT|GIT_EXTERNAL_DIFF|GIT_PROXY_COMMAND|GIT_SSH|RSYNC_RSH|CVS_RSH|SVN_SSH)$/;

/** Values that name no program: empty, or a tool's own "do not open one" word (`BROWSER=none`). */
const NO_PROGRAM = /^\s*(none)?\s*$/;

/** Judges the command a variable names (`|cmd %s` for less's filters); a run-time value is held. */
function runVariable(name: string, value: string | undefined, context: CheckContext): void {
  if (value === undefined) {
    context.runScript(unknownArg());
    return;
  }
  if (NO_PROGRAM.test(value)) return;
  context.runScript(name.startsWith('LESS') ? value.replace(/^\|\|?-?/, '') : value);
}

function scriptsIn(args: readonly Arg[], option: CommandOption): Arg[] {
  const found: Arg[] = [];
  args.forEach((arg, index) => {
    if (option.separate.includes(arg.value) && args[index + 1]) found.push(args[index + 1] as Arg);
    const prefix = option.attached.find(
      (start) => arg.value.startsWith(start) && arg.value.length > start.length,
    );
    if (prefix) found.push({ ...arg, value: arg.value.slice(prefix.length) });
  });
  if (!option.marker) return found;
  const marker = option.marker;
  return found
    .filter((text) => marker.test(text.value))
    .map((text) => ({ ...text, value: text.value.replace(marker, '') }));
}

const commandOptions: ProgramCheck[] = COMMAND_OPTIONS.map((option) => ({
  programs: option.programs,
  check(invocation, context) {
    for (const script of scriptsIn(invocation.args, option)) context.runScript(script);
  },
}));

/** A command-naming variable set for one command (`SYSTEMD_PAGER='…' journalctl`), whatever the program. */
const commandVariables: ProgramCheck = {
  programs: ['*'],
  check(invocation, context) {
    for (const [name, value] of invocation.env)
      if (COMMAND_VARIABLES.test(name)) runVariable(name, value, context);
  },
};

/** `export PAGER='…'` (or declare, typeset, setenv) names the command for every later program of the shell. */
const exportedCommandVariables: ProgramCheck = {
  programs: ['export', 'declare', 'typeset', 'setenv', 'local', 'readonly'],
  check(invocation, context) {
    const args = invocation.args;
    args.forEach((arg, index) => {
      // setenv NAME VALUE (csh) or NAME=value
      const eq = arg.value.indexOf('=');
      const name = eq > 0 ? arg.value.slice(0, eq) : invocation.program === 'setenv' ? arg.value : '';
      if (!COMMAND_VARIABLES.test(name)) return;
      const value = eq > 0 ? arg : args[index + 1];
      if (!value) return;
      const dynamic = value.dynamic || isDynamic(value.value);
      runVariable(name, dynamic ? undefined : eq > 0 ? value.value.slice(eq + 1) : value.value, context);
    });
  },
};

/**
 * less (and more, which is less on many systems) runs the commands of `+cmd`/`++cmd` and of `+…` in the LESS
 * variable as typed keys: `!cmd` runs shell text, `|m cmd` pipes to a command; `-o FILE` writes a log file.
 */
const pagers: ProgramCheck = {
  programs: ['less', 'more', 'most'],
  check(invocation, context) {
    const starts = invocation.args.filter((arg) => arg.value.startsWith('+')).map((arg) => arg.value);
    const fromVariable = /(?:^|\s)(\+.*)$/.exec(
      invocation.env.get('LESS') ?? invocation.env.get('MORE') ?? '',
    );
    if (fromVariable) starts.push(fromVariable[1] as string);
    for (const start of starts) {
      const keys = start.replace(/^\+\+?/, '');
      // a search (`+/ERROR`) takes the rest of the text as its pattern
      if (/^[/?]/.test(keys)) continue;
      const shell = keys.indexOf('!');
      const pipe = keys.indexOf('|');
      if (shell >= 0 && (pipe < 0 || shell < pipe)) context.runScript(keys.slice(shell + 1));
      else if (pipe >= 0)
        context.runScript(keys.slice(pipe + 2), { stdin: { kind: 'pipe', from: undefined } });
    }
    const parsed = parseFlags(invocation.args, {
      shortWithValue: 'oOxybhjkPTtz',
      longWithValue: LESS_FILE_OPTIONS,
    });
    for (const option of ['o', 'O', 'log-file', 'LOG-FILE'])
      for (const file of parsed.values.get(option) ?? [])
        reportWrite(context.classify(file), invocation.text, context);
  },
};

/** less's long options that take a value. */
const LESS_FILE_OPTIONS = [
  'log-file',
  'LOG-FILE',
  'tag-file',
  'lesskey-file',
  'prompt',
  'shift',
  'tabs',
  'jump-target',
  'max-back-scroll',
  'window',
  'tag',
  'pattern',
];

/** sed's `e` command and `s///e` flag run shell commands; `w FILE` writes a file. */
const sed: ProgramCheck = {
  programs: ['sed', 'gsed'],
  check(invocation, context) {
    const scripts = invocation.args.filter((arg) => !arg.value.startsWith('-')).slice(0, 1);
    for (const script of [
      ...scripts,
      ...invocation.args.filter((_, index) => invocation.args[index - 1]?.value === '-e'),
    ]) {
      if (/(^|[;\n{}])\s*\d*e(\s|$)|s(.).*\3.*\3[gpIiMm0-9w]*e/.test(script.value))
        context.report(interpreterCode);
      for (const match of script.value.matchAll(/(?:^|[;\n])\s*\d*w\s+(\S+)/g)) {
        reportWrite(context.classify(match[1] as string), invocation.text, context);
      }
    }
  },
};

/** awk's `print > "FILE"` writes a file. */
const awkWrites: ProgramCheck = {
  programs: ['awk', 'gawk', 'mawk', 'nawk'],
  check(invocation, context) {
    for (const arg of invocation.args) {
      for (const match of arg.value.matchAll(/print[^;}]*?>>?\s*"([^"]+)"/g)) {
        reportWrite(context.classify(match[1] as string), invocation.text, context);
      }
    }
  },
};

/** perl -i edits the files after the code in place. */
const perlInPlace: ProgramCheck = {
  programs: ['perl'],
  check(invocation, context) {
    if (!invocation.args.some((arg) => /^-[a-zA-Z]*i/.test(arg.value))) return;
    const codeAt = invocation.args.findIndex((arg) => /^-[a-zA-Z]*[eE]$/.test(arg.value));
    const files = invocation.args
      .slice(codeAt < 0 ? 0 : codeAt + 2)
      .filter((arg) => !arg.value.startsWith('-'));
    for (const file of files) reportWrite(context.classify(file), invocation.text, context);
  },
};

export const commandOptionChecks: readonly ProgramCheck[] = [
  ...commandOptions,
  commandVariables,
  exportedCommandVariables,
  pagers,
  sed,
  awkWrites,
  perlInPlace,
];
