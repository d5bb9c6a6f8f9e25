import { Lexer } from 'marked';
import { sectionHtml } from './document.js';

/** A section ready for output: its markdown (maybe cut) and its inlined HTML. */
export interface FittedSection {
  readonly id: string;
  readonly title: string;
  readonly markdown: string;
  readonly html: string;
  readonly truncated: boolean;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** The note that ends a cut section. */
export function cutNote(where: string): string {
  return `_Cut to fit the email: the whole section is in report.md (attached), also at ${where}._`;
}

/**
 * Cuts a section's markdown to fit `budget` bytes of HTML: keeps whole top-level blocks in order,
 * keeps the end of a code block that does not fit whole (the tail of a transcript matters most),
 * and ends with the note. Returns the note alone when nothing else fits.
 */
export function cutSection(
  id: string,
  title: string,
  markdown: string,
  budget: number,
  note: string,
): FittedSection {
  const tokens = new Lexer({ gfm: true }).lex(markdown);
  // sizes add up block by block (each rendered alone), so each block is rendered once
  const base = bytes(sectionHtml(title, note));
  const size = (raw: string) => bytes(sectionHtml('', raw)) - EMPTY;
  let used = base;
  const kept: string[] = [];
  for (const token of tokens) {
    if (token.type === 'space') continue;
    const raw = token.raw.trimEnd();
    const cost = size(raw);
    if (used + cost <= budget) {
      kept.push(raw);
      used += cost;
      continue;
    }
    if (token.type === 'code') {
      const tail = fitCodeTail(raw, (candidate) => used + size(candidate) <= budget);
      if (tail) kept.push(tail);
    }
    break;
  }
  const md = [...kept, note].join('\n\n');
  return { id, title, markdown: md, html: sectionHtml(title, md), truncated: true };
}

const EMPTY = bytes(sectionHtml('', ''));

/** The longest tail of a fenced block (at least 3 lines) that `fits`, with a first line saying lines were left out. */
function fitCodeTail(raw: string, fits: (candidate: string) => boolean): string | undefined {
  const lines = raw.trimEnd().split('\n');
  const open = lines[0]!;
  const close = lines[lines.length - 1]!;
  const body = lines.slice(1, -1);
  const build = (n: number) =>
    [open, `… ${body.length - n} earlier lines left out`, ...body.slice(body.length - n), close].join('\n');
  let lo = 0;
  let hi = body.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(build(mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo >= 3 ? build(lo) : undefined;
}
