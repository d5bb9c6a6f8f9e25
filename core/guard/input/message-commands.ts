// Commands buried in prose: a message typed into an agent's prompt ("…then git push --force to main")
// is not a command line, but a guarded program named in it still counts.
import { normalizeProgram } from '../walk/program-name.js';

/** The clauses of a message: split at sentence ends, line breaks, quotes and backticks. */
function clauses(text: string): string[] {
  return text
    .split(/(?<=[.;!?])\s+|\n|[`"“”]/)
    .map((c) => c.trim().replace(/[.;!?,:]+$/, ''))
    .filter(Boolean);
}

/**
 * Every tail of every clause that starts at a word naming a guarded program (one with rules), e.g.
 * "Clean up, then git push --force origin main" → "git push --force origin main". The guard judges each.
 */
export function commandsInMessage(text: string, isGuarded: (program: string) => boolean): string[] {
  const out: string[] = [];
  for (const clause of clauses(text)) {
    const words = clause.split(/\s+/);
    words.forEach((word, i) => {
      const name = word.replace(/^[([{'‘]+|[)\]}',’]+$/g, '');
      if (i > 0 && name && isGuarded(normalizeProgram(name)))
        out.push([name, ...words.slice(i + 1)].join(' '));
    });
  }
  return out;
}
