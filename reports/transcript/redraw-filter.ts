import type { TranscriptLine, TranscriptSource } from './types.js';

/** Spinner frames and counters: what changes from frame to frame in a line that is "the same line, redrawn". */
const CHURN = /[\d\u2800-\u28ff✻✶✳✢✽✺·•⏺●○◐◓◑◒◴◵◶◷|/\\\-–—.…]+/g;
/** A line that looks like a status line: a spinner glyph, an elapsed time, a percentage or a clock. */
const CHURNY =
  /[\u2800-\u28ff✻✶✳✢✽✺◐◓◑◒◴◵◶◷]|\(\d+(?:\.\d+)?\s*[smh]\b|\b\d+(?:\.\d+)?%|\b\d{1,2}:\d{2}(?::\d{2})?\b/;

/** The shape of a line with its churn removed, e.g. `✻ Thinking… (12s)` → `Thinking ( s)`. */
export function lineShape(text: string): string {
  return text.replace(CHURN, ' ').replace(/\s+/g, ' ').trim();
}

/** A line of a snapshot, with where it stood in its frame. */
interface Held {
  readonly text: string;
  readonly row: number;
  readonly offset: number;
  readonly source: TranscriptSource;
  /** a blank row came before it in its frame */
  readonly afterBlank: boolean;
  /** it looks like a status line (spinner, timer, percentage): a redraw may supersede it */
  readonly churny: boolean;
}

/**
 * Removes redraw duplicates from the harvested stream:
 * - lines of a snapshot (the screen at a clear, a full-screen program's last frame) that were
 *   emitted recently are dropped; status-like lines (a spinner, a timer, a percentage) are held
 *   until the next snapshot, which supersedes them when it shows them redrawn at the same row;
 * - after a clear, scrolled lines that repeat recent ones are dropped (a program reprinting its
 *   history) until the first line that does not; otherwise scrolled lines pass untouched.
 */
export class RedrawFilter {
  readonly #emit: (line: TranscriptLine) => void;
  readonly #windowSize: number;
  readonly #recent: (string | undefined)[];
  #next = 0;
  readonly #counts = new Map<string, number>();
  /** after a clear: scrolled lines seen recently are a reprint, until the first new one */
  #burst = false;
  /** a blank line met during a burst, emitted only if the burst ends right after it */
  #burstBlank: number | undefined;
  /** rows of the last snapshot from its first status-like row on, waiting for the next snapshot */
  #held: Held[] = [];
  /** rows of that snapshot before the held ones were emitted (a blank row between them is kept) */
  #heldAfterEmitted = false;
  #count = 0;

  constructor(emit: (line: TranscriptLine) => void, options: { window: number }) {
    this.#emit = emit;
    this.#windowSize = Math.max(1, options.window);
    this.#recent = new Array<string | undefined>(this.#windowSize);
  }

  /** Lines emitted so far. */
  get count(): number {
    return this.#count;
  }

  /** The program cleared the screen or the history: what scrolls next may be a reprint. */
  cleared(): void {
    this.#burst = true;
    this.#burstBlank = undefined;
  }

  /** A line that scrolled into history. */
  scrolled(text: string, offset: number): void {
    this.#release([]);
    if (this.#burst) {
      if (text.trim() === '') {
        this.#burstBlank = offset;
        return;
      }
      if (this.#counts.has(text)) {
        this.#burstBlank = undefined;
        return;
      }
      // the first line not seen recently ends the reprint
      this.#burst = false;
      if (this.#burstBlank !== undefined) this.#out({ text: '', offset: this.#burstBlank, source: 'scroll' });
      this.#burstBlank = undefined;
    }
    this.#out({ text, offset, source: 'scroll' });
  }

  /**
   * The visible rows at a clear, or a full-screen program's last frame, each with the offset by which it was
   * finished. From the first status-like row on, the frame is held (in row order) until the next snapshot says
   * whether that status line was redrawn; the rows after it wait with it, so the transcript keeps the frame's order.
   */
  snapshot(rows: readonly { text: string; offset: number }[], source: 'clear' | 'alternate'): void {
    this.#release(rows.map((r, row) => ({ text: r.text, row })).filter((r) => r.text.trim() !== ''));
    const fresh: Held[] = [];
    let blank = false;
    rows.forEach(({ text, offset }, row) => {
      if (text.trim() === '') {
        blank = fresh.length > 0;
        return;
      }
      if (this.#counts.has(text)) return;
      fresh.push({ text, row, offset, source, afterBlank: blank, churny: CHURNY.test(text) });
      blank = false;
    });
    const holdFrom = fresh.findIndex((h) => h.churny);
    const now = holdFrom === -1 ? fresh : fresh.slice(0, holdFrom);
    now.forEach((h, i) => {
      if (h.afterBlank && i > 0) this.#out({ text: '', offset: h.offset, source });
      this.#out({ text: h.text, offset: h.offset, source: h.source });
    });
    this.#held = holdFrom === -1 ? [] : fresh.slice(holdFrom);
    this.#heldAfterEmitted = now.length > 0;
  }

  /** A note from the replay itself. */
  marker(text: string, offset: number): void {
    this.#release([]);
    this.#out({ text, offset, source: 'marker' });
  }

  /** Emits whatever is held back; call at the end. */
  flush(): void {
    this.#release([]);
  }

  /**
   * Emits the held rows in order, except what the next frame `next` redraws: a status line it shows again or
   * redrawn at the same row is superseded, and the rows after a superseded one that it shows again wait in it.
   */
  #release(next: readonly { text: string; row: number }[]): void {
    if (this.#held.length === 0) return;
    const shown = new Set(next.map((n) => n.text));
    const redrawn = (h: Held) =>
      shown.has(h.text) ||
      next.some((n) => n.row === h.row && CHURNY.test(n.text) && lineShape(n.text) === lineShape(h.text));
    let emitted = this.#heldAfterEmitted;
    let superseded = false;
    for (const h of this.#held) {
      if ((h.churny || superseded) && redrawn(h)) {
        superseded = true;
        continue;
      }
      if (h.afterBlank && emitted) this.#out({ text: '', offset: h.offset, source: h.source });
      this.#out({ text: h.text, offset: h.offset, source: h.source });
      emitted = true;
    }
    this.#held = [];
  }

  #out(line: TranscriptLine): void {
    this.#count++;
    this.#emit(line);
    if (line.source === 'marker' || line.text.trim() === '') return;
    const old = this.#recent[this.#next];
    if (old !== undefined) {
      const n = (this.#counts.get(old) ?? 1) - 1;
      if (n <= 0) this.#counts.delete(old);
      else this.#counts.set(old, n);
    }
    this.#recent[this.#next] = line.text;
    this.#next = (this.#next + 1) % this.#windowSize;
    this.#counts.set(line.text, (this.#counts.get(line.text) ?? 0) + 1);
  }
}
