import { hash } from 'node:crypto';
import type { Snapshot } from './types.js';
import type { RawCapture } from '../tmux/types.js';

/**
 * Turns a tmux capture into a frozen Snapshot for one agent, with a hash of what is on screen. Given the agent's
 * `previous` snapshot, an unchanged screen (same rows, same cursor) shares its rows and hash instead of hashing again.
 */
export function toSnapshot(agent: string, raw: RawCapture, at: Date, previous?: Snapshot): Snapshot {
  const same = previous !== undefined && sameScreen(previous, raw);
  return Object.freeze({
    agent,
    paneId: raw.paneId,
    lines: same ? previous.lines : Object.freeze([...raw.lines]),
    cursor: Object.freeze({ x: raw.cursorX, y: raw.cursorY, visible: raw.cursorVisible }),
    width: raw.width,
    height: raw.height,
    dead: raw.dead,
    deadStatus: raw.deadStatus,
    inMode: raw.inMode,
    alternateOn: raw.alternateOn,
    currentCommand: raw.currentCommand,
    pid: raw.pid,
    at,
    hash: same ? previous.hash : hashScreen(raw.lines, raw.cursorX, raw.cursorY),
  });
}

/** The capture shows what `previous` showed: the same rows and the cursor in the same place. */
function sameScreen(previous: Snapshot, raw: RawCapture): boolean {
  if (previous.hash === 'gone' || previous.cursor.x !== raw.cursorX || previous.cursor.y !== raw.cursorY)
    return false;
  const a = previous.lines;
  const b = raw.lines;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The same screen as `previous`, looked at again at `at` without a capture (its pane's log did not change). */
export function carriedSnapshot(previous: Snapshot, at: Date): Snapshot {
  return Object.freeze({ ...previous, at });
}

/** A snapshot for a pane that no longer exists: dead, empty. */
export function goneSnapshot(agent: string, paneId: string, at: Date): Snapshot {
  return Object.freeze({
    agent,
    paneId,
    lines: Object.freeze([]),
    cursor: Object.freeze({ x: 0, y: 0, visible: false }),
    width: 0,
    height: 0,
    dead: true,
    deadStatus: undefined,
    inMode: false,
    alternateOn: false,
    currentCommand: '',
    pid: 0,
    at,
    hash: 'gone',
  });
}

/** A short content hash of screen lines and cursor. */
export function hashScreen(lines: readonly string[], x: number, y: number): string {
  return hash('sha1', `${lines.join('\n')}\0${x},${y}`).slice(0, 16);
}
