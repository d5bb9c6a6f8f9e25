// What a dialog confirms: the command or action, read verbatim from the rows the profile points at.
// A command the application wrapped over several rows has more than one reading (a space at the break, nothing at
// the break for a token cut in two, a newline where the row ends early): the guard must allow every one of them.
import type { PatternList } from './pattern.js';
import type { Subject } from './resolve-profiles.js';
import { breakAfter, dialogBody, type Break } from './dialog-body.js';
import { programExists } from './program-exists.js';
import { columns, isBlank, type ScreenView } from './screen-view.js';

/** The command or action found, with the other readings a wrapped command allows. */
export interface FoundSubject {
  readonly kind: 'shell' | 'action';
  readonly text: string;
  /** the same command joined differently across wrapped rows (the guard must allow every reading) */
  readonly variants: readonly string[];
  /** rows read as the model's description of the command, not part of it (the guard judges them on their own) */
  readonly description?: string;
  /** the dialog's top is off screen: what is shown may be part of the command only (never approved) */
  readonly cut?: boolean;
}

/** Where to look: the question (or prompt) row, and the rows a row-spec may search. */
export interface SubjectPlace {
  readonly question: number;
  /** first and last row of the dialog's body below the question (before the options) */
  readonly below: readonly [number, number];
  /** how far above the question to look */
  readonly reach: number;
  /** rows a line-mode program printed: the terminal (not the app) wrapped them, at exactly the pane width */
  readonly lineMode: boolean;
  /** the profile's shell prompts (for `shellCommand` subjects) */
  readonly shellPrompts: PatternList;
  /** rows that end a `row` subject's continuation (option rows) */
  readonly isOption: (row: number) => boolean;
}

/** One row of a subject: where it is and the part of it that belongs to the subject. */
interface Piece {
  readonly index: number;
  readonly text: string;
}

/** The pieces a spec points at; `mayContinue`: a row that may continue the last one (soft wrap, width unknown). */
interface Block {
  readonly pieces: readonly Piece[];
  readonly mayContinue?: string;
  readonly description?: string;
  readonly cut?: boolean;
}

/** How close to the wrap width a row must end for its break to be a wrap rather than a newline. */
const WRAP_SLACK = 6;

/** Tries each subject spec in order; the first that finds text wins. `undefined` when none does. */
export function findSubject(
  view: ScreenView,
  specs: readonly Subject[],
  place: SubjectPlace,
): FoundSubject | undefined {
  // a header above the screen is only a guess until no other spec finds its own header
  let cut: FoundSubject | undefined;
  for (const spec of specs) {
    const block = blockFor(view, spec, place);
    if (block === undefined) continue;
    if (block.cut || block.pieces.some((piece) => clippedRight(view.raw[piece.index] ?? ''))) {
      cut ??= { kind: spec.kind, text: '', variants: [], cut: true };
      continue;
    }
    if (block.pieces.length === 0) {
      if (spec.template && !spec.template.includes('{}'))
        return { kind: spec.kind, text: spec.template, variants: [] };
      continue;
    }
    const rows = block.pieces.filter((p) => p.text.trim() !== '');
    if (rows.length === 0) continue;
    const { text, variants } = spec.separate
      ? { text: rows.map((p) => p.text.trim()).join('\n'), variants: [] }
      : readings(view, block.pieces, spec.kind);
    if (block.mayContinue) variants.push(`${text}${block.mayContinue}`);
    // a dialog that shows its command twice (Cursor's `$ cmd` row and its "Not in allowlist: cmd" row): every
    // place it shows must be allowed, so a forged second one cannot stand in for the command that runs
    if (spec.kind === 'shell')
      variants.push(...otherReadings(view, specs.slice(specs.indexOf(spec) + 1), place));
    return {
      kind: spec.kind,
      text: applyTemplate(spec.template, text),
      variants: variants.map((v) => applyTemplate(spec.template, v)),
      ...(block.description !== undefined && { description: block.description }),
    };
  }
  return cut;
}

/** The commands the later shell specs read on the same screen (all of them, as `readings` gives them). */
function otherReadings(view: ScreenView, specs: readonly Subject[], place: SubjectPlace): string[] {
  const out: string[] = [];
  for (const spec of specs) {
    if (spec.kind !== 'shell' || spec.template) continue;
    const block = blockFor(view, spec, place);
    if (!block || block.cut) continue;
    const rows = block.pieces.filter((p) => p.text.trim() !== '');
    if (rows.length === 0) continue;
    const { text, variants } = spec.separate
      ? { text: rows.map((p) => p.text.trim()).join('\n'), variants: [] }
      : readings(view, block.pieces, spec.kind);
    out.push(text, ...variants);
  }
  return out;
}

function applyTemplate(template: string | undefined, text: string): string {
  if (!template) return text;
  return template.includes('{}') ? template.replace('{}', text) : template;
}

/**
 * The main reading and, for shell commands, the other ways the rows could join. A blank row or a row indented deeper
 * than the first starts a new line; otherwise the break is read from where the row ends (see `breakAfter`): main
 * reading a space at wraps, the variants a newline at every break and nothing where a row reaches the edge.
 */
function readings(
  view: ScreenView,
  pieces: readonly Piece[],
  kind: 'shell' | 'action',
): { text: string; variants: string[] } {
  const rows: { text: string; column: number; index: number; after: boolean }[] = [];
  let blank = false;
  for (const p of pieces) {
    const text = p.text.trim();
    if (text === '') {
      blank = rows.length > 0;
      continue;
    }
    const column = Math.max(0, (view.rows[p.index] ?? '').indexOf(text));
    rows.push({ text, column, index: p.index, after: blank });
    blank = false;
  }
  const main = rows.map((r) => r.text).join(' ');
  if (rows.length < 2 || kind !== 'shell') return { text: main, variants: [] };
  const base = rows[0]!.column;
  let text = rows[0]!.text;
  let lines = text;
  let glued = text;
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    const kindOf: Break =
      row.after || row.column > base
        ? 'newline'
        : breakAfter(view, rows[i - 1]!.index, firstWord(row.text), WRAP_SLACK);
    // a line indented deeper keeps its own indent (a heredoc's `  EOF` is not its end)
    const line = '\n' + ' '.repeat(Math.max(0, row.column - base)) + row.text;
    text += kindOf === 'newline' ? line : ' ' + row.text;
    lines += kindOf === 'newline' || mayStartCommand(row.text) ? line : ' ' + row.text;
    glued += kindOf === 'newline' ? line : (kindOf === 'full' ? '' : ' ') + row.text;
  }
  const variants = [...new Set([lines, glued])].filter((v) => v !== text);
  return { text, variants };
}

/** The pieces a spec points at; no pieces for a fixed summary; undefined when the spec does not apply. */
function blockFor(view: ScreenView, spec: Subject, place: SubjectPlace): Block | undefined {
  if (spec.header) return headerBlock(view, spec, place);
  if (spec.row) return matchedRow(view, spec, place);
  if (spec.above > 0) return blockAbove(view, spec, place);
  if (spec.shellCommand) return shellCommand(view, place);
  return spec.template && !spec.template.includes('{}') ? { pieces: [] } : undefined;
}

/** Columns a dialog's padding and border may leave between its text and the pane's edge. */
const EDGE_SLACK = 3;

/** True when row `i` runs to the right edge of the dialog (the pane's width, or the widest row when it is unknown). */
function reachesEdge(view: ScreenView, i: number): boolean {
  const width = Number.isFinite(view.width) ? view.width : view.widest;
  return columns(view.rows[i]!) >= width - EDGE_SLACK;
}

/** A row that can carry on the one above it: not blank, not a rule. */
function continues(row: string): boolean {
  return !isBlank(row) && !/^[\s╌┄─━═]+$/.test(row);
}

/** Claude's layout: the body under the header, read whole (blank rows kept); its last paragraph may be the description. */
function headerBlock(view: ScreenView, spec: Subject, place: SubjectPlace): Block | undefined {
  const body = dialogBody(view, place.question, spec.header!);
  if (!body) return undefined;
  if (body.kind === 'cut') return { pieces: [], cut: true };
  const pieces: Piece[] = body.rows.map((index) => ({
    index,
    text: isBlank(view.rows[index]!) ? '' : view.rows[index]!,
  }));
  if (spec.firstRow) {
    // the first row under the header, at the dialog's own indent or deeper (a file name, a folder, a URL), with the
    // rows the TUI hard-wrapped it onto when it reaches the dialog's right edge (a path or URL has no space to wrap at)
    for (let i = body.header + 1; i < place.question; i++) {
      if (isBlank(view.rows[i]!)) continue;
      let text = view.rows[i]!;
      for (let j = i; j + 1 < place.question && reachesEdge(view, j) && continues(view.rows[j + 1]!); j++)
        text += view.rows[j + 1]!.trim();
      return { pieces: [{ index: i, text }] };
    }
    return { pieces: [] };
  }
  if (!spec.description) return { pieces };
  const split = splitDescription(view, pieces, spec.description);
  return split ? { pieces: split.command, description: split.description } : { pieces };
}

/**
 * The model's description under a command: the longest run of rows at the end, joined by wraps, that reads as
 * prose. Whether it is one is never certain from the text alone, so the caller has the guard judge it too.
 */
function splitDescription(
  view: ScreenView,
  pieces: readonly Piece[],
  pattern: RegExp,
): { command: Piece[]; description: string } | undefined {
  const rows = pieces.filter((p) => p.text.trim() !== '');
  if (rows.length < 2) return undefined;
  // the rows that continue the one above them by a wrap: a description can span those
  let start = rows.length - 1;
  while (
    start - 1 >= 1 &&
    rows[start - 1]!.index === rows[start]!.index - 1 &&
    breakAfter(view, rows[start - 1]!.index, firstWord(rows[start]!.text), WRAP_SLACK) !== 'newline'
  )
    start--;
  for (let k = start; k < rows.length; k++) {
    const text = rows
      .slice(k)
      .map((p) => p.text.trim())
      .join(' ');
    if (!pattern.test(text) || !isProse(text)) continue;
    const cut = pieces.indexOf(rows[k]!);
    return { command: pieces.slice(0, cut), description: text };
  }
  return undefined;
}

/** Words a person would write: a word first, no shell operators, quotes, substitutions, flags or home paths. */
function isProse(text: string): boolean {
  if (/(?:^|\s)[-~]/.test(text)) return false;
  return /^[A-Za-z][A-Za-z'-]*(?:[ ,.:][^|;&<>`$"\\=*{}]*)?$/.test(text) && /\s/.test(text);
}

/**
 * Whether a row, read as the start of a new line, could run something: it starts with a builtin or a program on
 * PATH, a path (`./x`, `/x`, `~/x`), an assignment or an expansion. A row starting with `&&` or a word no shell here
 * knows only continues the row above.
 */
function mayStartCommand(text: string): boolean {
  const word = firstWord(text);
  if (/^(?:&&|\|\|?|;)/.test(word)) return false;
  if (/^(?:\.{0,2}\/|~)|[=$`({!"'\\]/.test(word)) return true;
  return programExists(word);
}

function firstWord(text: string): string {
  return text.trim().split(/\s/, 1)[0] ?? '';
}

/** A row matching the spec (below the question first, then upwards), plus its continuation rows. */
function matchedRow(view: ScreenView, spec: Subject, place: SubjectPlace): Block | undefined {
  const { rows } = view;
  const order: number[] = [];
  for (let i = place.below[0]; i <= place.below[1]; i++) order.push(i);
  for (let i = place.question; i >= Math.max(0, place.question - place.reach); i--) order.push(i);
  for (const i of order) {
    const m = spec.row!.exec(rows[i] ?? '');
    if (!m) continue;
    const pieces: Piece[] = [{ index: i, text: m[1] ?? m[0] }];
    if (spec.continued && i >= place.below[0] && i <= place.below[1]) {
      // in the dialog's body the command runs to the options, blank rows included: a command keeps its blank lines,
      // and an earlier `$ ` row (one in the model's reason) only makes the reading longer, never shorter
      for (let j = i + 1; j <= place.below[1] && !place.isOption(j); j++)
        pieces.push({ index: j, text: isBlank(rows[j]!) ? '' : rows[j]! });
      return { pieces };
    }
    if (spec.continued) {
      for (
        let j = i + 1;
        j < rows.length && j !== place.question && !isBlank(rows[j]!) && !place.isOption(j);
        j++
      ) {
        pieces.push({ index: j, text: rows[j]! });
      }
    }
    return { pieces };
  }
  return undefined;
}

/** Box corners that open a box (its top edge). */
const BOX_TOP = /[╭┌]/;
/** Box corners that close a box (its bottom edge). */
const BOX_BOTTOM = /[╰└]/;
/** A tool's note that rows of the command are folded away (Gemini: `... first 4 lines hidden (Ctrl+O to show) ...`). */
const HIDDEN_ROWS = /\b\d+ (?:lines? )?hidden\b|\(ctrl\+o(?: to (?:show|expand))?\)/i;

/**
 * The block right above the question. In a box (rows drawn inside nested borders) the block is the whole box, read
 * up to its top edge, blank rows included: a command is read from the top of its box however tall, and a box whose
 * top is above the screen, or that says rows are hidden, is `cut`. Unboxed (a line-mode program's rows), the
 * non-empty rows up to a blank row, at most `above` of them.
 */
function blockAbove(view: ScreenView, spec: Subject, place: SubjectPlace): Block | undefined {
  const { rows, raw } = view;
  let i = place.question - 1;
  let closed = false;
  for (; i >= 0 && isBlank(rows[i]!) && !BOX_TOP.test(raw[i] ?? ''); i--)
    closed ||= BOX_BOTTOM.test(raw[i] ?? '');
  if (i < 0 || BOX_TOP.test(raw[i] ?? '')) return undefined;
  // a box closed right above the question (Copilot's, or Gemini's inside its dialog), or rows inside two borders
  const depth = borders(raw[i] ?? '');
  const boxed = depth >= 2 || (closed && depth >= 1);
  const pieces: Piece[] = [];
  for (; i >= 0; i--) {
    const row = rows[i]!;
    if (boxed && BOX_TOP.test(raw[i] ?? '') && borders(raw[i] ?? '') < depth) break;
    if (spec.stop?.test(row)) break;
    if (isBlank(row)) {
      if (!boxed) break;
      pieces.unshift({ index: i, text: '' });
      continue;
    }
    if (HIDDEN_ROWS.test(row)) return { pieces: [], cut: true };
    if (!boxed && pieces.length >= spec.above) break;
    pieces.unshift({ index: i, text: row });
  }
  if (boxed && i < 0) return { pieces: [], cut: true };
  // rows read inside a box's side border (Gemini's command under its title): the box's top must be on screen,
  // or rows of the command may be above it
  if (!boxed && depth >= 1 && !boxTopAbove(raw, pieces[0]?.index ?? place.question))
    return { pieces: [], cut: true };
  while (pieces.length && pieces[0]!.text === '') pieces.shift();
  if (place.lineMode && pieces.length) {
    // a line the terminal soft-wrapped continues from the full-width rows above it
    let head = pieces[0]!;
    for (; i >= 0 && columns(view.raw[i]!) >= view.width; i--)
      head = { index: i, text: rows[i]! + head.text };
    pieces[0] = head;
  }
  return pieces.length ? { pieces } : undefined;
}

/**
 * A row inside a box whose right edge is missing: the box is wider than the pane (or drawn past its edge), so the
 * row's end is cut off and the command may go on where nobody can read it.
 */
function clippedRight(raw: string): boolean {
  const left = borders(raw);
  if (left === 0) return false;
  let right = 0;
  for (const ch of [...raw.trimEnd()].reverse()) {
    if (ch === '│' || ch === '┃' || ch === '║') right++;
    else if (ch !== ' ') break;
  }
  return right < left;
}

/** Whether the box a row sits in opens on screen: walking up through bordered rows reaches its top edge. */
function boxTopAbove(raw: readonly string[], from: number): boolean {
  for (let k = from - 1; k >= 0; k--) {
    if (BOX_TOP.test(raw[k] ?? '')) return true;
    if (borders(raw[k] ?? '') === 0) return false;
  }
  return false;
}

/** How many box side borders (`│`) a captured row starts with: 2 inside a box drawn within a box. */
function borders(raw: string): number {
  let n = 0;
  for (const ch of raw) {
    if (ch === '│' || ch === '┃' || ch === '║') n++;
    else if (ch !== ' ') break;
  }
  return n;
}

/** The command typed after the last shell prompt above the question, joined across soft-wrapped rows. */
function shellCommand(view: ScreenView, place: SubjectPlace): Block | undefined {
  const { rows } = view;
  for (let i = place.question - 1; i >= 0; i--) {
    const m = place.shellPrompts.find(rows[i]!);
    if (!m || m.index !== 0) continue;
    let command = rows[i]!.slice(m[0].length).trim();
    let j = i;
    for (; j + 1 < place.question && columns(view.raw[j]!) >= view.width; j++) command += rows[j + 1]!;
    if (!command) return undefined;
    // width unknown: the longest row on screen may have been wrapped, so the guard must also allow it joined
    const mayWrap =
      view.width === Infinity &&
      j + 1 < place.question &&
      columns(view.raw[j]!) === view.widest &&
      view.widest >= 80;
    return { pieces: [{ index: i, text: command }], ...(mayWrap && { mayContinue: rows[j + 1]! }) };
  }
  return undefined;
}
