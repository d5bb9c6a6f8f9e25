// A fleet of still panes standing in for tmux, counting how often each pane is captured (for adaptive polling tests).
// `pipe` creates the pane's log, empty: nothing writes to it unless the test does.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PaneInfo, RawCapture, StartSpec, Tmux } from '../../../core/tmux/types.js';

/** Panes `%1`, `%2`, … created on demand, each showing the same quiet screen; `captures` counts looks per pane. */
export class CountingTmux implements Tmux {
  readonly socket = undefined;
  readonly captures = new Map<string, number>();
  /** what a pane shows, when a test changed it (`show`); else the quiet screen */
  readonly #screens = new Map<string, string[]>();
  #next = 1;

  async capture(paneIds: readonly string[]): Promise<Map<string, RawCapture>> {
    const out = new Map<string, RawCapture>();
    for (const paneId of paneIds) {
      this.captures.set(paneId, (this.captures.get(paneId) ?? 0) + 1);
      out.set(paneId, {
        paneId,
        lines: [...(this.#screens.get(paneId) ?? ['working on the next task', ''])],
        cursorX: 0,
        cursorY: 1,
        cursorVisible: true,
        width: 80,
        height: 2,
        dead: false,
        deadStatus: undefined,
        inMode: false,
        alternateOn: false,
        currentCommand: 'node',
        pid: process.pid, // a running process: the pane's program has not exited
        tty: '/dev/pts/99',
        piped: true,
      });
    }
    return out;
  }

  /** Changes what a pane shows, as tmux would after a resize or a clear: its log is not touched. */
  show(paneId: string, lines: readonly [string, string]): void {
    this.#screens.set(paneId, [...lines]);
  }

  /** The pane id the night gave the agent created `n`-th (1-based). */
  pane(n: number): string {
    return `%${n}`;
  }

  async createPane(_spec?: Parameters<Tmux['createPane']>[0]): Promise<string> {
    return `%${this.#next++}`;
  }
  async pipe(_paneId: string, file: string): Promise<void> {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, '');
  }
  async start(_paneId: string, _spec: StartSpec): Promise<void> {}
  async sendText(): Promise<void> {}
  async sendKeys(): Promise<void> {}
  async version() {
    return { major: 3, minor: 3, text: 'tmux 3.3a (counting fake)' };
  }
  async serverRunning() {
    return true;
  }
  async hasSession() {
    return true;
  }
  async listPanes(): Promise<PaneInfo[]> {
    return [];
  }
  async resolveTarget() {
    return undefined;
  }
  async unpipe() {}
  async killPane() {}
  async killServer() {}
  async close() {}
}
