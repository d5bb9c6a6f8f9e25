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
  /** `terminal.buffer` checks the proposed-API flag on every access: read it once */
  readonly #buffers: Terminal['buffer'];
  readonly #filter: RedrawFilter;
  /** a logical line scrolled into history whose continuation may still follow, and its offset */
  #pending: { text: string; offset: number } | undefined;
  readonly #disposers: { dispose(): void }[] = [];
  /**
   * When each line of the normal buffer was last finished (the cursor left it with a line feed),
   * by absolute line number (lines trimmed off the top of the scrollback + buffer index).
   */
  readonly #stamps = new Map<number, number>();
  #trimmed = 0;
  #lastBaseY = 0;

  constructor(terminal: Terminal, filter: RedrawFilter) {
    this.#terminal = terminal;
    this.#buffers = terminal.buffer;
    this.#filter = filter;
    const parser = terminal.parser;
    this.#disposers.push(
      terminal.onScroll(() => this.#scrolled()),
      terminal.onLineFeed(() => this.#lineFed()),
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

  /** The cursor left a line: stamp it with the current offset (its text is final as far as we know). */
  #lineFed(): void {
    const buffer = this.#buffers.active;
    if (buffer.type !== 'normal') return;
    this.#stamps.set(this.#trimmed + buffer.baseY + buffer.cursorY - 1, this.offset);
  }

  /** When line `y` of the normal buffer was finished, or the current offset if it never was. */
  #stampOf(y: number, take: boolean): number {
    const key = this.#trimmed + y;
    const at = this.#stamps.get(key) ?? this.offset;
    if (take) this.#stamps.delete(key);
    return at;
  }

  #scrolled(): void {
    const buffer = this.#buffers.active;
    if (buffer.type !== 'normal' || scrollTop(this.#terminal) !== 0 || buffer.baseY === 0) return;
    // the scrollback is full when the base did not move: the oldest line was dropped
    if (buffer.baseY === this.#lastBaseY) this.#trimmed++;
    this.#lastBaseY = buffer.baseY;
    const line = buffer.getLine(buffer.baseY - 1);
    if (!line) return;
    const text = line.translateToString(false);
    const offset = this.#stampOf(buffer.baseY - 1, true);
    if (line.isWrapped && this.#pending !== undefined) {
      this.#pending = { text: this.#pending.text + text, offset };
      return;
    }
    this.#flushPending();
    this.#pending = { text, offset };
  }

  #flushPending(): void {
    if (this.#pending === undefined) return;
    this.#filter.scrolled(this.#pending.text.trimEnd(), this.#pending.offset);
    this.#pending = undefined;
  }

  #screenRows(buffer: Buffer): string[] {
    return joinedRows(buffer, buffer.baseY, buffer.baseY + this.#terminal.rows);
  }

  /**
   * The screen's rows for a snapshot, wrapped rows joined, each with the offset by which it was finished (the
   * current offset for a row never finished); forgets the rows' stamps (they are about to be wiped).
   */
  #stampedRows(buffer: Buffer): { text: string; offset: number }[] {
    const out: { text: string; offset: number }[] = [];
    for (let y = buffer.baseY; y < buffer.baseY + this.#terminal.rows; y++) {
      const line = buffer.getLine(y);
      if (!line) continue;
      const text = line.translateToString(false);
      const offset = this.#stampOf(y, true);
      const last = out[out.length - 1];
      if (line.isWrapped && last)
        out[out.length - 1] = { text: last.text + text, offset: Math.max(last.offset, offset) };
      else out.push({ text, offset });
    }
    return out.map((r) => ({ text: r.text.trimEnd(), offset: r.offset }));
  }

  /** CSI J: keep the screen when it is about to be wiped (like tmux's scroll-on-clear); always let xterm erase. */
  #erase(mode: number): boolean {
    const buffer = this.#buffers.active;
    if (buffer.type === 'normal') {
      const home = buffer.cursorX === 0 && buffer.cursorY === 0;
      if (mode === 2 || (mode === 0 && home)) {
        this.#flushPending();
        this.#filter.snapshot(this.#stampedRows(buffer), 'clear');
      }
      if (mode === 3) this.#historyErased(buffer);
      this.#filter.cleared();
    }
    return false;
  }

  /** ESC c (full reset) wipes screen and history: keep what is on screen first. */
  #reset(): boolean {
    const buffer = this.#buffers.active;
    this.#flushPending();
    if (buffer.type === 'alternate') this.#keepAlternateFrame(buffer);
    else this.#filter.snapshot(this.#stampedRows(buffer), 'clear');
    this.#stamps.clear();
    if (buffer.type === 'normal') this.#historyErased(buffer);
    this.#filter.cleared();
    return false;
  }

  /** The history is about to be erased (already harvested): its lines count as trimmed, so line numbers stay absolute. */
  #historyErased(buffer: Buffer): void {
    this.#trimmed += buffer.baseY;
    this.#lastBaseY = 0;
  }

  /** CSI ? 1049 l and friends: the full-screen program is leaving; keep its last frame before xterm discards it. */
  #leaveAlternate(params: (number | number[])[]): boolean {
    const buffer = this.#buffers.active;
    const leaving = params.some((p) => ALTERNATE_MODES.has(Array.isArray(p) ? (p[0] ?? 0) : p));
    if (leaving && buffer.type === 'alternate') this.#keepAlternateFrame(buffer);
    return false;
  }

  #keepAlternateFrame(buffer: Buffer): void {
    const rows = this.#screenRows(buffer);
    if (!rows.some((r) => r.trim() !== '')) return;
    this.#flushPending();
    this.#filter.marker('[full-screen program]', this.offset);
    this.#filter.snapshot(
      rows.map((text) => ({ text, offset: this.offset })),
      'alternate',
    );
  }
}
