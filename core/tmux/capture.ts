// Snapshots of many panes in one batch: one list-panes for every flag, one capture-pane per pane.
import type { CommandResult } from './channel.js';
import { PANE_FORMAT, parsePaneLines, toPaneInfo } from './format.js';
import type { TmuxCommand } from './quote.js';
import type { RawCapture } from './types.js';

/** The batch for `paneIds`: `list-panes -a` first, then `capture-pane -p` (visible rows, no -J, no -e) per pane. */
export function captureCommands(paneIds: readonly string[]): TmuxCommand[] {
  return [['list-panes', '-a', '-F', PANE_FORMAT], ...paneIds.map((id) => ['capture-pane', '-p', '-t', id])];
}

/** Reads the batch's answers; panes that are gone (no fields or a refused capture) are left out. */
export function parseCaptures(
  paneIds: readonly string[],
  results: readonly CommandResult[],
): Map<string, RawCapture> {
  const fields = parsePaneLines(results[0]?.ok ? results[0].lines : []);
  const captures = new Map<string, RawCapture>();
  paneIds.forEach((paneId, i) => {
    const f = fields.get(paneId);
    const screen = results[i + 1];
    if (!f || !screen?.ok) return;
    const info = toPaneInfo(f);
    captures.set(paneId, {
      paneId,
      lines: screenRows(screen.lines, info.height),
      cursorX: Number(f.cursor_x) || 0,
      cursorY: Number(f.cursor_y) || 0,
      cursorVisible: f.cursor_flag === '1',
      width: info.width,
      height: info.height,
      dead: info.dead,
      deadStatus: info.deadStatus,
      inMode: f.pane_in_mode === '1',
      alternateOn: f.alternate_on === '1',
      currentCommand: info.currentCommand,
      pid: info.pid,
      tty: info.tty,
      piped: info.piped,
    });
  });
  return captures;
}

/** Exactly `height` rows with trailing spaces trimmed (a resize between the two commands can change the count). */
export function screenRows(lines: readonly string[], height: number): string[] {
  const rows = lines.slice(0, height).map((l) => l.replace(/ +$/, ''));
  while (rows.length < height) rows.push('');
  return rows;
}
