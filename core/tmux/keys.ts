// tmux key names nightshift may press, and the send-keys commands for keys and for literal text.
import type { TmuxCommand } from './quote.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

/** Key names `sendKeys` accepts as they are; `M-` before any of them or before one printable character works too. */
export const KEY_NAMES: readonly string[] = Object.freeze([
  'Enter',
  'Escape',
  'Tab',
  'BTab',
  'BSpace',
  'Space',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Insert',
  'Delete',
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
  ...LETTERS.map((l) => `C-${l}`),
]);

const NAMES = new Set(KEY_NAMES);

/** True for a tmux key name (`Enter`, `C-c`, `M-x`, `M-Enter`); anything else is literal text to type. */
export function isKeyName(key: string): boolean {
  if (NAMES.has(key)) return true;
  if (!key.startsWith('M-')) return false;
  const rest = key.slice(2);
  return NAMES.has(rest) || /^[\x21-\x7e]$/.test(rest);
}

/** `send-keys -l`: types `text` as it is; `--` keeps a leading `-` from reading as a flag. */
export function sendTextCommand(paneId: string, text: string): TmuxCommand {
  return ['send-keys', '-l', '-t', paneId, '--', text];
}

/** `send-keys` with key names (checked by the caller with `isKeyName`). */
export function sendKeysCommand(paneId: string, keys: readonly string[]): TmuxCommand {
  return ['send-keys', '-t', paneId, '--', ...keys];
}
