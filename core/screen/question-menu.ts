// A question put to the person, read as a menu: the question, its numbered choices, which one is highlighted, and
// the choice that takes typed text (Claude Code's "Type something.") and whether its text field is open.
import type { Profile } from './resolve-profiles.js';
import { optionShape } from './menu.js';
import { columns, isBlank, isRule, type ScreenView } from './screen-view.js';
import type { QuestionChoice, QuestionMenu } from './types.js';

/** How far above the last row the first choice of a question menu may be. */
const REACH = 30;

/**
 * The question menu on screen, or undefined when the question has no numbered choices (a prose or line question).
 * The free-text choice is the one whose label matches the profile's `freeText` patterns, or the highlighted one while
 * its text field is open (the cursor in it, past the marker): once typed into, its label is the typed text.
 */
export function readQuestionMenu(view: ScreenView, profile: Profile): QuestionMenu | undefined {
  const { rows, last } = view;
  // the lowest "1." row near the bottom starts the menu
  let first = -1;
  for (let i = last; i >= Math.max(0, last - REACH); i--) {
    if (optionShape(rows[i]!, profile.markers)?.number === 1) {
      first = i;
      break;
    }
  }
  if (first < 0) return undefined;
  const choices: (QuestionChoice & { row: number; end: number; column: number })[] = [];
  for (let i = first; i <= last; i++) {
    const shape = optionShape(rows[i]!, profile.markers);
    if (shape?.number === choices.length + 1) {
      const prev = choices[choices.length - 1];
      if (prev) prev.end = i - 1;
      choices.push({
        number: shape.number,
        label: shape.label.trim(),
        selected: shape.marked,
        row: i,
        end: i,
        column: columns(rows[i]!) - columns(shape.label),
      });
    }
  }
  if (!choices.length) return undefined;
  const lastChoice = choices[choices.length - 1]!;
  lastChoice.end = lastChoice.row;
  const question = questionRows(rows, first);
  const selected = choices.find((c) => c.selected);
  const { cursor } = view;
  // the field is open: the highlighted choice holds the cursor past its marker and number
  const open =
    selected && cursor.known && cursor.y >= selected.row && cursor.y <= fieldEnd(rows, selected)
      ? cursor.y > selected.row || cursor.x >= selected.column
      : false;
  const byLabel = choices.find((c) => profile.freeText.any(c.label));
  const free = byLabel ?? (open ? selected : undefined);
  const fieldOpen = Boolean(open && free && selected === free);
  const fieldText =
    fieldOpen && free ? (profile.freeText.any(free.label) ? '' : fieldRows(rows, free).join(' ')) : null;
  const listed = choices.map(({ number, label, selected: s }) => ({
    number,
    label: free && number === free.number && !byLabel ? '(type an answer)' : label,
    selected: s,
  }));
  return {
    text: question.join(' '),
    signature: [...question, ...choices.filter((c) => c !== free).map((c) => `${c.number}. ${c.label}`)].join(
      '\n',
    ),
    choices: listed,
    selected: selected?.number ?? null,
    freeText: free?.number ?? null,
    fieldOpen,
    fieldText,
  };
}

/** The question's own rows above the first choice: the block up to a rule or a second blank row. */
function questionRows(rows: readonly string[], first: number): string[] {
  const out: string[] = [];
  let blanks = 0;
  for (let i = first - 1; i >= 0 && out.length < 8; i--) {
    const row = rows[i]!;
    if (isRule(row)) break;
    if (isBlank(row)) {
      if (out.length && ++blanks >= 2) break;
      continue;
    }
    out.unshift(row.trim());
  }
  return out;
}

/** The last row of a choice's text field: its own row and the rows wrapped under it (deeper, not a rule or choice). */
function fieldEnd(rows: readonly string[], c: { row: number; column: number }): number {
  let end = c.row;
  for (let i = c.row + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (isBlank(row) || isRule(row) || optionShape(row, '')?.number !== undefined) break;
    if (/^\s*/.exec(row)![0].length < c.column) break;
    end = i;
  }
  return end;
}

/** The text a choice's open field holds, row by row. */
function fieldRows(rows: readonly string[], c: { row: number; column: number }): string[] {
  const out: string[] = [];
  for (let i = c.row; i <= fieldEnd(rows, c); i++)
    out.push(i === c.row ? [...rows[i]!].slice(c.column).join('').trim() : rows[i]!.trim());
  return out;
}
