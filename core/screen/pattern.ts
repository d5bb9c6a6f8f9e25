// Profile patterns turned into regular expressions, once, when profiles are resolved.
import type { PatternSource } from './profile.js';

const LITERAL = /^\/(.+)\/([dgimsuyv]*)$/s;

/** Compiles one pattern: `/source/flags` keeps its flags (plus `u`), anything else is case-insensitive. Throws on a bad pattern. */
export function compilePattern(source: PatternSource): RegExp {
  const literal = LITERAL.exec(source);
  if (literal) {
    const flags = new Set(literal[2]!.replace(/[gy]/g, ''));
    if (!flags.has('v')) flags.add('u');
    return new RegExp(literal[1]!, [...flags].join(''));
  }
  return new RegExp(source, 'iu');
}

/** Says why a pattern does not compile, or undefined when it does. */
export function patternProblem(source: PatternSource): string | undefined {
  try {
    compilePattern(source);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A list of patterns that answers "does any match?" with one regular-expression run per flag set. */
export class PatternList {
  readonly patterns: readonly RegExp[];
  readonly #combined: readonly RegExp[];

  constructor(sources: readonly PatternSource[]) {
    this.patterns = sources.map(compilePattern);
    const byFlags = new Map<string, string[]>();
    for (const re of this.patterns) {
      const group = byFlags.get(re.flags) ?? [];
      group.push(`(?:${re.source})`);
      byFlags.set(re.flags, group);
    }
    this.#combined = [...byFlags].map(([flags, parts]) => {
      try {
        return new RegExp(parts.join('|'), flags);
      } catch {
        // e.g. duplicate named groups across patterns: fall back to one run per pattern
        return { test: (text: string) => parts.some((p) => new RegExp(p, flags).test(text)) } as RegExp;
      }
    });
  }

  /** True when the list is empty. */
  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /** Whether any pattern matches `text`. */
  any(text: string): boolean {
    for (const re of this.#combined) if (re.test(text)) return true;
    return false;
  }

  /** The first pattern (in list order) that matches `text`, with its match. */
  find(text: string): RegExpExecArray | undefined {
    if (!this.any(text)) return undefined;
    for (const re of this.patterns) {
      const m = re.exec(text);
      if (m) return m;
    }
    return undefined;
  }
}
