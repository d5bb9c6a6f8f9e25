import { controlChars, invisibleUnicode, tooLong, truncated } from '../rules/packs/input.js';
import type { RuleInfo } from '../rule.js';

/** Zero-width, direction-changing, filler, variation-selector, tag and private-use code points. */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xe000, 0xf8ff],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f],
  [0xf0000, 0x10ffff],
];

/** Control characters other than tab and newline: carriage return, escape, NUL, DEL, C1 controls. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
}

function isInvisible(code: number): boolean {
  return INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to);
}

/** Why raw input cannot be judged at all (before parsing), or undefined when it can. */
export function screenInput(command: string, maxLength: number): RuleInfo | undefined {
  if (command.length > maxLength) return tooLong;
  const text = command.replace(/\r\n/g, '\n');
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) as number;
    if (code >= 0x20 && code < 0x7f) continue;
    if (isControl(code)) return controlChars;
    if (isInvisible(code)) return invisibleUnicode;
    if (code > 0xffff) i++;
  }
  const end = text.trimEnd();
  if (end.endsWith('…') || /(^|[^\\])(\\\\)*\\$/.test(end)) return truncated;
  return undefined;
}
