// Secret prompts: passwords, passphrases, tokens, OTPs, credential usernames. Never answered.
import type { Profile } from './resolve-profiles.js';
import { cursorAtEnd, type ScreenView } from './screen-view.js';

/** A secret prompt on screen. */
export interface SecretFinding {
  readonly rule: string;
  readonly row: number;
  /** what is asked: password, passphrase, token, otp, username, pin, key, code */
  readonly secretKind: string;
}

/** How many non-empty bottom rows a secret dialog (pinentry, a TUI login) may sit in. */
const DIALOG_ROWS = 8;
const PROMPT_END = /[:?>]\s*$|\]:\s*$|:\s*_+\s*$/;

const KINDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/passphrase/i, 'passphrase'],
  [/password|passcode/i, 'password'],
  [/\botp\b|one[- ]time|verification code|auth(?:entication)? code|login code/i, 'otp'],
  [/\bpin\b/i, 'pin'],
  [/token/i, 'token'],
  [/api[ _-]?key|access key|secret/i, 'key'],
  [/user(?:name)?|login/i, 'username'],
  [/code/i, 'code'],
];

/** Names what a secret prompt asks for. */
export function secretKindOf(text: string): string {
  return KINDS.find(([re]) => re.test(text))?.[1] ?? 'secret';
}

/**
 * Finds a secret prompt: a credential word on the last row where the cursor waits (TUIs hide the cursor, so a hidden
 * one counts), a secret dialog near the bottom, or a prompt-shaped last row while the tty does not echo.
 */
export function findSecret(
  view: ScreenView,
  profile: Profile,
  ttyEcho: boolean | undefined,
): SecretFinding | undefined {
  const p = view.last;
  if (p < 0) return undefined;
  const row = view.rows[p]!.trim();
  const at = cursorAtEnd(view, p);
  const waiting = at === 'yes' || at === 'unknown' || !view.cursor.visible;
  if (waiting && PROMPT_END.test(row) && profile.secrets.any(row)) {
    return { rule: `${profile.name}.secret.prompt`, row: p, secretKind: secretKindOf(row) };
  }
  if (!profile.secretDialogs.empty) {
    for (let i = p, seen = 0; i >= 0 && seen < DIALOG_ROWS; i--) {
      const r = view.rows[i]!;
      if (r.trim() === '') continue;
      seen++;
      if (profile.secretDialogs.any(r))
        return { rule: `${profile.name}.secret.dialog`, row: i, secretKind: secretKindOf(r) };
    }
  }
  if (ttyEcho === false && at === 'yes' && PROMPT_END.test(row))
    return { rule: `${profile.name}.secret.no-echo`, row: p, secretKind: secretKindOf(row) };
  return undefined;
}
