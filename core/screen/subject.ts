// What a dialog confirms: the command or action, read verbatim from the rows the profile points at.
import type { Subject } from './resolve-profiles.js';
import { columns, isBlank, type ScreenView } from './screen-view.js';
import type { PatternList } from './pattern.js';

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
  /** rows a line-mode program printed: the terminal may have soft-wrapped them */
  readonly lineMode: boolean;
  /** the profile's shell prompts (for `shellCommand` subjects) */
  readonly shellPrompts: PatternList;
  /** rows that end a `row` subject's continuation (option rows) */
  readonly isOption: (row: number) => boolean;
}

/** Tries each subject spec in order; the first that finds text wins. `undefined` when none does. */
export function findSubject(
  view: ScreenView,
  specs: readonly Subject[],
  place: SubjectPlace,
): FoundSubject | undefined {
  for (const spec of specs) {
    const found = rowsFor(view, spec, place);
    if (found === undefined) continue;
    if (found.length === 0 && spec.template && !spec.template.includes('{}'))
      return { kind: spec.kind, text: spec.template, variants: [] };
    const parts = found.map((r) => r.trim()).filter(Boolean);
    if (parts.length === 0) continue;
    const text = applyTemplate(spec.template, parts.join(' '));
    const variants = parts.length > 1 && spec.kind === 'shell' ? [parts.join('')] : [];
    if (found.mayContinue) variants.push(`${text}${found.mayContinue}`);
    return { kind: spec.kind, text, variants };
  }
  return undefined;
}

function applyTemplate(template: string | undefined, text: string): string {
  if (!template) return text;
  return template.includes('{}') ? template.replace('{}', text) : template;
}

/** Rows a spec points at; `mayContinue` is a row that may continue the last one (soft wrap at an unknown width). */
type Rows = string[] & { mayContinue?: string };

/** The rows a spec points at; `[]` for a fixed summary; undefined when the spec does not apply. */
function rowsFor(view: ScreenView, spec: Subject, place: SubjectPlace): Rows | undefined {
  if (spec.header) return headerBlock(view, spec, place);
  if (spec.row) return matchedRow(view, spec, place);
  if (spec.above > 0) return blockAbove(view, spec.above, place);
  if (spec.shellCommand) return shellCommand(view, place);
  return spec.template && !spec.template.includes('{}') ? [] : undefined;
}

/** Claude's layout: a header row, then the command rows up to a blank row; a sentence-case last row is the description. */
function headerBlock(view: ScreenView, spec: Subject, place: SubjectPlace): string[] | undefined {
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
  const block: string[] = [];
  for (; i < place.question && !isBlank(rows[i]!); i++) block.push(rows[i]!);
  if (spec.firstRow) return block.slice(0, 1);
  if (block.length >= 2 && spec.description?.test(block[block.length - 1]!.trim())) block.pop();
  return block;
}

/** A row matching the spec (below the question first, then upwards), plus its continuation rows. */
function matchedRow(view: ScreenView, spec: Subject, place: SubjectPlace): string[] | undefined {
  const { rows } = view;
  const order: number[] = [];
  for (let i = place.below[0]; i <= place.below[1]; i++) order.push(i);
  for (let i = place.question; i >= Math.max(0, place.question - place.reach); i--) order.push(i);
  for (const i of order) {
    const m = spec.row!.exec(rows[i] ?? '');
    if (!m) continue;
    const out = [m[1] ?? m[0]];
    if (spec.continued) {
      for (
        let j = i + 1;
        j < rows.length && j !== place.question && !isBlank(rows[j]!) && !place.isOption(j);
        j++
      )
        out.push(rows[j]!);
    }
    return out;
  }
  return undefined;
}

/** The block of non-empty rows right above the question (blank rows and box edges in between are skipped). */
function blockAbove(view: ScreenView, max: number, place: SubjectPlace): string[] | undefined {
  const { rows } = view;
  let i = place.question - 1;
  while (i >= 0 && isBlank(rows[i]!)) i--;
  const block: string[] = [];
  for (; i >= 0 && block.length < max && !isBlank(rows[i]!); i--) block.unshift(rows[i]!);
  if (place.lineMode) {
    // a line the terminal soft-wrapped continues from the full-width rows above it
    for (; i >= 0 && columns(view.raw[i]!) >= view.width; i--) block[0] = rows[i]! + block[0]!;
  }
  return block.length ? block : undefined;
}

/** The command typed after the last shell prompt above the question, joined across soft-wrapped rows. */
function shellCommand(view: ScreenView, place: SubjectPlace): Rows | undefined {
  const { rows } = view;
  for (let i = place.question - 1; i >= 0; i--) {
    const m = place.shellPrompts.find(rows[i]!);
    if (!m || m.index !== 0) continue;
    let command = rows[i]!.slice(m[0].length).trim();
    let j = i;
    for (; j + 1 < place.question && columns(view.raw[j]!) >= view.width; j++) command += rows[j + 1]!;
    if (!command) return undefined;
    const found: Rows = [command];
    // width unknown: the longest row on screen may have been wrapped, so the guard must also allow it joined
    if (
      view.width === Infinity &&
      j + 1 < place.question &&
      columns(view.raw[j]!) === view.widest &&
      view.widest >= 80
    )
      found.mayContinue = rows[j + 1]!;
    return found;
  }
  return undefined;
}
