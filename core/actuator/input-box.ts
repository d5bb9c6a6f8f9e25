// Reading an agent's input box back: the rows of text it holds, so the actuator can check that what it typed is
// there (and nothing else) before Enter, and that it left after Enter.
import type { Profile } from '../screen/resolve-profiles.js';
import { isBlank, normalizeRow, viewOf } from '../screen/screen-view.js';
import type { Snapshot } from '../screen/types.js';

/** How far up from the bottom the box may sit, in non-blank rows (multi-row text, hints below it). */
const BOX_DEPTH = 10;
/** The text of a menu's option row: a number and a dot or parenthesis. */
const OPTION = /^\d{1,2}[.)]\s/;
/** Rows below the box that are not the profile's footers (a status line wrapped onto a second row, a hint). */
const HINT_ROWS = 2;

/**
 * The input box's text rows: the text on the box row (group 1 of the profile's `input.row`), then the rows below it
 * up to the box's edge. The box must be the last thing on screen (below it only the profile's footers and at most
 * two other rows), and below
 * every busy sign (what an agent echoes above its spinner is history). Undefined when no such box is on screen.
 * An empty box is `['']`, also when it shows a placeholder (see `placeholderOnly`).
 */
export function boxRows(s: Snapshot, profile: Profile): string[] | undefined {
  return findBox(s, profile)?.rows;
}

/** The input box (see `boxRows`) and the screen row it starts on. */
export function findBox(s: Snapshot, profile: Profile): { rows: string[]; start: number } | undefined {
  if (!profile.input.row.length) return undefined;
  const view = viewOf(s);
  const { rows } = view;
  for (let i = view.last, seen = 0; i >= 0 && seen < BOX_DEPTH; i--) {
    const row = rows[i]!;
    if (isBlank(row)) continue;
    seen++;
    if (profile.busy.any(row) && !profile.quoted.any(row)) return undefined;
    const m = matchRow(row, profile.input.row);
    if (m === undefined) continue;
    // `❯ 1. Yes` / `› 2. No`: the highlighted option of a menu, not an input box
    if (OPTION.test(m)) return undefined;
    if (placeholderOnly(s, i, m)) return { rows: [''], start: i };
    const out = [m];
    let j = i + 1;
    for (; j <= view.last && !isBlank(rows[j]!) && !profile.footers.any(rows[j]!); j++) out.push(rows[j]!);
    // the program's own chrome below its box (a status line, a shortcuts row, a warnings row: the profile's footers)
    // is not something drawn under the box
    const below = rows.slice(j, view.last + 1).filter((r) => !isBlank(r) && !profile.footers.any(r)).length;
    return below <= HINT_ROWS ? { rows: out, start: i } : undefined;
  }
  return undefined;
}

/**
 * True when everything the box row shows sits at or after the cursor, which stands on that row: nothing was typed
 * before it, so the text is the program's placeholder (`› Ask Codex to do anything`, `> Type your message…`), drawn
 * after the cursor and gone with the first key. Typed text always ends before the cursor.
 */
function placeholderOnly(s: Snapshot, row: number, text: string): boolean {
  const { x, y } = s.cursor;
  if (y !== row || !squash(text)) return false;
  const raw = s.lines[row] ?? '';
  if (x <= 0 || x >= raw.length) return false;
  return squash(normalizeRow(raw.slice(x))) === squash(text);
}

/** True when a row shows the program's declared sign that it takes input (`input.ready`); false when it has none. */
export function showsReady(s: Snapshot, profile: Profile): boolean {
  const { ready } = profile.input;
  return !ready.empty && viewOf(s).rows.some((row) => ready.any(row));
}

/** True when the cursor sits after a shell prompt on the last non-empty row. */
export function atShellPrompt(s: Snapshot): boolean {
  const last = s.lines.findLastIndex((l) => l.trim() !== '');
  return s.cursor.y === last && PROMPT.test((s.lines[last] ?? '').slice(0, s.cursor.x));
}

const PROMPT = /^.*?(?:[$#%>❯›»]\s)/;

/** The text after the prompt on the cursor's row: what Enter would submit at a shell. */
export function pendingInput(s: Snapshot): string {
  const line = (s.lines[s.cursor.y] ?? '').slice(0, s.cursor.x);
  const prompt = PROMPT.exec(line);
  return prompt ? line.slice(prompt[0].length) : '';
}

/**
 * True when the box holds exactly `text` from its start, ending at the end of a row (a program wraps long text over
 * rows; spaces are ignored because wrapping moves them). Text in front of it, or more after it on its last row, is
 * not a match: that is text nobody sent.
 */
export function holdsExactly(rows: readonly string[] | undefined, text: string): boolean {
  const want = squash(text);
  if (!rows || !want) return false;
  let got = '';
  for (const row of rows) {
    got += squash(row);
    if (got === want) return true;
    if (!want.startsWith(got)) return false;
  }
  return false;
}

/** True when the box (if any) no longer starts with `text`: it was taken away by Enter. */
export function leftBox(rows: readonly string[] | undefined, text: string): boolean {
  return !rows || !squash(rows.join('')).startsWith(squash(text));
}

/** Everything the box holds, without spaces (empty for an empty box). */
export function boxContent(rows: readonly string[] | undefined): string {
  return rows ? squash(rows.join('')) : '';
}

function matchRow(row: string, patterns: readonly RegExp[]): string | undefined {
  for (const re of patterns) {
    const m = re.exec(row);
    if (m) return m[1] ?? '';
  }
  return undefined;
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
