import { controlChars, invisibleUnicode, tooLong, truncated } from '../rules/packs/input.js';
import type { RuleInfo } from '../rule.js';

/** Control characters other than tab and newline (carriage return, escape, NUL, C1 controls). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Zero-width, direction-changing and other invisible characters, tag characters, and private-use characters. */
const INVISIBLE =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ue000-\uf8ff\u{e0000}-\u{e007f}\u{f0000}-\u{10ffff}]/u;

/** Why raw input cannot be judged at all (before parsing), or undefined when it can. */
export function screenInput(command: string, maxLength: number): RuleInfo | undefined {
  if (command.length > maxLength) return tooLong;
  const text = command.replace(/\r\n/g, '\n');
  if (CONTROL.test(text)) return controlChars;
  if (INVISIBLE.test(text)) return invisibleUnicode;
  const end = text.trimEnd();
  if (end.endsWith('…') || /(^|[^\\])(\\\\)*\\$/.test(end)) return truncated;
  return undefined;
}
