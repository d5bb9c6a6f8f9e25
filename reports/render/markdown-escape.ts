// Agent-written text enters the markdown only through these: it cannot open a tag, a link, an image
// or a table cell, whatever it contains (the HTML renderer escapes raw HTML as a second line of defence).

/** Agent text for running markdown: one line, markdown punctuation escaped. */
export function mdText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*|[\]]/g, '\\$&')
    .replace(/~(?=~)|(?<=~)~/g, '\\~')
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace('_', '\\_'))
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^([#+-]|\d+[.)])(?=\s)/, '\\$1')
    .replace(/!(?=\\\[)/g, '\\!');
}

/** Agent text as inline code (commands, paths): one line, fenced with enough backticks. */
export function mdCode(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (one === '') return '` `';
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

/** Lines as a fenced code block (screens, transcripts); the fence is longer than any backtick run inside. */
export function mdFence(lines: readonly string[], info = 'text'): string {
  const body = lines.join('\n');
  const longest = Math.max(0, ...(body.match(/`{3,}/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/** A markdown table; cells must already be markdown (use mdText / mdCode for agent text). */
export function mdTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('l' | 'r' | 'c')[],
): string {
  const sep = head.map((_, i) => ({ l: '---', r: '--:', c: ':-:' })[align?.[i] ?? 'l']);
  return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
