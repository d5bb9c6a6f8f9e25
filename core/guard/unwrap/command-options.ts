import type { ProgramCheck } from '../invocation.js';
import { interpreterCode } from '../rules/packs/rce.js';
import { reportWrite } from '../rules/packs/fs/writes.js';
import type { Arg } from '../syntax/arg.js';

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
  { programs: ['less'], separate: [], attached: [] },
  { programs: ['fzf'], separate: ['--preview'], attached: ['--preview='] },
  { programs: ['sftp', 'scp'], separate: ['-S', '-D'], attached: [] },
  { programs: ['gpg', 'gpg2'], separate: ['--photo-viewer', '--exec-path'], attached: ['--photo-viewer='] },
  { programs: ['chokidar', 'chokidar-cli'], separate: ['-c', '--command'], attached: ['--command='] },
];

/** Variables that name a command these programs run (`PAGER='…' git log`, `MANPAGER='…' man ls`). */
const COMMAND_VARIABLES = /^(PAGER|MANPAGER|GIT_PAGER|EDITOR|VISUAL|GIT_EDITOR|LESSOPEN|LESSCLOSE|BROWSER)$/;

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
    for (const [name, value] of invocation.env)
      if (COMMAND_VARIABLES.test(name) && value) context.runScript(value.replace(/^\|/, ''));
  },
}));

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

export const commandOptionChecks: readonly ProgramCheck[] = [...commandOptions, sed, awkWrites, perlInPlace];
