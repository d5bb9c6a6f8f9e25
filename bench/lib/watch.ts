// The watch a bench runs: the real plugin host, actuator, classifier, guard and journal, over any Tmux.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import type { Config } from '../../config/schema.js';
import type { AgentRuntime } from '../../core/watch/agent-runtime.js';
import { BUILTINS } from '../../core/commands/builtins.js';
import { createGuard } from '../../core/guard/index.js';
import { Journal } from '../../core/journal/journal.js';
import { loadPlugins } from '../../core/plugin/loader.js';
import { PluginStateStore } from '../../core/plugin/state.js';
import { classify } from '../../core/screen/index.js';
import type { TickDeps } from '../../core/watch/tick.js';
import type { NewJournalEvent } from '../../core/journal/events.js';
import type { Tmux } from '../../core/tmux/types.js';
import { createWatch } from '../../core/watch/watch.js';

/** The default checks: what a tick runs on every snapshot. */
export const CHECKS = ['exited', 'idle', 'prompt', 'error', 'usage-limit'];

/** A bench's watch: tick dependencies, the plugin state to flush after each tick, the journal to close. */
export interface BenchWatch {
  readonly deps: TickDeps;
  readonly state: PluginStateStore;
  readonly journal: Journal;
  /** events journaled so far, by type */
  readonly events: Map<string, number>;
}

/** Builds the watch a night would build (createWatch), with the given checks and a silent logger. */
export async function benchWatch(options: {
  config: Config;
  tmux: Tmux;
  dir: string;
  plugins?: readonly string[];
  lookAgain?: (agent: AgentRuntime, ms: number) => void;
  /** told of each journal event (the status endpoint, bench/lib/http.ts) */
  onEvent?: (event: NewJournalEvent) => void;
}): Promise<BenchWatch> {
  const { config, dir } = options;
  const plugins = await loadPlugins({
    entries: options.plugins ?? CHECKS,
    builtins: BUILTINS,
    defaults: [],
    dir,
  });
  const journal = new Journal(join(dir, 'events.jsonl'));
  const state = new PluginStateStore(config.stateDir, 'bench');
  const now = () => new Date();
  const events = new Map<string, number>();
  const deps = createWatch({
    config,
    plugins,
    tmux: options.tmux,
    guard: createGuard(),
    classify: (s, a, previous) =>
      classify(s, { profile: a.profile, profiles: config.profiles, timezone: 'UTC', now: s.at, previous }),
    journal: (e) => {
      events.set(e.type, (events.get(e.type) ?? 0) + 1);
      journal.append(e);
      options.onEvent?.(e);
    },
    log: pino({ level: 'silent' }),
    state,
    night: { id: 'bench', runDir: dir, start: now(), end: new Date(Date.now() + 3_600_000) },
    now,
    sleep: (ms) => sleep(ms),
    signal: new AbortController().signal,
    lookAgain: options.lookAgain ?? (() => undefined),
  });
  return { deps, state, journal, events };
}
