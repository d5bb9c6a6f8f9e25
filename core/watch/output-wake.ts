// Waking on output: a pane is looked at shortly after its pipe-pane log grew and then went quiet, between regular
// ticks (which stay the safety net). A dialog is then answered within a fraction of the watch interval. The extra
// looks per pane are bounded per second, so a pane that keeps pausing costs at most that many one-pane looks.
// A spinner or a title update (a few dozen bytes, several times a second, also while a dialog waits) neither
// restarts the quiet wait nor wakes the pane: only a write of SMALL_WRITE bytes or more does, or any write after a
// second of silence (a short `[y/N]` prompt on a quiet pane).
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { AgentRuntime } from './agent-runtime.js';

/** How long a log must stay quiet after it grew before its pane is looked at (a redraw's frames come closer). */
export const QUIET_MS = 100;
/** At most this many extra looks per pane per second. */
export const LOOKS_PER_SECOND = 2;
/** Writes smaller than this (a spinner frame, a title update) are a trickle, unless the pane was silent before. */
export const SMALL_WRITE = 128;
/** After this long without any write, even a small one wakes the pane. */
const SILENCE_MS = 1000;

/** When a pane's output settled: the pure part, fed with "this agent's log grew" and a clock. */
export interface SettleOptions {
  readonly quietMs?: number;
  readonly perSecond?: number;
  /** a monotonic clock in ms */
  readonly clock?: () => number;
  /** sets a timer (unref'd in a night: it must not keep the process alive) */
  readonly setTimer?: (run: () => void, ms: number) => { cancel(): void };
  /** called when the agent's pane should be looked at now */
  readonly due: (agent: AgentRuntime) => void;
}

/** Tracks output per agent: each growth restarts the quiet wait; a settled pane is due once, within the rate bound. */
export class OutputSettle {
  readonly #quietMs: number;
  readonly #perSecond: number;
  readonly #clock: () => number;
  readonly #setTimer: NonNullable<SettleOptions['setTimer']>;
  readonly #due: (agent: AgentRuntime) => void;
  readonly #grewAt = new Map<AgentRuntime, number>();
  readonly #wroteAt = new Map<AgentRuntime, number>();
  readonly #timers = new Map<AgentRuntime, { cancel(): void }>();
  readonly #looks = new Map<AgentRuntime, number[]>();

  constructor(o: SettleOptions) {
    this.#quietMs = o.quietMs ?? QUIET_MS;
    this.#perSecond = o.perSecond ?? LOOKS_PER_SECOND;
    this.#clock = o.clock ?? (() => performance.now());
    this.#setTimer = o.setTimer ?? realTimer;
    this.#due = o.due;
  }

  /** The agent's log grew by `bytes`: after a real change, wait for the quiet delay, then the pane is due. */
  grew(agent: AgentRuntime, bytes: number): void {
    const now = this.#clock();
    const wrote = this.#wroteAt.get(agent);
    this.#wroteAt.set(agent, now);
    if (bytes < SMALL_WRITE && wrote !== undefined && now - wrote < SILENCE_MS) return; // a trickle
    this.#grewAt.set(agent, now);
    if (!this.#timers.has(agent)) this.#arm(agent, this.#quietMs);
  }

  /** Cancels every pending look. */
  close(): void {
    for (const timer of this.#timers.values()) timer.cancel();
    this.#timers.clear();
  }

  #arm(agent: AgentRuntime, ms: number): void {
    this.#timers.set(
      agent,
      this.#setTimer(() => this.#settle(agent), ms),
    );
  }

  #settle(agent: AgentRuntime): void {
    this.#timers.delete(agent);
    const now = this.#clock();
    const quietFor = now - (this.#grewAt.get(agent) ?? -Infinity);
    if (quietFor < this.#quietMs) return this.#arm(agent, this.#quietMs - quietFor);
    const looks = (this.#looks.get(agent) ?? []).filter((t) => now - t < 1000);
    if (looks.length >= this.#perSecond) {
      this.#looks.set(agent, looks);
      return this.#arm(agent, looks[0]! + 1000 - now);
    }
    looks.push(now);
    this.#looks.set(agent, looks);
    this.#due(agent);
  }
}

/** A running watch on the agents' log directories; `close()` stops it. */
export interface OutputWake {
  close(): void;
}

/**
 * Watches the directories of the agents' logs (one watcher each, no polling) and calls `due` for an agent whose log
 * grew and then stayed quiet. A directory that cannot be watched is skipped: the regular tick still looks.
 */
export function wakeOnOutput(
  agents: readonly AgentRuntime[],
  o: Omit<SettleOptions, 'setTimer'> & { readonly onError?: (dir: string, error: unknown) => void },
): OutputWake {
  const settle = new OutputSettle(o);
  const byDir = new Map<string, Map<string, AgentRuntime>>();
  const sizes = new Map<AgentRuntime, number>();
  const grew = (agent: AgentRuntime) => {
    let size: number;
    try {
      size = statSync(agent.logFile).size;
    } catch {
      return; // the log is gone; the tick re-arms its pipe
    }
    const before = sizes.get(agent) ?? 0;
    sizes.set(agent, size);
    // a log cut back under its cap shrinks: count that as a large write
    settle.grew(agent, size >= before ? size - before : SMALL_WRITE);
  };
  for (const agent of agents) {
    const dir = dirname(agent.logFile);
    try {
      sizes.set(agent, statSync(agent.logFile).size);
    } catch {
      // no log yet: its first write counts in full
    }
    const names = byDir.get(dir) ?? new Map<string, AgentRuntime>();
    names.set(basename(agent.logFile), agent);
    byDir.set(dir, names);
  }
  const watchers: FSWatcher[] = [];
  for (const [dir, names] of byDir) {
    try {
      const watcher = watch(dir, { persistent: false }, (_event, name) => {
        const agent = name ? names.get(name.toString()) : undefined;
        if (agent) grew(agent);
      });
      watcher.on('error', (error) => {
        o.onError?.(dir, error);
        watcher.close();
      });
      watchers.push(watcher);
    } catch (error) {
      o.onError?.(dir, error);
    }
  }
  return {
    close: () => {
      for (const w of watchers) w.close();
      settle.close();
    },
  };
}

function realTimer(run: () => void, ms: number): { cancel(): void } {
  const timer = setTimeout(run, Math.max(0, ms));
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
}
