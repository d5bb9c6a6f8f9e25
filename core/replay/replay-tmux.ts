// The pane seam for a replay: each agent's pane shows, at the fake clock's time, the screen the night recorded for it
// then. Nothing reaches any program: keys and restarts are only written down. Typed text is echoed into the shown
// screen at its cursor (as an input box would) until the recorded screen changes or a key is pressed, so the
// actuator's checked typing sees what a real input would show.
import type { RecordedScreen } from '../journal/screen-record.js';
import type { RawCapture, StartSpec, Tmux } from '../tmux/types.js';

/** One agent's recorded screens in time order. */
export interface Timeline {
  readonly agent: string;
  /** epoch ms each screen came up, ascending, with the screen's record id */
  readonly times: readonly number[];
  readonly ids: readonly string[];
}

/** What the replay sent to one pane (never delivered anywhere). */
export type ReplaySent =
  | { readonly agent: string; readonly text: string }
  | { readonly agent: string; readonly keys: readonly string[] }
  | { readonly agent: string; readonly start: string };

interface Pane {
  readonly timeline: Timeline;
  index: number;
  /** the shown screen as typed into, for the record id it was made from */
  edited: { id: string; lines: string[]; x: number; y: number; placeholderGone: boolean } | undefined;
}

/** The pane id a replayed agent gets. */
export const replayPaneId = (agent: string) => `%replay:${agent}`;

/** A Tmux whose panes play back a night's record on a clock it does not own. */
export class ReplayTmux implements Tmux {
  readonly socket = undefined;
  readonly sent: ReplaySent[] = [];
  readonly #screens: ReadonlyMap<string, RecordedScreen>;
  readonly #panes = new Map<string, Pane>();
  readonly #now: () => number;

  constructor(
    screens: ReadonlyMap<string, RecordedScreen>,
    timelines: readonly Timeline[],
    now: () => number,
  ) {
    this.#screens = screens;
    this.#now = now;
    for (const timeline of timelines)
      this.#panes.set(replayPaneId(timeline.agent), { timeline, index: -1, edited: undefined });
  }

  /** The record id agent's pane shows now (undefined before its first recorded screen). */
  showing(paneId: string): string | undefined {
    const pane = this.#panes.get(paneId);
    if (!pane) return undefined;
    this.#seek(pane);
    return pane.index < 0 ? undefined : pane.timeline.ids[pane.index];
  }

  /** Points the pane at the last screen that came up at or before now (the clock may go back between ticks). */
  #seek(pane: Pane): void {
    const { times } = pane.timeline;
    const t = this.#now();
    const at = pane.index < 0 ? -Infinity : times[pane.index]!;
    if (t >= at) {
      while (pane.index + 1 < times.length && times[pane.index + 1]! <= t) pane.index++;
      return;
    }
    let lo = 0;
    let hi = pane.index - 1;
    pane.index = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid]! <= t) {
        pane.index = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
  }

  async capture(paneIds: readonly string[]): Promise<Map<string, RawCapture>> {
    const out = new Map<string, RawCapture>();
    for (const paneId of paneIds) {
      const id = this.showing(paneId);
      const screen = id === undefined ? undefined : this.#screens.get(id);
      if (!screen || id === undefined) continue;
      const pane = this.#panes.get(paneId)!;
      const view = pane.edited?.id === id ? pane.edited : undefined;
      out.set(paneId, {
        paneId,
        lines: view ? view.lines : (screen.lines as string[]), // toSnapshot copies the rows
        cursorX: view ? view.x : screen.cursorX,
        cursorY: view ? view.y : screen.cursorY,
        cursorVisible: screen.cursorVisible,
        width: screen.width,
        height: screen.height,
        dead: screen.dead,
        deadStatus: screen.deadStatus,
        inMode: screen.inMode,
        alternateOn: screen.alternateOn,
        currentCommand: screen.currentCommand,
        pid: 0,
        tty: '',
        piped: true,
      });
    }
    return out;
  }

  async sendText(paneId: string, text: string): Promise<void> {
    this.sent.push({ agent: this.#agent(paneId), text });
    const e = this.#edit(paneId);
    if (!e) return;
    const row = e.lines[e.y] ?? '';
    // the first character typed replaces a placeholder after the cursor (up to a box border), as in FakeTmux
    const tail = e.placeholderGone
      ? row.slice(e.x)
      : row.slice(e.x).replace(/^[^│┃║]*/, (m) => ' '.repeat(m.length));
    e.placeholderGone = true;
    const room = /^ */.exec(tail)![0].length;
    e.lines[e.y] =
      row.slice(0, e.x).padEnd(e.x) + text + (room >= text.length ? tail.slice(text.length) : tail);
    e.x += text.length;
  }

  async sendKeys(paneId: string, keys: readonly string[]): Promise<void> {
    this.sent.push({ agent: this.#agent(paneId), keys: [...keys] });
    const pane = this.#panes.get(paneId);
    for (const key of keys) {
      const e = key === 'BSpace' ? this.#edit(paneId) : undefined;
      if (e && e.x > 0) {
        const row = e.lines[e.y] ?? '';
        e.lines[e.y] = `${row.slice(0, e.x - 1)}${row.slice(e.x)} `;
        e.x -= 1;
      } else if (key !== 'BSpace' && pane) pane.edited = undefined; // the program takes the key: the input empties
    }
  }

  async start(paneId: string, spec: StartSpec): Promise<void> {
    this.sent.push({ agent: this.#agent(paneId), start: spec.command });
  }

  #agent(paneId: string): string {
    return this.#panes.get(paneId)?.timeline.agent ?? paneId;
  }

  #edit(paneId: string): Pane['edited'] {
    const pane = this.#panes.get(paneId);
    const id = this.showing(paneId);
    const screen = id === undefined ? undefined : this.#screens.get(id);
    if (!pane || !screen || id === undefined) return undefined;
    if (pane.edited?.id !== id)
      pane.edited = {
        id,
        lines: [...screen.lines],
        x: screen.cursorX,
        y: screen.cursorY,
        placeholderGone: false,
      };
    return pane.edited;
  }

  async pipe(): Promise<void> {}
  async version() {
    return { major: 3, minor: 3, text: 'tmux 3.3a (replay)' };
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
  async createPane(): Promise<string> {
    throw new Error('a replay creates no panes');
  }
  async resolveTarget(target: string) {
    return target;
  }
  async unpipe() {}
  async killPane() {}
  async killServer() {}
  async close() {}
}
