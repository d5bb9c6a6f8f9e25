// What a dialog confirms: the command or action, read verbatim from the rows the profile points at.
// A command the application wrapped over several rows has more than one reading (a space at the break, nothing at
// the break for a token cut in two, a newline where the row ends early): the guard must allow every one of them.
import type { PatternList } from './pattern.js';
import type { Subject } from './resolve-profiles.js';
import { columns, isBlank, type ScreenView } from './screen-view.js';

/** The command or action found, with the other readings a wrapped command allows. */
export interface FoundSubject {
  readonly kind: 'shell' | 'action';
  readonly text: string;
  /** the same command joined differently across wrapped rows (the guard must allow every reading) */
  readonly variants: readonly string[];
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
}

/** How close to the wrap width a row must end for its break to be a wrap rather than a newline. */
const WRAP_SLACK = 6;

/** Tries each subject spec in order; the first that finds text wins. `undefined` when none does. */
export function findSubject(
  view: ScreenView,
  specs: readonly Subject[],
  place: SubjectPlace,
): FoundSubject | undefined {
  for (const spec of specs) {
    const block = blockFor(view, spec, place);
    if (block === undefined) continue;
    if (block.pieces.length === 0) {
      if (spec.template && !spec.template.includes('{}'))
        return { kind: spec.kind, text: spec.template, variants: [] };
      continue;
    }
    const pieces = block.pieces.map((p) => ({ ...p, text: p.text.trim() })).filter((p) => p.text !== '');
    if (pieces.length === 0) continue;
    const { text, variants } = spec.separate
      ? { text: pieces.map((p) => p.text).join('\n'), variants: [] }
      : readings(view, pieces, spec.kind);
    if (block.mayContinue) variants.push(`${text}${block.mayContinue}`);
    return {
      kind: spec.kind,
      text: applyTemplate(spec.template, text),
      variants: variants.map((v) => applyTemplate(spec.template, v)),
    };
  }
  return undefined;
}

function applyTemplate(template: string | undefined, text: string): string {
  if (!template) return text;
  return template.includes('{}') ? template.replace('{}', text) : template;
}

/** The main reading (rows joined by spaces) and, for shell commands, the other ways the rows could join. */
function readings(
  view: ScreenView,
  pieces: readonly Piece[],
  kind: 'shell' | 'action',
): { text: string; variants: string[] } {
  const text = pieces.map((p) => p.text).join(' ');
  if (pieces.length < 2 || kind !== 'shell') return { text, variants: [] };
  const variants = [pieces.map((p) => p.text).join('')];
  let byBreak = pieces[0]!.text;
  let hard = false;
  for (let i = 1; i < pieces.length; i++) {
    const early = endsEarly(view, pieces[i - 1]!, pieces[i]!);
    hard ||= early;
    byBreak += (early ? '\n' : ' ') + pieces[i]!.text;
  }
  if (hard) variants.push(byBreak);
  return { text, variants };
}

/** True when the next row's first word would have fitted on this row: the application broke the line on purpose. */
function endsEarly(view: ScreenView, row: Piece, next: Piece): boolean {
  const raw = view.raw[row.index] ?? '';
  const boxed = /^\s*[│┃║]/.test(raw);
  const width = boxed ? columns(raw) - 2 : Number.isFinite(view.width) ? view.width : view.widest;
  const end = columns((view.rows[row.index] ?? '').trimEnd());
  const word = columns(next.text.split(/\s/, 1)[0] ?? '');
  return end + 1 + word < width - WRAP_SLACK;
}

/** The pieces a spec points at; no pieces for a fixed summary; undefined when the spec does not apply. */
function blockFor(view: ScreenView, spec: Subject, place: SubjectPlace): Block | undefined {
  if (spec.header) return headerBlock(view, spec, place);
  if (spec.row) return matchedRow(view, spec, place);
  if (spec.above > 0) return blockAbove(view, spec, place);
  if (spec.shellCommand) return shellCommand(view, place);
  return spec.template && !spec.template.includes('{}') ? { pieces: [] } : undefined;
}

/** Claude's layout: a header row, then the command rows up to a blank row; a sentence-case last row is the description. */
function headerBlock(view: ScreenView, spec: Subject, place: SubjectPlace): Block | undefined {
  const { rows } = view;
  let h = -1;
  for (let i = place.question - 1; i >= Math.max(0, place.question - place.reach); i--) {
    if (spec.header!.test(rows[i]!)) {
      h = i;
      break;
    }
  }
  if (h < 0) return undefined;
  let i = h + 1;
  while (i < place.question && isBlank(rows[i]!)) i++;
  const pieces: Piece[] = [];
  for (; i < place.question && !isBlank(rows[i]!); i++) pieces.push({ index: i, text: rows[i]! });
  if (spec.firstRow) return { pieces: pieces.slice(0, 1) };
  if (pieces.length >= 2 && spec.description?.test(pieces[pieces.length - 1]!.text.trim())) pieces.pop();
  return { pieces };
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

/** The block of non-empty rows right above the question (blank rows and box edges in between are skipped). */
function blockAbove(view: ScreenView, spec: Subject, place: SubjectPlace): Block | undefined {
  const { rows } = view;
  let i = place.question - 1;
  while (i >= 0 && isBlank(rows[i]!)) i--;
  const pieces: Piece[] = [];
  for (; i >= 0 && pieces.length < spec.above && !isBlank(rows[i]!) && !spec.stop?.test(rows[i]!); i--) {
    pieces.unshift({ index: i, text: rows[i]! });
  }
  if (place.lineMode && pieces.length) {
    // a line the terminal soft-wrapped continues from the full-width rows above it
    let head = pieces[0]!;
    for (; i >= 0 && columns(view.raw[i]!) >= view.width; i--)
      head = { index: i, text: rows[i]! + head.text };
    pieces[0] = head;
  }
  return pieces.length ? { pieces } : undefined;
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
