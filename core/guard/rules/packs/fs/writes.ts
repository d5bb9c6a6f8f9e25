import { gitHookWrite } from '../verbs/rules.js';
import { parseFlags } from '../../../flags/parse-flags.js';
import type { CheckContext, ProgramCheck } from '../../../invocation.js';
import type { PathClass } from '../../../paths/classify-path.js';
import type { Arg } from '../../../syntax/arg.js';
import { writeDevice } from '../disk/rules.js';
import { editConfig } from '../self.js';
import { writeHomeSensitive, writeSystem } from './rules.js';

/** Reports writing to a path (a redirect, tee, cp's destination…) and remembers it for write-then-run. */
export function reportWrite(
  target: PathClass,
  match: string,
  context: CheckContext,
  how: 'network' | 'local' | 'compiled' = 'local',
): void {
  if (target.protected) context.report(editConfig, match);
  switch (target.kind) {
    case 'device':
      context.report(writeDevice, match);
      break;
    case 'root':
    case 'system':
      context.report(writeSystem, match);
      break;
    case 'home-sensitive':
      context.report(writeHomeSensitive, match);
      break;
    case 'project-vcs':
      if (/\/\.git\/(hooks\/|config$)/.test(target.path)) context.report(gitHookWrite, match);
      break;
    default:
      break;
  }
  context.noteWritten(target, how);
}

/** Reports every operand as a written file. */
function reportWrites(operands: readonly Arg[], match: string, context: CheckContext): void {
  for (const operand of operands) {
    if (!operand.processSubstitution) reportWrite(context.classify(operand), match, context);
  }
}

/** The destination of cp, ln, install: `-t DIR` or the last operand. */
function destination(
  args: readonly Arg[],
  shortWithValue: string,
  longWithValue: readonly string[],
): Arg | undefined {
  const parsed = parseFlags(args, { shortWithValue, longWithValue });
  const explicit = parsed.values.get('t')?.[0] ?? parsed.values.get('target-directory')?.[0];
  if (explicit) return explicit;
  return parsed.operands.length >= 2 ? parsed.operands[parsed.operands.length - 1] : undefined;
}

const tee: ProgramCheck = {
  programs: ['tee'],
  check(invocation, context) {
    reportWrites(
      parseFlags(invocation.args, { longWithValue: ['output-error'] }).operands,
      invocation.text,
      context,
    );
  },
};

const copy: ProgramCheck = {
  programs: ['cp', 'ln', 'install', 'ditto'],
  check(invocation, context) {
    const target = destination(invocation.args, 'tSgmo', [
      'target-directory',
      'suffix',
      'backup',
      'group',
      'mode',
      'owner',
    ]);
    if (target) reportWrite(context.classify(target), invocation.text, context);
  },
};

const truncate: ProgramCheck = {
  programs: ['truncate'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, {
      shortWithValue: 'sr',
      longWithValue: ['size', 'reference'],
    });
    reportWrites(parsed.operands, invocation.text, context);
  },
};

/** sed -i and perl -i edit files in place. */
const inPlace: ProgramCheck = {
  programs: ['sed', 'gsed'],
  check(invocation, context) {
    const edits = invocation.args.some(
      (arg) => /^-[^-]*i/.test(arg.value) || arg.value.startsWith('--in-place'),
    );
    if (!edits) return;
    const parsed = parseFlags(invocation.args, {
      shortWithValue: 'efl',
      longWithValue: ['expression', 'file', 'line-length'],
    });
    const scriptGiven = parsed.values.has('e') || parsed.values.has('f') || parsed.values.has('expression');
    reportWrites(scriptGiven ? parsed.operands : parsed.operands.slice(1), invocation.text, context);
  },
};

export const writeChecks: readonly ProgramCheck[] = [tee, copy, truncate, inPlace];
