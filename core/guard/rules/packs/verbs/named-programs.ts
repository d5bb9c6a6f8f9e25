import type { ProgramCheck } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';
import { runsNamedProgram } from './rules.js';

// Options that name a program to run for every file or event (`rg --pre`, `fzf --bind 'x:execute(…)'`): what
// they name is judged with an unknown file as its argument, and anything but a known harmless helper is held.

/** Preprocessors and helpers that only read and print. */
const HARMLESS =
  /^(zcat|gzcat|gunzip|bzcat|xzcat|zstdcat|lz4cat|pdftotext|rga-preproc|cat|bat|batcat|strings|less|head|tail|jq|file|exiftool|pandoc|catdoc|unzip)$/;

/** `OPTION VALUE` or `OPTION=VALUE` values of some options. */
function valuesOf(args: readonly Arg[], names: readonly string[]): Arg[] {
  const found: Arg[] = [];
  args.forEach((arg, index) => {
    for (const name of names) {
      if (arg.value === name && args[index + 1]) found.push(args[index + 1] as Arg);
      else if (arg.value.startsWith(`${name}=`))
        found.push({ ...arg, value: arg.value.slice(name.length + 1) });
    }
  });
  return found;
}

const preprocessors: ProgramCheck = {
  programs: ['rg', 'ripgrep', 'rga'],
  check(invocation, context) {
    for (const program of valuesOf(invocation.args, ['--pre', '--hostname-bin'])) {
      const name = program.value.trim().split(/\s+/)[0] ?? '';
      context.runScript({ ...program, value: `${program.value} "$FILE"` });
      if (!HARMLESS.test(name.slice(name.lastIndexOf('/') + 1))) context.report(runsNamedProgram);
    }
  },
};

/** fzf's `--bind 'key:execute(CMD)'` and `become(CMD)` run shell text. */
const fzfBindings: ProgramCheck = {
  programs: ['fzf', 'sk'],
  check(invocation, context) {
    for (const binding of valuesOf(invocation.args, ['--bind', '-b'])) {
      for (const match of binding.value.matchAll(
        /(?:execute(?:-silent|-multi)?|become|reload|preview)[([{<](.*?)[)\]}>](?:[,+]|$)/g,
      ))
        context.runScript({ ...binding, value: match[1] ?? '' });
    }
  },
};

export const namedProgramChecks: readonly ProgramCheck[] = [preprocessors, fzfBindings];
