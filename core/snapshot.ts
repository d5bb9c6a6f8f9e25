import { createHash } from 'node:crypto';
import type { Snapshot } from './screen/types.js';
import type { RawCapture } from './tmux/types.js';

/** Turns a tmux capture into a frozen Snapshot for one agent, with a hash of what is on screen. */
export function toSnapshot(agent: string, raw: RawCapture, at: Date): Snapshot {
  const hash = hashScreen(raw.lines, raw.cursorX, raw.cursorY);
  return Object.freeze({
    agent,
    paneId: raw.paneId,
    lines: Object.freeze([...raw.lines]),
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
    hash,
  });
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
  return createHash('sha1').update(lines.join('\n')).update(`\0${x},${y}`).digest('hex').slice(0, 16);
}
