// The #{…} fields nightshift asks tmux for, the format that lists them, and its parser.
import type { PaneInfo } from './types.js';

/** Every pane field read in one `list-panes -F`: identity, process, size, pipe, cursor and mode flags. */
export const PANE_FIELDS = [
  'pane_id',
  'session_name',
  'window_name',
  'window_index',
  'pane_index',
  'pane_pid',
  'pane_tty',
  'pane_dead',
  'pane_dead_status',
  'pane_current_command',
  'pane_width',
  'pane_height',
  'pane_pipe',
  'cursor_x',
  'cursor_y',
  'cursor_flag',
  'pane_in_mode',
  'alternate_on',
] as const;

/** One pane's fields as tmux printed them. */
export type PaneFields = Record<(typeof PANE_FIELDS)[number], string>;

/** Field separator: the ASCII unit separator, which no name or command contains (tmux prints it raw under `-u`). */
const SEPARATOR = '\x1f';

/** The `-F` format for `PANE_FIELDS`. */
export const PANE_FORMAT = PANE_FIELDS.map((f) => `#{${f}}`).join(SEPARATOR);

/** Parses one line printed with `PANE_FORMAT`; undefined when it does not have every field. */
export function parsePaneLine(line: string): PaneFields | undefined {
  const values = line.split(SEPARATOR);
  if (values.length !== PANE_FIELDS.length) return undefined;
  return Object.fromEntries(PANE_FIELDS.map((f, i) => [f, values[i]!])) as PaneFields;
}

/** Parses `list-panes -F PANE_FORMAT` output into fields by pane id. */
export function parsePaneLines(lines: readonly string[]): Map<string, PaneFields> {
  const panes = new Map<string, PaneFields>();
  for (const line of lines) {
    const fields = parsePaneLine(line);
    if (fields) panes.set(fields.pane_id, fields);
  }
  return panes;
}

/** The `PaneInfo` view of a pane's fields. */
export function toPaneInfo(f: PaneFields): PaneInfo {
  return {
    paneId: f.pane_id,
    session: f.session_name,
    window: f.window_name,
    windowIndex: int(f.window_index),
    paneIndex: int(f.pane_index),
    pid: int(f.pane_pid),
    tty: f.pane_tty,
    dead: f.pane_dead === '1',
    deadStatus: f.pane_dead === '1' && f.pane_dead_status !== '' ? int(f.pane_dead_status) : undefined,
    currentCommand: f.pane_current_command,
    width: int(f.pane_width),
    height: int(f.pane_height),
    piped: f.pane_pipe === '1',
  };
}

function int(text: string): number {
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) ? n : 0;
}
