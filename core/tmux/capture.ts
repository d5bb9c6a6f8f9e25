// Snapshots of many panes in one batch: one list-panes for every flag, one capture-pane per pane. A look at a few
// panes (a pane woken by its output) asks for each one's flags alone: `list-panes -a` reads every pane's process.
import type { CommandResult } from './channel.js';
import { PANE_FORMAT, parsePaneLines, toPaneInfo } from './format.js';
import type { TmuxCommand } from './quote.js';
import type { RawCapture } from './types.js';

/** Up to this many panes, each pane's flags come from its own `display-message` instead of `list-panes -a`. */
export const FEW_PANES = 4;

/** How many commands of the batch list flags (the capture-pane commands follow them). */
function listingCount(paneIds: readonly string[]): number {
  return paneIds.length <= FEW_PANES ? paneIds.length : 1;
}

/**
 * The batch for `paneIds`: the flags first (`list-panes -a`, or `display-message -p` per pane for a few panes),
 * then `capture-pane -p` (visible rows, no -J, no -e) per pane.
 */
export function captureCommands(paneIds: readonly string[]): TmuxCommand[] {
  const listing: TmuxCommand[] =
    paneIds.length <= FEW_PANES
      ? paneIds.map((id) => ['display-message', '-p', '-t', id, '-F', PANE_FORMAT])
      : [['list-panes', '-a', '-F', PANE_FORMAT]];
  return [...listing, ...paneIds.map((id) => ['capture-pane', '-p', '-t', id])];
}

/** Reads the batch's answers; panes that are gone (no fields or a refused capture) are left out. */
export function parseCaptures(
  paneIds: readonly string[],
  results: readonly CommandResult[],
): Map<string, RawCapture> {
  const listed = listingCount(paneIds);
  const fields = parsePaneLines(results.slice(0, listed).flatMap((r) => (r.ok ? r.lines : [])));
  const captures = new Map<string, RawCapture>();
  paneIds.forEach((paneId, i) => {
    const f = fields.get(paneId);
    const screen = results[listed + i];
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
