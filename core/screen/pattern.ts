// Profile patterns turned into regular expressions, once, when profiles are resolved.
import type { PatternSource } from './profile.js';

const LITERAL = /^\/(.+)\/([dgimsuyv]*)$/s;

/** Compiles one pattern: `/source/flags` keeps its flags, anything else is case-insensitive. Throws on a bad pattern. */
export function compilePattern(source: PatternSource): RegExp {
  const literal = LITERAL.exec(source);
  if (literal) return new RegExp(literal[1]!, unicodeIfNeeded(literal[1]!, literal[2]!.replace(/[gy]/g, '')));
  return new RegExp(source, unicodeIfNeeded(source, 'i'));
}

/**
 * Adds the `u` flag only when the source needs it (`\p{…}`, `\u{…}`, characters beyond the BMP): with `i`, `u` makes
 * V8 several times slower, and the classifier runs on every pane every tick.
 */
function unicodeIfNeeded(source: string, flags: string): string {
  if (flags.includes('u') || flags.includes('v')) return flags;
  return /\\[pP]\{|\\u\{|[\uD800-\uDBFF]/.test(source) ? `${flags}u` : flags;
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
  /** some pattern is anchored (`^`/`$`), so it only means something on one row */
  readonly anchored: boolean;
  readonly #combined: readonly RegExp[];
  readonly #multiline: readonly RegExp[];

  constructor(sources: readonly PatternSource[]) {
    this.patterns = sources.map(compilePattern);
    const byFlags = new Map<string, string[]>();
    for (const re of this.patterns) {
      const group = byFlags.get(re.flags) ?? [];
      group.push(`(?:${re.source})`);
      byFlags.set(re.flags, group);
    }
    const combine = (flags: string, parts: string[]): RegExp => {
      try {
        return new RegExp(parts.join('|'), flags);
      } catch {
        // e.g. duplicate named groups across patterns: fall back to one run per pattern
        const each = parts.map((p) => new RegExp(p, flags));
        return { test: (text: string) => each.some((re) => re.test(text)) } as RegExp;
      }
    };
    this.#combined = [...byFlags].map(([flags, parts]) => combine(flags, parts));
    this.#multiline = [...byFlags].map(([flags, parts]) =>
      combine(flags.includes('m') ? flags : `${flags}m`, parts),
    );
    this.anchored = this.patterns.some((re) => hasAnchor(re.source));
  }

  /**
   * Whether any pattern could match some row of `block` (rows joined by newlines, `^`/`$` at each row): a quick
   * test before looking row by row. False means no row matches.
   */
  anyIn(block: string): boolean {
    for (const re of this.#multiline) if (re.test(block)) return true;
    return false;
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

/** Whether a regular-expression source uses `^` or `$` as an anchor (outside character classes, unescaped). */
function hasAnchor(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '^' || ch === '$') return true;
  }
  return false;
}
