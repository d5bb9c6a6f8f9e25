import type { Terminal } from '@xterm/headless';
import type { RedrawFilter } from './redraw-filter.js';

type Buffer = Terminal['buffer']['active'];

/** Modes that switch to the alternate screen (`CSI ? n h` / `l`). */
const ALTERNATE_MODES = new Set([47, 1047, 1049]);

/** The top row of the scroll region; lines reach history only when it is 0. xterm keeps it internal, so read it defensively. */
function scrollTop(terminal: Terminal): number {
  const core = (terminal as unknown as { _core?: { buffer?: { scrollTop?: unknown } } })._core;
  const top = core?.buffer?.scrollTop;
  return typeof top === 'number' ? top : 0;
}

function firstParam(params: (number | number[])[]): number {
  const p = params[0];
  return (Array.isArray(p) ? p[0] : p) ?? 0;
}

/** Rows `from`..`to` (exclusive) of a buffer as text, wrapped rows joined, trailing spaces trimmed. */
export function joinedRows(buffer: Buffer, from: number, to: number): string[] {
  const out: string[] = [];
  for (let y = from; y < to; y++) {
    const line = buffer.getLine(y);
    if (!line) continue;
    const text = line.translateToString(false);
    if (line.isWrapped && out.length > 0) out[out.length - 1] += text;
    else out.push(text);
  }
  return out.map((l) => l.trimEnd());
}

/**
 * Watches a headless terminal while a log replays into it and feeds the redraw filter with
 * every line that leaves the screen: lines scrolling into history (harvested the moment they
 * scroll, so no scrollback limit or erase-scrollback can lose them), the screen at each clear,
 * and a full-screen program's last frame when it leaves the alternate screen.
 */
export class Harvester {
  /** byte offset in the log the current write ends at */
  offset = 0;
  readonly #terminal: Terminal;
  readonly #filter: RedrawFilter;
  /** a logical line scrolled into history whose continuation may still follow */
  #pending: string | undefined;
  readonly #disposers: { dispose(): void }[] = [];

  constructor(terminal: Terminal, filter: RedrawFilter) {
    this.#terminal = terminal;
    this.#filter = filter;
    const parser = terminal.parser;
    this.#disposers.push(
      terminal.onScroll(() => this.#scrolled()),
      parser.registerCsiHandler({ final: 'J' }, (params) => this.#erase(firstParam(params))),
      parser.registerCsiHandler({ prefix: '?', final: 'J' }, (params) => this.#erase(firstParam(params))),
      parser.registerEscHandler({ final: 'c' }, () => this.#reset()),
      parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => this.#leaveAlternate(params)),
    );
  }

  /** Emits the last logical line still held back. */
  finish(): void {
    this.#flushPending();
    this.#filter.flush();
  }

  dispose(): void {
    for (const d of this.#disposers) d.dispose();
  }

  #scrolled(): void {
    const buffer = this.#terminal.buffer.active;
    if (buffer.type !== 'normal' || scrollTop(this.#terminal) !== 0 || buffer.baseY === 0) return;
    const line = buffer.getLine(buffer.baseY - 1);
    if (!line) return;
    const text = line.translateToString(false);
    if (line.isWrapped && this.#pending !== undefined) {
      this.#pending += text;
      return;
    }
    this.#flushPending();
    this.#pending = text;
  }

  #flushPending(): void {
    if (this.#pending === undefined) return;
    this.#filter.scrolled(this.#pending.trimEnd(), this.offset);
    this.#pending = undefined;
  }

  #screenRows(buffer: Buffer): string[] {
    return joinedRows(buffer, buffer.baseY, buffer.baseY + this.#terminal.rows);
  }

  /** CSI J: keep the screen when it is about to be wiped (like tmux's scroll-on-clear); always let xterm erase. */
  #erase(mode: number): boolean {
    const buffer = this.#terminal.buffer.active;
    if (buffer.type === 'normal') {
      const home = buffer.cursorX === 0 && buffer.cursorY === 0;
      if (mode === 2 || (mode === 0 && home)) {
        this.#flushPending();
        this.#filter.snapshot(this.#screenRows(buffer), this.offset, 'clear');
      }
      this.#filter.cleared();
    }
    return false;
  }

  /** ESC c (full reset) wipes screen and history: keep what is on screen first. */
  #reset(): boolean {
    const buffer = this.#terminal.buffer.active;
    this.#flushPending();
    if (buffer.type === 'alternate') this.#keepAlternateFrame(buffer);
    else this.#filter.snapshot(this.#screenRows(buffer), this.offset, 'clear');
    this.#filter.cleared();
    return false;
  }

  /** CSI ? 1049 l and friends: the full-screen program is leaving; keep its last frame before xterm discards it. */
  #leaveAlternate(params: (number | number[])[]): boolean {
    const buffer = this.#terminal.buffer.active;
    const leaving = params.some((p) => ALTERNATE_MODES.has(Array.isArray(p) ? (p[0] ?? 0) : p));
    if (leaving && buffer.type === 'alternate') this.#keepAlternateFrame(buffer);
    return false;
  }

  #keepAlternateFrame(buffer: Buffer): void {
    const rows = this.#screenRows(buffer);
    if (!rows.some((r) => r.trim() !== '')) return;
    this.#flushPending();
    this.#filter.marker('[full-screen program]', this.offset);
    this.#filter.snapshot(rows, this.offset, 'alternate');
  }
}
