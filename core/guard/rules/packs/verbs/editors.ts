import type { CheckContext, Invocation, ProgramCheck } from '../../../invocation.js';
import { literalArg, type Arg } from '../../../syntax/arg.js';
import { interpreterDelete } from '../fs/rules.js';
import { reportWrite } from '../fs/writes.js';
import { interpreterCode } from '../rce.js';
import { emptiesFile, makefileFromStdin } from './rules.js';

// Editors and text tools run in batch: shell escapes (`vim -c '!…'`, `ed` `!cmd`, emacs `shell-command`) run
// shell text; scripts that delete every line and write the file back empty it.

/** Files an in-place edit may empty without a person: generated output and temporary files. */
const DISPOSABLE = new Set(['project-build', 'temp']);

/** Reports emptying each file operand that is worth keeping. */
function reportEmptied(files: readonly Arg[], context: CheckContext, match: string): void {
  for (const file of files) {
    if (!DISPOSABLE.has(context.classify(file).kind)) context.report(emptiesFile, match);
  }
}

/** An ex command that deletes every line: `%d`, `1,$d`, `g/./d`, `0,$delete`. */
const DELETE_ALL = /(^|\|)\s*(%|1,\$|0,\$|g\/(\.\*?|\^|)\/)\s*d(e(l(e(t(e)?)?)?)?)?\s*($|\|)/;

/** Ex commands that hand their text to another language: Lua, Python, Perl, Ruby, Tcl, Scheme. */
const CODE_COMMANDS =
  /^(lua|luado|luafile|py|pyt|pyth|pytho|python|py3|python3|pyx|pythonx|pydo|py3do|pyxdo|pyf|pyfile|py3f|py3file|pyxfile|perl|perld|perldo|rub|ruby|rubyd|rubydo|rubyf|rubyfile|tcl|tcld|tcldo|tclf|tclfile|mz|mzscheme|mzf|mzfile)\b/;

/** Ex commands that write the buffer to a file named after them (`w FILE`, `saveas FILE`, `wq! FILE`). */
const WRITE_TO =
  /^(w|wr|wri|writ|write|wq|x|xi|xit|exi|exit|sav|savea|saveas|up|upd|upda|updat|update)(?:!\s*|\s+)(?:>>\s*)?([^\s!|][^|]*)$/;

/** Ex commands that write the buffer back to the file being edited (`w`, `wq!`, `x`, `wall`, `update`). */
const WRITE_BACK =
  /^(w|wr|wri|writ|write|wq|x|xi|xit|exi|exit|up|upd|upda|updat|update|wa|wall|wqa|wqall|xa|xall)!?\s*$/;

/** Normal-mode keys that delete every line (`normal! ggdG`, `ggVGd`). */
const NORMAL_DELETE_ALL = /^norm(a(l)?)?!?\s+(gg)?(dG|VGd|VGx|VGc)\s*$/;

/**
 * Judges one ex command: shell escapes (`!cmd`, `r !cmd`, `w !cmd`, `terminal cmd`, `call system("cmd")`) run
 * their text; other languages, built commands (`execute`) and sourced scripts outside the project are held;
 * `w FILE` writes FILE. True when it deletes every line.
 */
function judgeExCommand(raw: string, context: CheckContext): boolean {
  let command = raw.replace(/^[:\s]+/, '');
  // modifiers that only change how the command runs
  for (;;) {
    const next = command.replace(
      /^(silent!?|sil!?|keepalt|keepj(umps)?|noautocmd|noa|verbose|unsilent|vert(ical)?|tab|hide|confirm|lockmarks|noswapfile|sandbox)\s*/,
      '',
    );
    if (next === command) break;
    command = next.replace(/^[:\s]+/, '');
  }
  if (command.startsWith('!')) context.runScript(command.slice(1));
  for (const match of command.matchAll(/\b(?:system|systemlist|jobstart|termopen)\s*\(\s*(["'])(.*?)\1/g))
    context.runScript(match[2] as string);
  const read = /^(r|re|rea|read)\s*!(.*)$/.exec(command);
  if (read) context.runScript(read[2] as string);
  const written = /^(w|wr|wri|writ|write)\s*!(.*)$/.exec(command);
  // `w !cmd` feeds the buffer to cmd on its stdin: `w !sh` runs the file
  if (written) context.runScript(written[2] as string, { stdin: { kind: 'pipe', from: undefined } });
  const terminal = /^ter(m|mi|min|mina|minal)?!?\s+(?:\+\+\S+\s+)*(.+)$/.exec(command);
  if (terminal) context.runScript(terminal[2] as string);
  const built = /^exe(c|cu|cut|cute)?\s+(.*)$/.exec(command);
  if (built) {
    const literal = /^(["'])(.*)\1$/.exec((built[2] as string).trim());
    if (literal && !/["'.]/.test(literal[2] as string)) return judgeExCommand(literal[2] as string, context);
    context.report(interpreterCode, raw);
  }
  if (
    CODE_COMMANDS.test(command) ||
    /\b(libcall|libcallnr|luaeval|py3eval|pyeval|pyxeval|perleval|rubyeval)\s*\(/.test(command)
  )
    context.report(interpreterCode, raw);
  const sourced = /^(so|sou|sour|sourc|source|ru|run|runt|runti|runtim|runtime)!?\s+(\S+)/.exec(command);
  if (sourced) reportOutsideScript(sourced[2] as string, raw, context);
  const target = WRITE_TO.exec(command);
  if (target) reportWrite(context.classify((target[2] as string).trim()), raw, context);
  return DELETE_ALL.test(command) || NORMAL_DELETE_ALL.test(command);
}

/** Whether an ex command writes the edited files back (`wq`, `x`, `update`). */
function writesBack(raw: string): boolean {
  return WRITE_BACK.test(
    raw
      .replace(/^[:\s]+/, '')
      .replace(/^(silent!?|sil!?)\s*/, '')
      .trim(),
  );
}

/** Path classes a sourced editor script may come from without a person reading it. */
const PROJECT_SCRIPT = new Set(['project-root', 'project-source', 'project-build']);

/** A vim script from outside the project (`-S /tmp/x.vim`, `-u`, `:source`) can run anything: held. */
function reportOutsideScript(path: string, match: string, context: CheckContext): void {
  if (/^(NONE|NORC|DEFAULTS)$/.test(path)) return;
  if (!PROJECT_SCRIPT.has(context.classify(path).kind)) context.report(interpreterCode, match);
}

/** Splits an ex command line on `|` where vim does (not inside a `!` shell command). */
function exCommands(line: string): string[] {
  const parts: string[] = [];
  let rest = line;
  for (;;) {
    const bar = rest.indexOf('|');
    const bang = rest.search(/(^|[\s:])!|^\s*(r|read|w|write)\s*!/);
    if (bar < 0 || (bang >= 0 && bang < bar)) break;
    parts.push(rest.slice(0, bar));
    rest = rest.slice(bar + 1);
  }
  parts.push(rest);
  return parts;
}

/** vi, vim, nvim, ex: commands from `-c`, `--cmd`, `+cmd`, bundles like `-sc`; scripts from `-S` and `-u`. */
const vim: ProgramCheck = {
  programs: ['vi', 'vim', 'nvim', 'ex', 'view', 'vimdiff', 'gvim', 'rvim', 'nvi', 'elvis', 'vis'],
  check(invocation, context) {
    const commands: string[] = [];
    const files: Arg[] = [];
    const args = invocation.args;
    for (let i = 0; i < args.length; i++) {
      const value = (args[i] as Arg).value;
      if (value === '--cmd' || /^-[a-zA-Z]*c$/.test(value)) commands.push(args[++i]?.value ?? '');
      else if (value.startsWith('+') && value.length > 1) commands.push(value.slice(1));
      else if (/^-[Su]$/.test(value)) {
        const script = args[i + 1]?.value;
        // a bare -S sources Session.vim in the project
        if (script && !script.startsWith('-')) {
          reportOutsideScript(script, invocation.text, context);
          i++;
        }
      } else if (/^-[UiTwWr]$/.test(value)) i++;
      else if (!value.startsWith('-')) files.push(args[i] as Arg);
    }
    const each = commands.flatMap(exCommands);
    const emptied = each.map((command) => judgeExCommand(command, context)).some(Boolean);
    if (emptied) reportEmptied(files, context, invocation.text);
    // a script that writes the files back changes them: system and login files are judged as written
    if (each.some(writesBack))
      for (const file of files) reportWrite(context.classify(file), invocation.text, context);
  },
};

/** ed reads its commands from stdin: `,d` then `w` empties the file; `!cmd` runs shell text. */
const ed: ProgramCheck = {
  programs: ['ed', 'red'],
  check(invocation, context) {
    const script = stdinText(invocation);
    const files = invocation.args.filter((arg) => !arg.value.startsWith('-'));
    if (script === undefined) return;
    let emptied = false;
    for (const line of script.split('\n')) {
      const command = line.trim();
      if (command.startsWith('!')) context.runScript(command.slice(1));
      if (/^(,|%|1,\$|0,\$|g\/\.?\*?\/)d$/.test(command)) emptied = true;
    }
    if (emptied && /(^|\n)\s*(w|wq|x)\s*($|\n)/.test(script)) reportEmptied(files, context, invocation.text);
  },
};

/** The text a command reads on stdin when the line shows it: a here-string or heredoc, or `printf`/`echo` piped in. */
export function stdinText(invocation: Invocation): string | undefined {
  const stdin = invocation.stdin;
  if (stdin.kind === 'text') return stdin.text;
  if (stdin.kind === 'pipe' && stdin.from && /^(printf|echo)$/.test(stdin.from.program)) {
    const words = stdin.from.args.filter((arg) => !/^-[neE]+$/.test(arg.value)).map((arg) => arg.value);
    return words.join(' ').replace(/\\n/g, '\n');
  }
  return undefined;
}

/** emacs --eval / -eval: `shell-command` and friends run shell text; `delete-directory` of home deletes. */
const emacs: ProgramCheck = {
  programs: ['emacs', 'emacsclient'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    values.forEach((value, index) => {
      const expression = /^--?eval$/.test(value)
        ? values[index + 1]
        : value.startsWith('--eval=')
          ? value.slice(7)
          : undefined;
      if (!expression) return;
      for (const match of expression.matchAll(
        /\((?:shell-command|async-shell-command|shell-command-to-string|call-process-shell-command)\s+"((?:[^"\\]|\\.)*)"/g,
      ))
        context.runScript((match[1] as string).replace(/\\"/g, '"'));
      for (const match of expression.matchAll(/\((?:delete-directory|delete-file)\s+"((?:[^"\\]|\\.)*)"/g)) {
        const kind = context.classify(match[1] as string).kind;
        if (!DISPOSABLE.has(kind)) context.report(interpreterDelete, invocation.text);
      }
    });
  },
};

/** `sed -i` with a script that deletes every line (`d`, `1,$d`, `/./d`, `/^/d`) empties the files. */
const sedEmpties: ProgramCheck = {
  programs: ['sed', 'gsed'],
  check(invocation, context) {
    const args = invocation.args;
    if (!args.some((arg) => /^(-[a-zA-Z]*i.*|--in-place.*)$/.test(arg.value))) return;
    const scripts: string[] = [];
    const files: Arg[] = [];
    let scriptGiven = false;
    for (let i = 0; i < args.length; i++) {
      const value = (args[i] as Arg).value;
      if (value === '-e' || value === '--expression') {
        scripts.push(args[++i]?.value ?? '');
        scriptGiven = true;
      } else if (value === '-f' || value === '--file') i++;
      else if (value === '' && args[i - 1]?.value === '-i') continue;
      else if (value.startsWith('-')) continue;
      else if (!scriptGiven) {
        scripts.push(value);
        scriptGiven = true;
      } else files.push(args[i] as Arg);
    }
    if (scripts.some((script) => /^\s*((1|0)\s*,\s*\$|\/(\.|\^|\.\*|\$)\/)?\s*d\s*;?\s*$/.test(script)))
      reportEmptied(files, context, invocation.text);
  },
};

/** `gawk -i inplace PROGRAM FILE…` rewrites the files with what the program prints. */
const gawkInPlace: ProgramCheck = {
  programs: ['gawk', 'awk'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const at = values.findIndex(
      (value, index) => (value === '-i' || value === '--include') && values[index + 1] === 'inplace',
    );
    if (at < 0 && !values.includes('-iinplace')) return;
    const rest = invocation.args
      .slice(at < 0 ? values.indexOf('-iinplace') + 1 : at + 2)
      .filter((arg) => !arg.value.startsWith('-'));
    const [program, ...files] = rest;
    if (!program) return;
    for (const file of files) {
      const kind = context.classify(file).kind;
      if (kind === 'home-sensitive' || kind === 'system' || kind === 'root')
        context.report(emptiesFile, invocation.text);
    }
    // a program that never prints (no `print`, no pattern without an action) writes every file back empty
    const prints = /\bprint|printf|}\s*\S|^[^{]+$|^\s*[^{\s][^{]*($|{)/.test(program.value.trim());
    if (!prints) reportEmptied(files, context, invocation.text);
  },
};

/** `perl -i` whose code prints nothing (`-n` without print, `$_=""`) empties the files. */
const perlEmpties: ProgramCheck = {
  programs: ['perl'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    if (!values.some((value) => /^-[a-zA-Z]*i/.test(value))) return;
    const codeAt = values.findIndex((value) => /^-[a-zA-Z]*[eE]$/.test(value));
    const code = values[codeAt + 1] ?? '';
    const loopsWithoutPrint =
      values.some((value) => /^-[a-zA-Z]*n/.test(value)) &&
      !values.some((value) => /^-[a-zA-Z]*p/.test(value));
    const printsNothing =
      /\$_\s*=\s*(""|''|q\(\))\s*;?\s*$/.test(code) ||
      (loopsWithoutPrint && !/\bprint\b(?!\s+if\s+0\b)/.test(code));
    if (!printsNothing) return;
    const files = invocation.args.slice(codeAt + 2).filter((arg) => !arg.value.startsWith('-'));
    reportEmptied(files, context, invocation.text);
  },
};

export const editorChecks: readonly ProgramCheck[] = [vim, ed, emacs, sedEmpties, gawkInPlace, perlEmpties];

/** Debuggers run their `python`/`script` commands as Python, and `shell`/`!` as shell text. */
const debuggers: ProgramCheck = {
  programs: ['gdb', 'lldb', 'cgdb'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    values.forEach((value, index) => {
      const command =
        /^(-ex|--eval-command|-o|--one-line|-O|--one-line-before-file|-k|--one-line-on-crash)$/.test(value)
          ? values[index + 1]
          : /^--eval-command=/.test(value)
            ? value.slice(15)
            : undefined;
      const code = command && /^\s*(python|py|pi|script)\s+(.*)$/s.exec(command);
      if (code) context.runCommand([literalArg('python3'), literalArg('-c'), literalArg(code[2] as string)]);
    });
  },
};

/** FTP clients run `!cmd` lines of their script (stdin or `-c`) in a local shell. */
const ftpClients: ProgramCheck = {
  programs: ['ftp', 'lftp', 'sftp', 'tftp', 'ncftp'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const scripts = [
      stdinText(invocation) ?? '',
      ...values.filter((_, index) => /^(-c|-e)$/.test(values[index - 1] ?? '')),
    ];
    for (const script of scripts)
      for (const line of script.split(/[\n;]/))
        if (line.trim().startsWith('!')) context.runScript(line.trim().slice(1));
  },
};

/** make reading its makefile from stdin (`make -f -`): the recipes are shell text the line does not show as such. */
const makeFromStdin: ProgramCheck = {
  programs: ['make', 'gmake', 'bmake'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const fromStdin = values.some(
      (value, index) =>
        value === '-f-' ||
        /^--(file|makefile)=(-|\/dev\/stdin)$/.test(value) ||
        (/^(-f|--file|--makefile)$/.test(value) &&
          /^(-|\/dev\/stdin|\/dev\/fd\/0)$/.test(values[index + 1] ?? '')),
    );
    if (!fromStdin) return;
    context.report(makefileFromStdin);
    const text = stdinText(invocation);
    if (text === undefined) return;
    for (const line of text.split('\n')) {
      const recipe = line.startsWith('\t') ? line.slice(1) : /^[^#\t=]*:[^=;]*;(.*)$/.exec(line)?.[1];
      if (recipe?.trim()) context.runScript(recipe.replace(/^[@+-]+/, ''));
    }
  },
};

export const moreEditorChecks: readonly ProgramCheck[] = [debuggers, ftpClients, makeFromStdin];
