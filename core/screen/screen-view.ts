// A screen prepared for reading: box borders removed, odd spaces unified, the live bottom located.
import type { Snapshot } from './types.js';

/** How many non-empty rows at the bottom count as "the live part" of a screen. */
export const BOTTOM_ROWS = 20;

/** A snapshot's rows, normalised once per classification. */
export interface ScreenView {
  /** rows as captured */
  readonly raw: readonly string[];
  /** rows with box side borders removed, NBSP as space, `∙` as `·`, trailing spaces trimmed */
  readonly rows: readonly string[];
  /** index of the last non-empty row, -1 on a blank screen */
  readonly last: number;
  /** index of the first row of the bottom block (the last BOTTOM_ROWS non-empty rows) */
  readonly bottom: number;
  /** pane width (for rows the terminal soft-wrapped); Infinity when unknown */
  readonly width: number;
  /** the longest row on screen (a guess at the width when it is unknown) */
  readonly widest: number;
  /** where the cursor is; `known` is false when no tmux state came with the screen */
  readonly cursor: {
    readonly x: number;
    readonly y: number;
    readonly visible: boolean;
    readonly known: boolean;
  };
  /** the bottom block's non-blank rows, trimmed, joined by newlines (for quick whole-block tests) */
  readonly block: string;
  /** the same rows joined by spaces (sentences the application wrapped read whole) */
  readonly flat: string;
}

const BORDER_CHARS = /[│┃║]/;
const LEADING_BORDER = /^(?:\s*[│┃║])+/;
const TRAILING_BORDER = /\s*(?:[│┃║]\s*)+$/;

/** Normalises one captured row (see ScreenView.rows). */
export function normalizeRow(line: string): string {
  let row = line;
  if (row.includes('\u00a0')) row = row.replace(/\u00a0/g, ' ');
  if (row.includes('∙')) row = row.replace(/∙/g, '·');
  if (BORDER_CHARS.test(row)) row = row.replace(LEADING_BORDER, '').replace(TRAILING_BORDER, '');
  return row.trimEnd();
}

/** Box-drawing characters (U+2500–U+257F): rules, box corners and edges. */
function isBoxChar(code: number): boolean {
  return code >= 0x2500 && code <= 0x257f;
}

/** True for a row that is only a box edge or a horizontal rule (three or more box-drawing characters). */
export function isRule(row: string): boolean {
  let rules = 0;
  for (let i = 0; i < row.length; i++) {
    const code = row.charCodeAt(i);
    if (isBoxChar(code)) rules++;
    else if (code !== 32) return false;
  }
  return rules >= 3;
}

/** True for a row with nothing to read: empty, spaces, or a rule. */
export function isBlank(row: string): boolean {
  let rules = 0;
  for (let i = 0; i < row.length; i++) {
    const code = row.charCodeAt(i);
    if (isBoxChar(code)) rules++;
    else if (code !== 32) return false;
  }
  return rules === 0 || rules >= 3;
}

/** Views already built, one per snapshot (snapshots are frozen): a look classifies, finds the box and reads rows once. */
const VIEWS = new WeakMap<Snapshot, ScreenView>();

/**
 * Each agent's last view. A look at a screen that did not change (the snapshot shares its rows array with the last one)
 * takes that view whole; a screen that changed in a row or two normalises only the rows that differ from it.
 */
const LAST = new Map<string, ScreenView>();

/** The view of a snapshot, built once per snapshot. */
export function viewOf(snapshot: Snapshot): ScreenView {
  let view = VIEWS.get(snapshot);
  if (!view) {
    const before = LAST.get(snapshot.agent);
    view = before && showsSame(before, snapshot) ? before : buildView(snapshot, before);
    VIEWS.set(snapshot, view);
    LAST.set(snapshot.agent, view);
  }
  return view;
}

/** The view was built from these very rows, with the same width and cursor: it is this snapshot's view too. */
function showsSame(view: ScreenView, snapshot: Snapshot): boolean {
  const { cursor } = snapshot;
  return (
    view.raw === snapshot.lines &&
    view.width === (snapshot.width > 0 ? snapshot.width : Infinity) &&
    view.cursor.x === cursor.x &&
    view.cursor.y === cursor.y &&
    view.cursor.visible === cursor.visible
  );
}

function buildView(snapshot: Snapshot, before: ScreenView | undefined): ScreenView {
  const raw = snapshot.lines;
  const rows = new Array<string>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!;
    rows[i] = before !== undefined && before.raw[i] === line ? before.rows[i]! : normalizeRow(line);
  }
  let last = rows.length - 1;
  while (last >= 0 && rows[last]!.trim() === '') last--;
  let bottom = last;
  for (let seen = 0; bottom > 0; bottom--) {
    if (rows[bottom]!.trim() !== '' && ++seen >= BOTTOM_ROWS) break;
  }
  const width = snapshot.width > 0 ? snapshot.width : Infinity;
  let widest = 0;
  for (let i = 0; i < raw.length; i++) if (raw[i]!.length > widest) widest = raw[i]!.length;
  const known = snapshot.cursor.y >= 0;
  const start = Math.max(0, bottom);
  const live: string[] = [];
  for (let k = start; k <= last; k++) if (!isBlank(rows[k]!)) live.push(rows[k]!.trim());
  return {
    raw,
    rows,
    last,
    bottom: start,
    width,
    widest,
    cursor: { ...snapshot.cursor, known },
    block: live.join('\n'),
    flat: live.join(' '),
  };
}

/** Display width of a row, counting code points (what tmux's cursor_x counts for narrow characters). */
export function columns(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Whether the cursor sits at the end of row `index` (one column past the text, or on its last character).
 * `unknown` when the screen came without tmux state.
 */
export function cursorAtEnd(view: ScreenView, index: number): 'yes' | 'no' | 'unknown' {
  const { cursor } = view;
  if (!cursor.known) return 'unknown';
  if (cursor.y !== index) return 'no';
  const end = columns(view.raw[index] ?? '');
  return cursor.x === end || cursor.x === end + 1 ? 'yes' : 'no';
}

/** The rows a line-mode program would join: row `index` plus the rows before it that the terminal soft-wrapped. */
export function softWrappedStart(view: ScreenView, index: number): number {
  let start = index;
  while (start > 0 && columns(view.raw[start - 1] ?? '') >= view.width) start--;
  return start;
}
