// A Snapshot from a captured screen saved as text, with the pane state tmux would have reported beside it.
import { hashScreen } from './snapshot.js';
import type { Snapshot } from './types.js';

/** What `tmux display -p` says about a pane (the `FILE.tmux.json` sidecar of a saved screen; every field optional). */
export interface PaneStateRecord {
  readonly cursor_x?: number;
  readonly cursor_y?: number;
  /** 1 when the cursor is visible */
  readonly cursor_flag?: number;
  readonly alternate_on?: number;
  readonly pane_in_mode?: number;
  readonly pane_dead?: number;
  readonly pane_dead_status?: number;
  readonly pane_current_command?: string;
  readonly pane_width?: number;
  readonly pane_height?: number;
  /** the pane tty's termios: `cooked-echo`, `cooked-noecho` or `raw` */
  readonly tty_mode?: string;
}

/** Turns saved screen text (and its pane state, if known) into a Snapshot. Without a cursor the snapshot says so (y = -1). */
export function snapshotFromText(
  text: string,
  state: PaneStateRecord = {},
  options: { at?: Date; agent?: string } = {},
): Snapshot {
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  const trimmed = lines.map((l) => l.replace(/\r$/, '').trimEnd());
  const x = state.cursor_x ?? -1;
  const y = state.cursor_y ?? -1;
  return Object.freeze({
    agent: options.agent ?? 'screen',
    paneId: '%0',
    lines: Object.freeze(trimmed),
    cursor: Object.freeze({
      x,
      y,
      visible: state.cursor_flag === undefined ? false : state.cursor_flag === 1,
    }),
    width: state.pane_width ?? 0,
    height: state.pane_height ?? trimmed.length,
    dead: state.pane_dead === 1,
    deadStatus: state.pane_dead_status,
    inMode: state.pane_in_mode === 1,
    alternateOn: state.alternate_on === 1,
    currentCommand: state.pane_current_command ?? '',
    pid: 0,
    ttyEcho: state.tty_mode === 'cooked-echo' ? true : state.tty_mode === 'cooked-noecho' ? false : undefined,
    at: options.at ?? new Date(),
    hash: hashScreen(trimmed, x, y),
  });
}
