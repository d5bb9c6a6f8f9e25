// Which keys may reach a screen that is not an input: only keys that cancel. A key that can choose or confirm
// (Enter, Space, Tab, arrows, digits, letters…) reaches a dialog, prompt or menu only through answer/decline.
import type { Classification } from '../screen/types.js';

/** Keys that back out of any dialog, prompt or menu, never choose in it. */
const CANCEL_KEYS: ReadonlySet<string> = new Set(['Escape', 'C-c']);
/** Keys that move a highlight, pick or submit: never a cancel, even inside a deny sequence (`n`, `Enter`). */
const CHOOSING: ReadonlySet<string> = new Set([
  'Enter',
  'M-Enter',
  'C-m',
  'C-j',
  'Space',
  'Tab',
  'BTab',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/** The keys in `keys` that may not be pressed on this screen (empty when all may). */
export function answeringKeys(keys: readonly string[], c: Classification): string[] {
  const deny = c.dialog?.deny ?? [];
  // the dialog's whole deny sequence is a decline, whatever keys it is made of
  if (deny.length && keys.length === deny.length && keys.every((k, i) => k === deny[i])) return [];
  const cancels = new Set([...CANCEL_KEYS, ...deny.filter((k) => !CHOOSING.has(k))]);
  return keys.filter((k) => !cancels.has(k));
}
