/** Brace expansions producing more words than this are not expanded (the word becomes run-time only). */
export const MAX_BRACE_WORDS = 64;

/** Expands a brace expression (`{a,b}`, `{1..3}`, nested) the way bash does; undefined when too large or not a list. */
export function expandBraces(text: string): string[] | undefined {
  const open = findOpen(text);
  if (open < 0) return [text];
  const close = findClose(text, open);
  if (close < 0) return [text];
  const prefix = text.slice(0, open);
  const body = text.slice(open + 1, close);
  const suffix = text.slice(close + 1);
  const choices = splitTopLevel(body) ?? sequence(body);
  if (choices === 'too-long') return undefined;
  if (!choices) {
    const rest = expandBraces(suffix);
    return rest?.map((tail) => `${prefix}{${body}}${tail}`);
  }
  const out: string[] = [];
  for (const choice of choices) {
    for (const expanded of expandBraces(`${prefix}${choice}${suffix}`) ?? []) {
      out.push(expanded);
      if (out.length > MAX_BRACE_WORDS) return undefined;
    }
  }
  return out;
}

function findOpen(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') return i;
  }
  return -1;
}

function findClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `a,b,{c,d}` → ['a', 'b', '{c,d}']; undefined when there is no top-level comma. */
function splitTopLevel(body: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  if (out.length === 0) return undefined;
  out.push(body.slice(start));
  return out;
}

/** `1..5`, `a..e`, `1..10..2` → the sequence; undefined when not a sequence. */
function sequence(body: string): string[] | 'too-long' | undefined {
  const match = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
  if (!match) return undefined;
  const [, from = '', to = '', stepText] = match;
  const numeric = /\d/.test(from);
  const start = numeric ? Number(from) : from.charCodeAt(0);
  const end = numeric ? Number(to) : to.charCodeAt(0);
  const step = Math.abs(Number(stepText ?? 1)) || 1;
  if (Math.abs(end - start) / step > MAX_BRACE_WORDS) return 'too-long';
  const out: string[] = [];
  for (let n = start; start <= end ? n <= end : n >= end; n += start <= end ? step : -step) {
    out.push(numeric ? String(n) : String.fromCharCode(n));
  }
  return out;
}
