// The guard's verdict on a dialog: every reading of its command must be allowed.
import type { Guard, GuardContext, GuardResult } from '../guard/types.js';
import { programExists } from './program-exists.js';
import type { Dialog } from './types.js';

/** `sudo`/`doas` with flags that take no argument, in front of the command that is already running. */
const GRANTED_WRAPPER = /^\s*(?:sudo|doas)((?:\s+-[EHnSkP]+)*)\s+(?!-)(\S.*)$/s;

/**
 * The guard's verdict on what a dialog would let run: its command and every other reading of it (rows the
 * application wrapped), the first refusal winning. Null when there is no shell command to judge.
 *
 * A classic line prompt (`[Y/n]`) belongs to a program that is already running: a `sudo` it was started with has
 * been granted before the prompt appeared. When the guard's only doubt is that wrapper (`hold`, not `block`) and it
 * allows the command without it, the answer is allowed, and `allowedBy` says why.
 */
export function guardDialog(dialog: Dialog, guard: Guard, context?: GuardContext): GuardResult | null {
  if (dialog.commandKind !== 'shell' || !dialog.command) return null;
  let first: GuardResult | undefined;
  for (const reading of [dialog.command, ...(dialog.variants ?? [])]) {
    const verdict = judge(reading, dialog, guard, context);
    if (verdict.verdict !== 'allow') return verdict;
    first ??= verdict;
  }
  return (dialog.description !== undefined && judgeDescription(dialog.description, guard, context)) || first!;
}

/**
 * The rows read as the model's description, judged as if they were one more line of the command: as prose (the
 * guard's message mode judges every command named in it), and when its first word is a program this machine has,
 * as a command line too.
 */
function judgeDescription(
  text: string,
  guard: Guard,
  context: GuardContext | undefined,
): GuardResult | undefined {
  const word = text.split(/\s/, 1)[0] ?? '';
  for (const kind of programExists(word) ? (['message', 'command'] as const) : (['message'] as const)) {
    const verdict = guard.check(text, { ...context, kind });
    if (verdict.verdict !== 'allow')
      return {
        ...verdict,
        reason: `the row under the command ("${text}") may be one more line of it: ${verdict.reason}`,
      };
  }
  return undefined;
}
function judge(
  command: string,
  dialog: Dialog,
  guard: Guard,
  context: GuardContext | undefined,
): GuardResult {
  const verdict = guard.check(command, context);
  if (verdict.verdict !== 'hold' || !dialog.lineMode) return verdict;
  const running = GRANTED_WRAPPER.exec(command)?.[2];
  if (!running) return verdict;
  const inner = guard.check(running, context);
  if (inner.verdict !== 'allow') return verdict;
  return {
    ...inner,
    allowedBy: {
      rule: verdict.rule ?? 'privilege',
      reason: `a line prompt of a command already running: its ${command.trim().split(/\s/, 1)[0]} was granted before the prompt appeared`,
    },
  };
}
