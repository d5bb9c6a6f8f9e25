import type { RawCapture, StartSpec, Tmux } from '../tmux/types.js';
import { CURSOR, type Screen } from './screen.js';

/** One thing sent to the fake pane: literal text, key names, or a restart. */
export type Sent =
  { readonly text: string } | { readonly keys: readonly string[] } | { readonly start: string };

/**
 * A scripted pane standing in for tmux at the seam the actuator and the tick use (capture, send, start).
 * A key name (Enter, Escape…) advances to the next scripted screen, shown on the next look; typed text is echoed at
 * the cursor like an input box; BSpace takes a character back. A screen marked `drawnBy: 'keystroke'` comes up on
 * the very next keystroke instead, one marked `drawnBy: 'look'` right after the screen before it was looked at.
 * The last screen stays. The real tmux client passes through the same seam in the integration tests.
 */
export class FakeTmux implements Tmux {
  readonly socket = undefined;
  readonly sent: Sent[] = [];
  #screens: readonly Screen[];
  #index = 0;
  #advancePending = false;
  /** the current screen as typed into: its rows and cursor */
  #edited: { lines: string[]; x: number; y: number; placeholderGone: boolean } | undefined;

  constructor(screens: readonly Screen[]) {
    this.#screens = screens.length ? screens : [{ text: '' }];
  }

  /** The screen currently shown. */
  get current(): Screen {
    return this.#screens[Math.min(this.#index, this.#screens.length - 1)]!;
  }

  /** Moves to the next screen now (a program that changes on its own). */
  advance(): void {
    this.#index = Math.min(this.#index + 1, this.#screens.length - 1);
    this.#edited = undefined;
  }

  /** The screen that comes next, if any. */
  get #next(): Screen | undefined {
    return this.#screens[this.#index + 1];
  }

  async capture(paneIds: readonly string[]): Promise<Map<string, RawCapture>> {
    // a key becomes visible on the next look, like a real program redrawing after input
    if (this.#advancePending) {
      this.advance();
      this.#advancePending = false;
    }
    const s = this.current;
    const { lines, x, y } = this.#view();
    // the next screen draws itself once this one has been seen
    if (this.#next?.drawnBy === 'look') this.#advancePending = true;
    const raw: RawCapture = {
      paneId: '%1',
      lines: [...lines],
      cursorX: x,
      cursorY: y,
      cursorVisible: true,
      width: Math.max(80, ...lines.map((l) => l.length)),
      height: lines.length,
      dead: s.dead ?? false,
      deadStatus: s.deadStatus,
      inMode: s.inMode ?? false,
      alternateOn: s.alternateOn ?? false,
      currentCommand: s.command ?? 'node',
      pid: 4242,
      tty: '/dev/pts/99',
      piped: true,
    };
    return new Map(paneIds.filter((id) => id === '%1').map((id) => [id, raw]));
  }

  async sendText(_paneId: string, text: string): Promise<void> {
    this.sent.push({ text });
    if (this.#keystroke()) return;
    const e = this.#edit();
    const row = e.lines[e.y] ?? '';
    // the first character typed replaces a placeholder after the cursor (up to a box border)
    const tail = e.placeholderGone
      ? row.slice(e.x)
      : row.slice(e.x).replace(/^[^│┃║]*/, (m) => ' '.repeat(m.length));
    e.placeholderGone = true;
    const room = /^ */.exec(tail)![0].length;
    e.lines[e.y] =
      row.slice(0, e.x).padEnd(e.x) + text + (room >= text.length ? tail.slice(text.length) : tail);
    e.x += text.length;
  }

  async sendKeys(_paneId: string, keys: readonly string[]): Promise<void> {
    this.sent.push({ keys: [...keys] });
    if (this.#keystroke()) return;
    for (const key of keys) {
      if (key === 'BSpace') {
        const e = this.#edit();
        if (e.x === 0) continue;
        const row = e.lines[e.y] ?? '';
        e.lines[e.y] = `${row.slice(0, e.x - 1)}${row.slice(e.x)} `;
        e.x -= 1;
      } else this.#advancePending = true;
    }
  }

  /** A screen drawn by the next keystroke comes up now (the keystroke is spent on it); true if one did. */
  #keystroke(): boolean {
    if (this.#next?.drawnBy !== 'keystroke') return false;
    this.advance();
    this.#advancePending = false;
    return true;
  }

  /** The current screen's rows and cursor (the cursor marker read as a space, typed text included). */
  #view(): { lines: string[]; x: number; y: number } {
    if (this.#edited) return this.#edited;
    const s = this.current;
    const lines = s.text.split('\n');
    const marked = lines.findIndex((l) => l.includes(CURSOR));
    if (marked >= 0) {
      const x = lines[marked]!.indexOf(CURSOR);
      lines[marked] = lines[marked]!.replace(CURSOR, ' ');
      return { lines, x: s.cursor?.x ?? x, y: s.cursor?.y ?? marked };
    }
    const y =
      s.cursor?.y ??
      Math.max(
        0,
        lines.findLastIndex((l) => l.trim() !== ''),
      );
    return { lines, x: s.cursor?.x ?? (lines[y] ?? '').length, y };
  }

  /** The current screen, made editable by typing. */
  #edit(): { lines: string[]; x: number; y: number; placeholderGone: boolean } {
    return (this.#edited ??= { ...this.#view(), placeholderGone: false });
  }

  async start(_paneId: string, spec: StartSpec): Promise<void> {
    this.sent.push({ start: spec.command });
    this.#advancePending = true;
  }

  async pipe(): Promise<void> {}
  async version() {
    return { major: 3, minor: 3, text: 'tmux 3.3a (fake)' };
  }
  async serverRunning() {
    return true;
  }
  async hasSession() {
    return true;
  }
  async listPanes() {
    return [];
  }
  async createPane() {
    return '%1';
  }
  async resolveTarget() {
    return '%1';
  }
  async unpipe() {}
  async killPane() {}
  async killServer() {}
  async close() {}
}
