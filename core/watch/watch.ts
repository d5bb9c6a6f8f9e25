// Wires the parts of a watch loop together: plugin host, actuator and tick dependencies.
// Shared by the night (real tmux) and PaneTester (a scripted pane), so both run the same rules.
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { AgentConfig, Config } from '../../config/schema.js';
import { Actuator } from '../actuator/index.js';
import type { AgentRuntime } from './agent-runtime.js';
import type { Guard } from '../guard/types.js';
import type { EscalationKind, NewJournalEvent } from '../journal/events.js';
import { PluginHost } from '../plugin/host.js';
import type { LoadedPlugin } from '../plugin/loader.js';
import type { PluginStateStore } from '../plugin/state.js';
import type { BaseContext } from '../plugin/types.js';
import { guardDialog } from '../screen/guard-dialog.js';
import type { Classification, Snapshot } from '../screen/types.js';
import { toSnapshot } from '../screen/snapshot.js';
import type { TickDeps } from './tick.js';
import type { Tmux } from '../tmux/types.js';

/** The screen classifier (core/screen), bound to the config's profiles and time zone. */
export type ClassifyScreen = (
  snapshot: Snapshot,
  agent: AgentConfig,
  previous: Snapshot | undefined,
) => Classification;

export interface WatchOptions {
  readonly config: Config;
  readonly plugins: readonly LoadedPlugin[];
  readonly tmux: Tmux;
  readonly guard: Guard;
  readonly classify: ClassifyScreen;
  /** false when the event could not be written (disk full); see the actuator */
  readonly journal: (event: NewJournalEvent) => boolean | void;
  readonly log: Logger;
  readonly state: PluginStateStore;
  readonly night: BaseContext['night'];
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly signal: AbortSignal;
  readonly lookAgain: (agent: AgentRuntime, ms: number) => void;
  readonly onUrgent?: ((agent: string, kind: EscalationKind, reason: string) => void) | undefined;
}

/** Builds the plugin host, the actuator and the tick's dependencies from one set of parts. */
export function createWatch(o: WatchOptions): TickDeps {
  setMaxListeners(0, o.signal); // every running hook call listens for the night's end
  // `previous`: the look to compare with for streaming output (default: the last tick's)
  const classify = (s: Snapshot, a: AgentRuntime, previous?: Snapshot) =>
    o.classify(s, a.config, previous ?? a.last?.snapshot);
  const host = new PluginHost({
    plugins: o.plugins,
    config: o.config,
    night: o.night,
    log: o.log,
    state: o.state,
    guard: (c, ctx) => o.guard.check(c, ctx),
    journal: o.journal,
    now: o.now,
    signal: o.signal,
  });
  const look = async (agent: AgentRuntime) => {
    if (!agent.paneId) return undefined;
    const raw = (await o.tmux.capture([agent.paneId])).get(agent.paneId);
    return raw ? toSnapshot(agent.config.name, raw, o.now()) : undefined;
  };
  const actuator = new Actuator({
    tmux: o.tmux,
    look,
    classify,
    guard: (command, agent, kind) =>
      o.guard.check(command, { cwd: agent.config.cwd, kind: kind ?? 'command' }),
    guardDialog: (dialog, agent) => guardDialog(dialog, o.guard, { cwd: agent.config.cwd }),
    journal: o.journal,
    now: o.now,
    sleep: o.sleep,
    options: o.config.actuator,
    onUrgent: o.onUrgent,
    profiles: o.config.profiles,
  });
  return {
    tmux: o.tmux,
    host,
    actuator,
    classify,
    journal: o.journal,
    now: o.now,
    log: o.log,
    lookAgain: o.lookAgain,
    profiles: o.config.profiles,
  };
}
