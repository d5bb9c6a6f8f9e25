// Classic line prompts (`[Y/n]`, `(yes/no)`, `Enter a value:`, Aider's `(Y)es/(N)o`): the last row, cursor at its end.
import type { Dialog } from './types.js';
import type { LinePromptShape, Profile, Subject } from './resolve-profiles.js';
import { consequenceRisk } from './consequence.js';
import { columns, cursorAtEnd, type ScreenView } from './screen-view.js';
import { findSubject } from './subject.js';

/** How many rows above a prompt its `context` may be. */
const CONTEXT_ROWS = 6;

/** The default subject of a line prompt: the command typed at the shell prompt above it. */
const SHELL_COMMAND: readonly Subject[] = [
  { kind: 'shell', continued: false, above: 0, separate: false, shellCommand: true, firstRow: false },
];

/** A line prompt on the last row, with the dialog that answers it. */
export interface LinePromptFinding {
  readonly dialog: Dialog;
  readonly row: number;
}

/** Finds a known line prompt on the last row whose end the cursor sits at (or might: no tmux state). */
export function findLinePrompt(view: ScreenView, profile: Profile): LinePromptFinding | undefined {
  const p = view.last;
  if (p < 0 || cursorAtEnd(view, p) === 'no') return undefined;
  const row = view.rows[p]!;
  for (const shape of profile.linePrompts) {
    const m = shape.prompt.exec(row);
    if (!m || !hasContext(view, p, shape)) continue;
    return { dialog: toDialog(view, p, m, shape, profile), row: p };
  }
  return undefined;
}

function hasContext(view: ScreenView, p: number, shape: LinePromptShape): boolean {
  if (!shape.context) return true;
  for (let i = Math.max(0, p - CONTEXT_ROWS); i < p; i++) if (shape.context.test(view.rows[i]!)) return true;
  return false;
}

function toDialog(
  view: ScreenView,
  p: number,
  m: RegExpExecArray,
  shape: LinePromptShape,
  profile: Profile,
): Dialog {
  const specs = shape.subject ?? SHELL_COMMAND;
  const subject = findSubject(view, specs, {
    question: p,
    below: [p + 1, p],
    reach: CONTEXT_ROWS,
    lineMode: true,
    shellPrompts: profile.shellPrompts,
    isOption: () => false,
  });
  const fill = (keys: readonly string[]) =>
    keys.map((k) => k.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? ''));
  const approve = fill(shape.approve);
  // a classic program's prompt is judged by what it says will happen, not only by the command that started it
  const risk = shape.subject
    ? undefined
    : consequenceRisk(view.rows[p]!, printedAbove(view, p, profile), subject?.text);
  return {
    rule: shape.rule,
    command: subject?.text ?? null,
    commandKind: subject?.kind ?? specs[0]?.kind ?? null,
    approve: approve.length === 0 || approve.some((k) => k === '') ? null : approve,
    deny: fill(shape.deny),
    signature: [shape.rule, view.rows[p]!.trim(), subject?.text ?? ''].join('\n'),
    lineMode: true,
    ...(subject?.variants.length ? { variants: subject.variants } : {}),
    ...(risk !== undefined && { risk }),
  };
}

/** The rows a program printed between the command typed at the last shell prompt and its prompt on row `p`. */
function printedAbove(view: ScreenView, p: number, profile: Profile): string[] {
  let start = 0;
  for (let i = p - 1; i >= 0; i--) {
    const m = profile.shellPrompts.find(view.rows[i]!);
    if (m && m.index === 0) {
      start = i + 1;
      while (start < p && columns(view.raw[start - 1] ?? '') >= view.width) start++;
      break;
    }
  }
  return view.rows.slice(start, p);
}
