// What nightshift typed into a pane lately, so the screen model can tell its messages from the agent's output.

/** How many recent messages are kept per agent. */
export const TYPED_KEPT = 20;
/** A row piece shorter than this is nightshift's only when it continues a message marked on the row above. */
const MIN_PIECE = 12;
/** Prompt glyphs agents draw in front of an echoed message (`> `, `❯ `, `› `, `│ `). */
const ECHO_PREFIX = /^\s*(?:[>❯›▌│┃]\s*)+/;

/** Adds `text` to an agent's record of typed messages (bounded; the oldest go first). */
export function rememberTyped(record: string[], text: string): void {
  if (!squash(text)) return;
  record.push(text);
  if (record.length > TYPED_KEPT) record.splice(0, record.length - TYPED_KEPT);
}

/**
 * Which of `rows` show a message nightshift typed: a row whose text (without an echo glyph) is a piece of one of the
 * `typed` messages, at least MIN_PIECE characters long or the whole message, or a shorter piece that continues the
 * message right where the marked row above it stopped. Spaces are ignored (agents re-wrap what they echo).
 */
export function typedRows(rows: readonly string[], typed: readonly string[]): boolean[] {
  const messages = typed.map(squash).filter(Boolean);
  const marks = rows.map(() => false);
  if (!messages.length) return marks;
  /** the message the row above continued, and where its piece ended */
  let open: { message: string; end: number } | undefined;
  rows.forEach((row, i) => {
    const piece = squash(row.replace(ECHO_PREFIX, ''));
    const above = open;
    open = undefined;
    if (!piece) return;
    if (above && above.message.startsWith(piece, above.end)) {
      open = { message: above.message, end: above.end + piece.length };
    } else {
      const message = messages.find((m) => m.includes(piece) && (piece.length >= MIN_PIECE || piece === m));
      if (message) open = { message, end: message.indexOf(piece) + piece.length };
    }
    marks[i] = open !== undefined;
  });
  return marks;
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
