// Small screens written inline for tests: rows, and where the cursor is.
import type { PaneStateRecord } from '../../core/screen/text-snapshot.js';
import { snapshotFromText } from '../../core/screen/text-snapshot.js';
import type { Snapshot } from '../../core/screen/types.js';

export const NOW = new Date('2026-11-21T02:00:00Z');

/** A snapshot of `rows` padded to `height` rows; the cursor at the end of the last non-empty row unless `state` says otherwise. */
export function screen(rows: readonly string[], state: PaneStateRecord = {}, height = 24): Snapshot {
  const lines = [...rows];
  while (lines.length < height) lines.push('');
  let last = rows.length - 1;
  while (last > 0 && rows[last]!.trim() === '') last--;
  const atEnd: PaneStateRecord = { cursor_x: [...(rows[last] ?? '')].length, cursor_y: last, cursor_flag: 1 };
  return snapshotFromText(`${lines.join('\n')}\n`, { ...atEnd, ...state }, { at: NOW });
}

/** A Claude Code 2.x permission dialog for `command` (with a description row) and options. */
export function claudeDialog(
  command: readonly string[],
  options: readonly string[] = ['❯ 1. Yes', "  2. Yes, and don't ask again for this command", '  3. No'],
): string[] {
  return [
    '● I will run it.',
    '',
    '─'.repeat(60),
    ' Bash command',
    '',
    ...command.map((c) => `   ${c}`),
    '   Run the thing',
    '',
    ' Do you want to proceed?',
    ...options.map((o) => ` ${o}`),
    '',
    ' Esc to cancel · Tab to amend',
  ];
}

/** The same screen with the cursor hidden, as TUIs leave it. */
export const tui: PaneStateRecord = { cursor_x: 0, cursor_y: 0, cursor_flag: 0, tty_mode: 'raw' };
