import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir, replacePrivateFile } from '../files/private.js';
import type { StateStore } from './types.js';

/** One plugin's persisted state: a night-wide value and one value per agent, saved as one JSON file. */
interface PluginStateFile {
  night: string;
  global?: unknown;
  agents: Record<string, unknown>;
  /** `ctx.limit` and `ctx.once` bookkeeping per agent (see limits.ts) */
  limits?: Record<string, unknown>;
}

/**
 * Per-plugin state kept in `<stateDir>/state/<plugin>.json`, scoped to one night (a new night starts empty).
 * Writes are batched: `flush()` writes dirty files atomically (temp file + rename), once per tick.
 */
export class PluginStateStore {
  readonly #dir: string;
  readonly #night: string;
  readonly #files = new Map<string, PluginStateFile>();
  readonly #dirty = new Set<string>();

  constructor(stateDir: string, night: string) {
    this.#dir = join(stateDir, 'state');
    this.#night = night;
    makePrivateDir(this.#dir);
  }

  /** The plugin's night-wide store. */
  global<S>(plugin: string): StateStore<S> {
    return this.#store<S>(
      plugin,
      (f) => f.global as S | undefined,
      (f, v) => (f.global = v),
    );
  }

  /** The plugin's store for one agent. */
  agent<S>(plugin: string, agent: string): StateStore<S> {
    return this.#store<S>(
      plugin,
      (f) => f.agents[agent] as S | undefined,
      (f, v) => (f.agents[agent] = v),
    );
  }

  /** The plugin's `ctx.limit` / `ctx.once` bookkeeping for one agent (kept apart from its own state). */
  limits<S>(plugin: string, agent: string): StateStore<S> {
    return this.#store<S>(
      plugin,
      (f) => f.limits?.[agent] as S | undefined,
      (f, v) => ((f.limits ??= {})[agent] = v),
    );
  }

  /** Writes every changed file. */
  flush(): void {
    for (const plugin of this.#dirty) {
      const file = this.#path(plugin);
      replacePrivateFile(file, JSON.stringify(this.#files.get(plugin)));
    }
    this.#dirty.clear();
  }

  #store<S>(
    plugin: string,
    read: (f: PluginStateFile) => S | undefined,
    write: (f: PluginStateFile, v: S) => void,
  ): StateStore<S> {
    const get = () => read(this.#load(plugin));
    const set = (value: S) => {
      write(this.#load(plugin), value);
      this.#dirty.add(plugin);
    };
    return {
      get,
      set,
      update: (fn) => {
        const next = fn(get());
        set(next);
        return next;
      },
    };
  }

  #load(plugin: string): PluginStateFile {
    let file = this.#files.get(plugin);
    if (file) return file;
    file = { night: this.#night, agents: {} };
    const path = this.#path(plugin);
    if (existsSync(path)) {
      try {
        const saved = JSON.parse(readFileSync(path, 'utf8')) as PluginStateFile;
        if (saved.night === this.#night && saved.agents && typeof saved.agents === 'object') file = saved;
      } catch {
        // unreadable state starts fresh: state is a cache of the night, the journal is the record
      }
    }
    this.#files.set(plugin, file);
    return file;
  }

  #path(plugin: string): string {
    return join(this.#dir, `${plugin.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  }
}
