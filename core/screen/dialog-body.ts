// A header dialog's body, read from its layout (Claude Code): the header and the question sit at the dialog's own
// indent, everything the tool shows (command, heredoc, description) is indented deeper. Text inside the body is
// content, whatever it says: a "Bash command" or "Do you want to proceed?" row in a heredoc is not structure.
import { columns, isBlank, type ScreenView } from './screen-view.js';

/** The rows between a dialog's header and its question, or why they cannot be read whole. */
export type Body =
  /** header row and the body rows (blank rows inside kept, padding rows around it dropped) */
  | { readonly kind: 'body'; readonly header: number; readonly rows: readonly number[] }
  /** the box's top (its header) is above the screen: the rows shown may be only part of the command */
  | { readonly kind: 'cut' };

/** Leading spaces of a normalised row (box borders already removed). */
export function indentOf(row: string): number {
  let i = 0;
  while (row[i] === ' ') i++;
  return i;
}

/** The top edge of a dialog: a rule drawn from the pane's first column, or a box corner. */
function isBoxTop(raw: string): boolean {
  const first = raw.charCodeAt(0);
  if (first === 0x256d || first === 0x250c) return true; // ╭ ┌
  return first === 0x2500 && isBlank(raw); // ─ from column 0, nothing but rules
}

/**
 * Reads the body of the dialog whose question is on row `question`, under a header matching `header`: the rows from
 * the header down to the last row indented deeper than the dialog. Rows at the dialog's own indent are its
 * structure (a file name under the header, "This command requires approval" above the question); deeper rows are
 * content. Undefined when the dialog has another header; `cut` when its top is above the screen.
 */
export function dialogBody(view: ScreenView, question: number, header: RegExp): Body | undefined {
  const { rows, raw } = view;
  const base = indentOf(rows[question]!);
  let deepest = -1;
  for (let i = question - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (isBlank(row)) {
      if (isBoxTop(raw[i] ?? '')) return undefined;
      continue;
    }
    if (indentOf(row) > base) {
      if (deepest < 0) deepest = i;
      continue;
    }
    if (header.test(row)) return { kind: 'body', header: i, rows: range(i + 1, deepest) };
    // a row left of the dialog's own edge is neither its structure nor its content: the layout is not the one
    // this reader knows, so nothing shown can be taken as the whole command
    if (indentOf(row) < base) return { kind: 'cut' };
  }
  return { kind: 'cut' };
}

function range(first: number, last: number): number[] {
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(i);
  return out;
}

/** How a row break inside an application-wrapped block can be read. */
export type Break = 'newline' | 'wrap' | 'full';

/**
 * How the break after row `index` may be read, given the first word of the next row: `newline` when that word
 * would have fitted on the row (the line ended there), `wrap` when it would not (a space was dropped, or the line
 * ended), `full` when the row reaches the right edge and a word may also have been cut in two there.
 *
 * The agents' word wrappers (Ink's wrap-ansi, ratatui's and textwrap's) cut a word only when it is longer than a
 * whole row; a shorter one moves to the next row whole and the space before it is dropped. So a row reaching the edge
 * is `full` only when the word across the break could not have fitted on a row (longer than the row's text), or when
 * the row ends where a wrapper may break without a space (after `-`, `/` and the like).
 */
export function breakAfter(view: ScreenView, index: number, nextWord: string, slack: number): Break {
  const raw = view.raw[index] ?? '';
  const boxed = /^\s*[│┃║]/.test(raw);
  const width = boxed ? columns(raw) - 2 : Number.isFinite(view.width) ? view.width : view.widest;
  const row = (view.rows[index] ?? '').trimEnd();
  const end = columns(row);
  if (end >= width - 3) {
    const text = row.trimStart();
    const lastWord = /\S*$/.exec(text)?.[0] ?? '';
    // Unicode line breaking also breaks after punctuation and between ideographs: anything but a plain ASCII word
    // on either side may be a cut without a space
    const breaksWithoutSpace = !/[A-Za-z0-9_]$/.test(lastWord) || !/^[A-Za-z0-9_-]/.test(nextWord);
    return breaksWithoutSpace || columns(lastWord) + columns(nextWord) > columns(text) ? 'full' : 'wrap';
  }
  return end + 1 + columns(nextWord) < width - slack ? 'newline' : 'wrap';
}
