import { SECRET_PATTERNS, SECRET_TRIGGER } from './redact-patterns.js';

/** Replaces every secret found in `text` with `[REDACTED:<kind>]`, plus any literal `extra` values (e.g. the SMTP password). */
export function redact(text: string, extra: readonly string[] = []): string {
  let out = text;
  for (const literal of extra) if (literal.length >= 4) out = out.split(literal).join('[REDACTED:config]');
  if (!SECRET_TRIGGER.test(out)) return out;
  for (const { kind, pattern } of SECRET_PATTERNS) {
    pattern.lastIndex = 0;
    out = out.replace(pattern, (...args: unknown[]) => {
      const keep = typeof args[1] === 'string' ? args[1] : '';
      return `${keep}[REDACTED:${kind}]`;
    });
  }
  return out;
}

/** Redacts lines one at a time, remembering when a private key block spans several lines. */
export interface LineRedactor {
  (line: string): string;
}

const BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/;
const END = /-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/;

/** A redactor for a stream of lines: inside a private key block every line is replaced whole. */
export function lineRedactor(extra: readonly string[] = []): LineRedactor {
  let inKey = false;
  return (line: string) => {
    if (inKey) {
      if (END.test(line)) inKey = false;
      return '[REDACTED:private-key]';
    }
    if (BEGIN.test(line) && !END.test(line)) {
      inKey = true;
      return redact(line.slice(0, line.search(BEGIN)), extra) + '[REDACTED:private-key]';
    }
    return redact(line, extra);
  };
}
