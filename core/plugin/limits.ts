// `ctx.limit` and `ctx.once`: rolling windows and once-per-value for plugins, persisted with the plugin's state.
// An answer of `true` is only a promise: it is spent when the hook does something (see `Spender.commit`).
import { parseDuration } from '../duration.js';
import type { NewJournalEvent } from '../journal/events.js';
import type { LimitSpec, StateStore } from './types.js';

/** What is kept per (plugin, agent): use times per window key, the values `once` has seen, full windows journaled. */
export interface LimitState {
  windows: Record<string, number[]>;
  once: string[];
  /** per key: the first use of the window that was journaled as full */
  stopped: Record<string, number>;
}

/** The one window a plugin gets when it names no key. */
const DEFAULT_KEY = 'default';
/** `once` remembers at most this many values per agent (the oldest are forgotten). */
export const ONCE_KEPT = 500;

/** Limits for one hook call: answers now, records uses when `commit` is called (the hook did something). */
export class Spender {
  readonly #store: StateStore<LimitState>;
  readonly #now: () => Date;
  readonly #journal: (event: NewJournalEvent) => void;
  readonly #who: { plugin: string; agent: string };
  #uses: { key: string; at: number }[] = [];
  #onces: string[] = [];

  constructor(
    store: StateStore<LimitState>,
    now: () => Date,
    journal: (event: NewJournalEvent) => void,
    who: { plugin: string; agent: string },
  ) {
    this.#store = store;
    this.#now = now;
    this.#journal = journal;
    this.#who = who;
  }

  /** `ctx.limit`: true while the window has room. A full window is journaled once (`limited`). */
  limit(spec: LimitSpec): boolean {
    const { max, perMs } = checkSpec(spec);
    const key = spec.key ?? DEFAULT_KEY;
    const now = this.#now().getTime();
    const state = this.#state();
    const used = (state.windows[key] ?? []).filter((t) => t > now - perMs);
    const pending = this.#uses.filter((u) => u.key === key).length;
    if (used.length + pending < max) {
      this.#uses.push({ key, at: now });
      return true;
    }
    const first = used[0] ?? now;
    if (state.stopped[key] !== first) {
      this.#store.set({ ...state, stopped: { ...state.stopped, [key]: first } });
      this.#journal({
        type: 'limited',
        agent: this.#who.agent,
        plugin: this.#who.plugin,
        key,
        max,
        perMs,
        until: new Date(first + perMs).toISOString(),
      });
    }
    return false;
  }

  /** `ctx.once`: true the first time `key` is asked for this agent tonight. */
  once(key: string): boolean {
    if (typeof key !== 'string') throw new TypeError('ctx.once(key): key must be a string');
    if (this.#state().once.includes(key) || this.#onces.includes(key)) return false;
    this.#onces.push(key);
    return true;
  }

  /** Records the uses this call was granted: the hook did something. */
  commit(): void {
    if (!this.#uses.length && !this.#onces.length) return;
    const state = this.#state();
    const windows = { ...state.windows };
    for (const { key, at } of this.#uses) windows[key] = [...(windows[key] ?? []), at].slice(-1000);
    const once = [...state.once, ...this.#onces].slice(-ONCE_KEPT);
    this.#store.set({ ...state, windows, once });
    this.#uses = [];
    this.#onces = [];
  }

  #state(): LimitState {
    const s = this.#store.get();
    return { windows: s?.windows ?? {}, once: s?.once ?? [], stopped: s?.stopped ?? {} };
  }
}

/** Validates a limit spec: a plugin bug here is a clear throw (journaled as the plugin's failure). */
function checkSpec(spec: LimitSpec): { max: number; perMs: number } {
  if (!spec || !Number.isInteger(spec.max) || spec.max < 1)
    throw new TypeError('ctx.limit({ max, per }): max must be a whole number of at least 1');
  const perMs = typeof spec.per === 'string' ? parseDuration(spec.per) : spec.per;
  if (perMs === undefined || !Number.isFinite(perMs) || perMs <= 0)
    throw new TypeError(
      'ctx.limit({ max, per }): per must be a duration like "1h" or a number of ms above 0',
    );
  return { max: spec.max, perMs };
}
