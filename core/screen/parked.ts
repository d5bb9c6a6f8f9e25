// What a screen is parked on, with the choices `nightshift answer` can give: shared by `status` and the HTTP status.
import type { Classification } from './types.js';

/** What an agent waits on a person for, and the answers offered. */
export interface Parked {
  readonly what: string;
  readonly choices: readonly { readonly number: number; readonly label: string }[];
  /** the choice that takes free text, or null */
  readonly freeText: number | null;
}

/** What a screen is parked on, with the choices `nightshift answer` can give; null when it waits for nothing. */
export function parkedOn(c: Classification): Parked | null {
  if (c.state === 'question')
    return {
      what: c.question?.text ?? c.evidence[0] ?? 'a question',
      choices: (c.question?.choices ?? []).map((x) => ({ number: x.number, label: x.label })),
      freeText: c.question?.freeText ?? null,
    };
  if (c.state === 'confirm' && c.dialog)
    return {
      what: c.dialog.command ?? c.dialog.rule,
      choices: [{ number: 1, label: 'approve' }],
      freeText: null,
    };
  return null;
}
