import type { RawCapture, StartSpec, Tmux } from '../tmux/types.js';
import type { Screen } from './screen.js';

/** One thing sent to the fake pane: literal text, key names, or a restart. */
export type Sent =
  { readonly text: string } | { readonly keys: readonly string[] } | { readonly start: string };

/**
 * A scripted pane standing in for tmux at the seam the actuator and the tick use (capture, send, start).
 * Each batch of keystrokes advances to the next scripted screen; the last screen stays.
 * The real tmux client passes through the same seam in the integration tests.
 */
export class FakeTmux implements Tmux {
  readonly socket = undefined;
  readonly sent: Sent[] = [];
  #screens: readonly Screen[];
  #index = 0;
  #advancePending = false;

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
  }

  async capture(paneIds: readonly string[]): Promise<Map<string, RawCapture>> {
    // a batch of keys becomes visible on the next look, like a real program redrawing after input
    if (this.#advancePending) {
      this.advance();
      this.#advancePending = false;
    }
    const s = this.current;
    const lines = s.text.split('\n');
    const y =
      s.cursor?.y ??
      Math.max(
        0,
        lines.findLastIndex((l) => l.trim() !== ''),
      );
    const x = s.cursor?.x ?? (lines[y] ?? '').length;
    const raw: RawCapture = {
      paneId: '%1',
      lines,
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
    this.#advancePending = true;
  }

  async sendKeys(_paneId: string, keys: readonly string[]): Promise<void> {
    this.sent.push({ keys: [...keys] });
    this.#advancePending = true;
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
