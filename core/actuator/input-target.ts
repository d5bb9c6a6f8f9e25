// Where typed text would go on a classified screen. An allow-list: only an agent's idle input box and a shell
// prompt take text; every other state, known today or added later (a question menu, a new dialog), takes none.
import type { Classification, Snapshot } from '../screen/types.js';
import { atShellPrompt } from './input-box.js';

/** `box`: an agent's input box; `shell`: a shell prompt (the agent exited). */
export type InputTarget = 'box' | 'shell';

/** Programs that mean "a shell is at the prompt". */
export const SHELLS: ReadonlySet<string> = new Set([
  'bash',
  'zsh',
  'sh',
  'dash',
  'fish',
  'ksh',
  'tcsh',
  'csh',
]);

/** Rule ids of the two screens that take text (`<profile>.input.box`, `<profile>.exited`). */
const BOX_RULE = /\.input\.box$/;
const SHELL_RULE = /\.exited$/;

/** The input the screen offers to typed text, or undefined when text must not be typed into it. */
export function inputTarget(c: Classification, s: Snapshot): InputTarget | undefined {
  if (c.state === 'input' && BOX_RULE.test(c.rule)) return 'box';
  if (!SHELLS.has(s.currentCommand)) return undefined;
  // a bare prompt, or a prompt with a line typed after it (which no longer looks like a bare prompt)
  if (c.state === 'error' && SHELL_RULE.test(c.rule)) return 'shell';
  if (c.state === 'output' && atShellPrompt(s)) return 'shell';
  return undefined;
}

/** A screen in a few words, for refusal reasons: `a confirm screen (claude-code.permission)`. */
export function screenName(c: Classification): string {
  return `${/^[aeiou]/.test(c.state) ? 'an' : 'a'} ${c.state} screen (${c.rule})`;
}
