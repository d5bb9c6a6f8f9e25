// A question for the person written as prose: the agent's last message above its idle input box asks something
// ("Should the endpoint use REST or GraphQL? Tell me which."). The box is then the person's to type into, not a
// nudge's: the pane is a `question`, never `input`.
import type { Profile } from './resolve-profiles.js';
import { isBlank, type ScreenView } from './screen-view.js';

/** How far above the input box the agent's last message may start. */
const REACH = 40;
/** A sentence that asks: a word, number or closing quote/bracket, then `?`, then a space or the end of the text. */
const ASKS = /[\p{L}\p{N})\]"'`’»]\?(?=\s|$)/u;
/** A tool call as agents draw it (`● Bash(npm test)`): its arguments are not the agent asking anything. */
const TOOL_CALL = /^\S+\s+[\w.:-]+\(/u;
/** A row that carries the message's prose on: it starts with a letter, a number, a quote, a bracket or a list mark. */
const PROSE_START = /^[\p{L}\p{N}"'`‘“([*-]/u;

/**
 * The row where the agent's last message starts, when that message asks the person something; -1 otherwise.
 * The message is the last row above `box` that the profile calls agent output, with the rows that continue it: blank
 * rows, and prose rows indented at least as deep as the message's text. Tool output, spinners and rules end it.
 */
export function proseQuestionRow(view: ScreenView, box: number, profile: Profile): number {
  if (profile.output.empty) return -1;
  const { rows } = view;
  for (let i = box - 1; i >= Math.max(0, box - REACH); i--) {
    const row = rows[i]!;
    if (!profile.output.any(row)) continue;
    if (TOOL_CALL.test(row.trim())) return -1;
    return ASKS.test(messageText(rows, i, box)) ? i : -1;
  }
  return -1;
}

/** The text of the message starting at row `start` (its bullet row), up to `end` (exclusive). */
function messageText(rows: readonly string[], start: number, end: number): string {
  const first = rows[start]!;
  // the column the message's text starts at, after its bullet
  const column = /^\s*\S+\s+/.exec(first)?.[0].length ?? 0;
  const parts = [first.trim()];
  for (let i = start + 1; i < end; i++) {
    const row = rows[i]!;
    if (isBlank(row)) continue;
    const indent = row.length - row.trimStart().length;
    if (indent < column || !PROSE_START.test(row.trimStart())) break;
    parts.push(row.trim());
  }
  return parts.join(' ');
}
