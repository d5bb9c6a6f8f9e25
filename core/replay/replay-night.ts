// Replays one recorded night through a config: the recorded screens and hook requests, in order and with their timing
// on a fake clock, go through the runner's own watch (createWatch + tick: classifier, checks, rescues, actuator, guard,
// budgets) and the hook route, exactly as a night wires them; the panes are a ReplayTmux, so nothing reaches anything.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { AgentConfig, Config } from '../../config/schema.js';
import type { NightParts } from '../control/night-parts.js';
import { hookRoute } from '../hooks/route.js';
import type { Guard } from '../guard/types.js';
import type { JournalEvent, NewJournalEvent } from '../journal/events.js';
import {
  streamScreenRecord,
  type RecordedScreen,
  type RecordLine,
  type ScreenRecord,
} from '../journal/screen-record.js';
import type { LoadedPlugin } from '../plugin/loader.js';
import { PluginStateStore } from '../plugin/state.js';
import { newAgentRuntime, type AgentRuntime } from '../watch/agent-runtime.js';
import { lookDue, wakeAt } from '../watch/polling.js';
import { tick, type TickDeps } from '../watch/tick.js';
import { createWatch, type ClassifyScreen } from '../watch/watch.js';
import { rememberingGuard } from './remembering-guard.js';
import { replayPaneId, ReplayTmux, type ReplaySent, type Timeline } from './replay-tmux.js';

/** What a replay runs: a night's record through a config's plugins, guard and classifier. */
export interface ReplayInput {
  readonly config: Config;
  readonly plugins: readonly LoadedPlugin[];
  readonly guard: Guard;
  readonly classify: ClassifyScreen;
  readonly record: RecordIndex;
  readonly night: { readonly id: string; readonly runDir: string };
}

/** The recorded night, indexed: screens by id, each agent's timeline, hook requests in order. */
export interface RecordIndex {
  readonly screens: ReadonlyMap<string, RecordedScreen>;
  /** record id → the hash the journal's `screenHash` used for it */
  readonly hashOf: ReadonlyMap<string, string>;
  readonly timelines: ReadonlyMap<string, Timeline>;
  readonly hooks: readonly { readonly agent: string; readonly t: number; readonly request: unknown }[];
  /** first and last recorded time (epoch ms) */
  readonly from: number;
  readonly to: number;
  /** when the size cap stopped the record, if it did */
  readonly cappedAt: number | undefined;
  /** a torn tail (a runner killed mid-write) was skipped */
  readonly damaged: boolean;
}

/** What a replay did. */
export interface ReplayRun {
  readonly events: readonly JournalEvent[];
  readonly sent: readonly ReplaySent[];
  /** for each replay event (same index): the record id the agent's pane showed then, if any */
  readonly shown: readonly (string | undefined)[];
  /** recorded agents the config does not declare (not replayed) */
  readonly unknownAgents: readonly string[];
}

/** Indexes a night's record read whole (readScreenRecord). */
export function indexRecord(record: ScreenRecord): RecordIndex {
  const index = recordIndexer();
  for (const line of record.lines) index.add(line);
  return index.done(record.damaged);
}

/** Reads and indexes a night's record as it streams in: the lines themselves are not kept. */
export async function readRecordIndex(file: string): Promise<RecordIndex> {
  const index = recordIndexer();
  const { damaged } = await streamScreenRecord(file, index.add);
  return index.done(damaged);
}

/** Builds a RecordIndex line by line; screens' rows (shared by the reader) and ids are not repeated per line. */
function recordIndexer(): { add: (line: RecordLine) => void; done: (damaged: boolean) => RecordIndex } {
  const screens = new Map<string, RecordedScreen>();
  const hashOf = new Map<string, string>();
  const times = new Map<string, { times: number[]; ids: string[] }>();
  const hooks: { agent: string; t: number; request: unknown }[] = [];
  const ids = new Map<string, string>();
  let from = Infinity;
  let to = -Infinity;
  let cappedAt: number | undefined;
  const add = (line: RecordLine) => {
    if (line.k === 'screen') {
      screens.set(line.id, line.s);
      hashOf.set(line.id, line.h);
      ids.set(line.id, line.id);
    } else if (line.k === 'seen') {
      const t = Date.parse(line.t);
      let tl = times.get(line.a);
      if (!tl) times.set(line.a, (tl = { times: [], ids: [] }));
      tl.times.push(t);
      tl.ids.push(ids.get(line.id) ?? line.id);
      from = Math.min(from, t);
      to = Math.max(to, t);
    } else if (line.k === 'hook') {
      const t = Date.parse(line.t);
      hooks.push({ agent: line.a, t, request: line.req });
      from = Math.min(from, t);
      to = Math.max(to, t);
    } else if (line.k === 'cap') cappedAt = Date.parse(line.t);
  };
  const done = (damaged: boolean): RecordIndex => {
    const timelines = new Map(
      [...times].map(([agent, tl]) => [agent, { agent, times: tl.times, ids: tl.ids } satisfies Timeline]),
    );
    if (!Number.isFinite(from)) from = to = 0;
    return { screens, hashOf, timelines, hooks, from, to, cappedAt, damaged };
  };
  return { add, done };
}

/** Replays the record through the input's config; the returned events are the journal such a night would have written. */
export async function replayNight(input: ReplayInput): Promise<ReplayRun> {
  const { config, record: index } = input;
  const scratch = mkdtempSync(join(tmpdir(), 'nightshift-replay-'));
  try {
    return await run(input, index, config, scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function run(
  input: ReplayInput,
  index: RecordIndex,
  config: Config,
  scratch: string,
): Promise<ReplayRun> {
  let clock = index.from;
  const now = () => new Date(clock);
  const tmux = new ReplayTmux(index.screens, [...index.timelines.values()], () => clock);
  const events: JournalEvent[] = [];
  const shown: (string | undefined)[] = [];
  const byName = new Map<string, AgentConfig>(config.agents.map((a) => [a.name, a]));
  const unknownAgents = [...index.timelines.keys()].filter((a) => !byName.has(a));
  const agents: AgentRuntime[] = [...index.timelines.keys()]
    .filter((a) => byName.has(a))
    .map((name) => {
      // the night's pane log when it is still there (plugins read its tail), else an empty one: never a missing log,
      // which the tick would take for a broken pipe to re-arm
      const log = join(input.night.runDir, 'logs', `${name}.log`);
      const agent = newAgentRuntime(byName.get(name)!, existsSync(log) ? log : emptyLog(scratch, name));
      agent.paneId = replayPaneId(name);
      return agent;
    });
  const journal = (event: NewJournalEvent) => {
    const agent = 'agent' in event && typeof event.agent === 'string' ? event.agent : undefined;
    shown.push(agent ? tmux.showing(replayPaneId(agent)) : undefined);
    events.push({ t: now().toISOString(), ...event } as JournalEvent);
    return true;
  };
  const extraLooks = new Map<AgentRuntime, number>();
  const lookAt = (agent: AgentRuntime, at: number) =>
    void extraLooks.set(agent, Math.min(at, extraLooks.get(agent) ?? Infinity));
  const stop = new AbortController();
  const night = { id: input.night.id, runDir: scratch, start: new Date(index.from), end: new Date(index.to) };
  const replayConfig: Config = { ...config, actuator: { ...config.actuator, dryRun: false } };
  const guard = rememberingGuard(input.guard);
  const watch = createWatch({
    config: replayConfig,
    plugins: input.plugins,
    tmux,
    guard,
    classify: input.classify,
    journal,
    log: pino({ level: 'silent' }),
    state: new PluginStateStore(scratch, input.night.id),
    night,
    now,
    sleep: async (ms) => void (clock += ms),
    signal: stop.signal,
    lookAgain: (a, ms) => lookAt(a, clock + ms),
  });
  // a replay's logs never go away (the night's, or an empty one made above): no listing of the log directory per tick
  const deps: TickDeps = { ...watch, logExists: () => true };
  const parts: NightParts = {
    config: replayConfig,
    night: { id: input.night.id, runDir: scratch },
    agents,
    watch: deps,
    guard,
    journal,
    log: pino({ level: 'silent' }),
    now,
  };
  const hooks = hookRoute(parts);
  // a look soon after each recorded change stands in for the night's wake-on-output
  const changes = agents.map((a) => ({
    agent: a,
    times: index.timelines.get(a.config.name)!.times,
    next: 0,
  }));
  let nextHook = 0;
  let nextTick = index.from;
  const end = index.cappedAt ?? index.to;
  await deps.host.setup();
  try {
    while (clock <= end) {
      const t = clock;
      while (nextHook < index.hooks.length && index.hooks[nextHook]!.t <= t) {
        const h = index.hooks[nextHook++]!;
        if (!byName.has(h.agent)) continue;
        try {
          await hooks.handle(hooks.parse ? hooks.parse(h.request) : h.request, { signal: stop.signal });
        } catch {
          // a malformed recorded request: the runner answered it BAD_REQUEST then too
        }
      }
      const regular = t >= nextTick;
      const changed = new Set<AgentRuntime>();
      for (const c of changes)
        while (c.next < c.times.length && c.times[c.next]! <= t) {
          c.next++;
          changed.add(c.agent);
        }
      const due = agents.filter(
        (a) =>
          tmux.showing(a.paneId!) !== undefined &&
          ((regular && lookDue(a, t)) || changed.has(a) || (extraLooks.get(a) ?? Infinity) <= t),
      );
      if (due.length) {
        for (const a of due) extraLooks.delete(a);
        await tick(due, deps);
        // the waits inside the tick (settling, verifying a send) moved the clock for the looks they made; the next
        // tick comes at its own time, as the night's did: an action the night never took, whose verification waits
        // in vain on recorded screens, must not push every other agent's next look late
        clock = t;
      }
      if (regular) nextTick = Math.max(nextTick + config.watch.interval, clock + config.watch.interval / 4);
      for (const a of agents) {
        const wake = wakeAt(a, clock);
        if (wake !== undefined) lookAt(a, wake);
      }
      const ahead = Math.min(
        nextTick,
        index.hooks[nextHook]?.t ?? Infinity,
        ...changes.map((c) => c.times[c.next] ?? Infinity),
        ...extraLooks.values(),
      );
      if (!(ahead <= end) && clock >= end) break;
      clock = Math.max(clock, Math.min(ahead, end + 1), t + 5);
    }
  } finally {
    stop.abort();
    await deps.host.teardown();
  }
  return { events, sent: tmux.sent, shown, unknownAgents };
}

/** An empty log file in the scratch directory, for an agent whose night log is gone. */
function emptyLog(scratch: string, agent: string): string {
  const dir = join(scratch, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${agent}.log`);
  writeFileSync(file, '');
  return file;
}
