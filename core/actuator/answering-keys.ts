// Which keys may reach a screen that is not an input: only keys that cancel. A key that can choose or confirm
// (Enter, Space, Tab, arrows, digits, letters…) reaches a dialog, prompt or menu only through answer/decline.
import type { Classification } from '../screen/types.js';

/** Keys that back out of any dialog, prompt or menu, never choose in it. */
const CANCEL_KEYS: ReadonlySet<string> = new Set(['Escape', 'C-c']);

/** The keys in `keys` that may not be pressed on this screen (empty when all may). */
export function answeringKeys(keys: readonly string[], c: Classification): string[] {
  const deny = new Set(c.dialog?.deny ?? []);
  return keys.filter((k) => !CANCEL_KEYS.has(k) && !deny.has(k));
}
