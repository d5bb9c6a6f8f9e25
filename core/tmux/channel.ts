// The seam both transports implement: a batch of commands in, one answer per command out.
import type { TmuxCommand } from './quote.js';

/** tmux's answer to one command: its output lines, or its error message lines when `ok` is false. */
export interface CommandResult {
  readonly ok: boolean;
  readonly lines: string[];
}

/**
 * Runs commands in order and answers each. A command tmux refuses is an answer with `ok: false`; the promise rejects
 * only when the transport fails (TMUX_MISSING, TMUX_FAILED for a lost connection, TMUX_TIMEOUT).
 */
export interface CommandChannel {
  run(commands: readonly TmuxCommand[]): Promise<CommandResult[]>;
}

/** Splits command output into lines: `''` is no line, and one final newline ends the last line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}
