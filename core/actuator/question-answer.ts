// Answering a question menu: the one narrow path by which keys that choose, and typed text, reach a question for the
// person. The text door (input-target.ts) stays an allow-list that takes no question; here the menu itself must declare
// the way in: its free-text choice is highlighted with arrow keys (which choose nothing), the screen must then show that
// choice as an open, empty text field of the same question, the text must read back in it, and only then Enter.
import type { RefusalWhy } from '../journal/events.js';
import type { QuestionReply } from '../plugin/types.js';
import type { Classification, QuestionMenu, Snapshot } from '../screen/types.js';

export type { QuestionReply };

/** What answering needs from the pane. */
export interface QuestionIO {
  /** a fresh look, classified; undefined when the pane is gone or in copy mode */
  read(): Promise<{ snapshot: Snapshot; classification: Classification } | undefined>;
  sendText(text: string): Promise<void>;
  sendKeys(keys: readonly string[]): Promise<void>;
  sleep(ms: number): Promise<void>;
}

export type QuestionOutcome =
  | { readonly done: 'answered'; readonly keys: readonly string[]; readonly verified: boolean }
  | { readonly done: 'stopped'; readonly why: RefusalWhy; readonly reason: string; readonly sent: boolean };

const VERIFY_MS = [300, 700, 1200];

/** The arrow keys that move the highlight of `menu` onto choice `to`, or undefined when it cannot be reached. */
export function moveKeys(menu: QuestionMenu, to: number): string[] | undefined {
  const from = menu.choices.findIndex((c) => c.number === menu.selected);
  const target = menu.choices.findIndex((c) => c.number === to);
  if (from < 0 || target < 0) return undefined;
  return Array.from({ length: Math.abs(target - from) }, () => (target > from ? 'Down' : 'Up'));
}

/** Whitespace does not count when reading typed text back (a field may wrap it). */
const flat = (text: string) => text.replace(/\s+/g, '');

/** The same question, still on screen. */
function same(c: Classification, menu: QuestionMenu): QuestionMenu | undefined {
  return c.state === 'question' && c.question?.signature === menu.signature ? c.question : undefined;
}

/**
 * Moves the highlight to the reply's choice, types the text into the free-text field when the reply is text, and
 * presses Enter — each step only after a fresh look shows the same question in the expected shape.
 */
export async function answerQuestionMenu(
  io: QuestionIO,
  menu: QuestionMenu,
  reply: QuestionReply,
  timing: { settle: number },
): Promise<QuestionOutcome> {
  const target = 'text' in reply ? menu.freeText : reply.choice;
  const moves = target === null ? undefined : moveKeys(menu, target);
  if (target === null || !moves)
    return { done: 'stopped', why: 'keys', reason: 'no way to reach that choice', sent: false };
  const keys: string[] = [];
  const stop = (why: RefusalWhy, reason: string): QuestionOutcome => ({
    done: 'stopped',
    why,
    reason,
    sent: keys.length > 0,
  });
  for (const key of moves) {
    await io.sendKeys([key]);
    keys.push(key);
    await io.sleep(timing.settle);
    const now = await io.read();
    if (!now || !same(now.classification, menu))
      return stop('screen', `the question went away after ${keys.join(', ')}`);
  }
  let now = await io.read();
  let q = now && same(now.classification, menu);
  if (!q || q.selected !== target)
    return stop('screen', `choice ${target} is not highlighted after ${keys.join(', ') || 'no keys'}`);
  if ('text' in reply) {
    if (!q.fieldOpen)
      return stop('screen', `choice ${target} did not open a text field (nothing typed into the menu)`);
    if (q.fieldText !== '') return stop('screen', 'the text field already holds text: nothing typed over it');
    await io.sendText(reply.text);
    keys.push(reply.text);
    await io.sleep(timing.settle);
    // right before Enter: the same question, the field open, holding exactly the text
    now = await io.read();
    q = now && same(now.classification, menu);
    if (!q || !q.fieldOpen || flat(q.fieldText ?? '') !== flat(reply.text))
      return stop('verify-failed', 'the text field does not show the typed text: Enter not pressed');
  }
  await io.sendKeys(['Enter']);
  keys.push('Enter');
  for (const ms of VERIFY_MS) {
    await io.sleep(ms);
    const after = await io.read();
    if (!after || !same(after.classification, menu)) return { done: 'answered', keys, verified: true };
  }
  return { done: 'answered', keys, verified: false };
}
