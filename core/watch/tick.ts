// One watch tick: snapshot the panes -> classify -> checks -> rescues -> journal what changed.
import type { Logger } from 'pino';
import type { Actuator } from '../actuator/index.js';
import type { AgentRuntime } from './agent-runtime.js';
import type { NewJournalEvent, Severity } from '../journal/events.js';
import type { AgentView, PluginHost } from '../plugin/host.js';
import { holdUnclaimed, replays } from '../plugin/pending.js';
import type { Finding } from '../plugin/types.js';
import type { Classification, Snapshot } from '../screen/types.js';
import { carriedSnapshot, goneSnapshot, toSnapshot } from '../screen/snapshot.js';
import type { Tmux } from '../tmux/types.js';
import { chooseCaptures, logMark } from './capture-choice.js';
import { withChannelLimit } from './channel-limit.js';
import { screenOf } from './screen-of.js';

/** What a tick needs from the night. */
export interface TickDeps {
  readonly tmux: Tmux;
  readonly host: PluginHost;
  readonly actuator: Actuator;
  readonly classify: (snapshot: Snapshot, agent: AgentRuntime) => Classification;
  readonly journal: (event: NewJournalEvent) => void;
  readonly now: () => Date;
  readonly log: Logger;
  /** ask for an extra look at one agent after `ms` */
  readonly lookAgain: (agent: AgentRuntime, ms: number) => void;
  /** the config's `profiles:` overrides (for the plugins' screen model) */
  readonly profiles?: unknown;
  /** whether a pane's log file is there, for a tick that does not carry (default: a stat); a replay's always are */
  readonly logExists?: (file: string) => boolean;
}

const RANK: Record<Severity, number> = { critical: 0, error: 1, warn: 2, info: 3 };

/** How a tick chooses what to capture. */
export interface TickOptions {
  /**
   * Carry forward the screen of a pane whose pipe-pane log did not change since its last capture, within the safety
   * net (capture-choice.ts). A night does; a replay or a scripted pane, whose screens do not come from a log, does not.
   */
  readonly carryQuiet?: boolean;
  /** agents captured whatever their log says: extra looks (a check asked to look again, output settled) */
  readonly fresh?: ReadonlySet<AgentRuntime>;
}

/** Runs one tick over `agents` (all of them, or the few that asked for another look). Throws only when tmux itself fails. */
export async function tick(
  agents: readonly AgentRuntime[],
  deps: TickDeps,
  options: TickOptions = {},
): Promise<void> {
  // each log's mark is read before the capture: output racing the capture shows as a change on the next tick
  const marks = new Map(options.carryQuiet ? agents.map((a) => [a, logMark(a.logFile)]) : []);
  const before = deps.now().getTime();
  const captured = options.carryQuiet ? chooseCaptures(agents, marks, before, options.fresh) : agents;
  const ids = captured.map((a) => a.paneId).filter((id): id is string => id !== undefined);
  const captures = await deps.tmux.capture(ids);
  const at = deps.now();
  const fresh = new Set(captured);
  const logExists = deps.logExists ?? ((file: string) => logMark(file) !== undefined);
  await Promise.all(
    agents.map(async (agent) => {
      const previous = agent.last?.snapshot;
      if (!fresh.has(agent) && previous) return watchAgent(agent, carriedSnapshot(previous, at), deps);
      const raw = agent.paneId ? captures.get(agent.paneId) : undefined;
      const snapshot = raw
        ? toSnapshot(agent.config.name, raw, at, previous)
        : goneSnapshot(agent.config.name, agent.paneId ?? '', at);
      const log = options.carryQuiet ? marks.get(agent) : undefined;
      agent.seen = raw && log ? { paneId: raw.paneId, at: at.getTime(), log } : undefined;
      const logThere = options.carryQuiet ? log !== undefined : logExists(agent.logFile);
      if (raw && (!raw.piped || !logThere))
        await rearmPipe(agent, raw.piped ? 'log file missing' : 'pipe not running', deps);
      await watchAgent(agent, snapshot, deps);
    }),
  );
}

/** Classifies one agent's snapshot, journals changes, runs checks and offers the findings to rescues. */
async function watchAgent(agent: AgentRuntime, snapshot: Snapshot, deps: TickDeps): Promise<void> {
  const { status } = agent;
  const previous = agent.last?.snapshot;
  const unchanged = previous !== undefined && previous.hash === snapshot.hash;
  // A screen that stayed the same keeps the classification made once it had settled (one made while it was
  // still changing may say "streaming"): cheap for quiet panes, and relative reset times do not drift.
  const screen =
    unchanged && agent.last?.settled ? agent.last.classification : deps.classify(snapshot, agent);
  // a usage limit the agent's own hook channel reported counts as one read on screen (core/watch/channel-limit.ts)
  const classification = withChannelLimit(agent, screen, snapshot.at.getTime());
  if (!unchanged) status.changedAt = snapshot.at;
  const stateChanged = status.state !== null && status.state !== classification.state;
  if (status.state !== classification.state) {
    deps.journal({
      type: 'state',
      agent: agent.config.name,
      from: status.state,
      to: classification.state,
      rule: classification.rule,
      hash: snapshot.hash,
      resetAt: classification.resetAt?.toISOString(),
    });
    status.state = classification.state;
    status.stateSince = snapshot.at;
  }
  agent.last = { snapshot, classification: screen, settled: unchanged };
  const view: AgentView = {
    agent: agent.config,
    status,
    classification,
    previous,
    lookAgain: (ms) => deps.lookAgain(agent, ms),
    screen: screenOf(agent, snapshot, previous, classification, deps),
  };
  const checked = deps.host.check(snapshot, view);
  const findings = journalNewFindings(agent, checked instanceof Promise ? await checked : checked, deps);
  if (status.givenUp) return;
  findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  if (status.waitingUntil) {
    if (snapshot.at < status.waitingUntil) return;
    const since = status.waitingUntil;
    status.waitingUntil = null;
    findings.unshift(wakeFinding(agent, snapshot, since)); // the waiting plugin speaks first
  }
  if (stateChanged) findings.push(...replays(agent.pending, findings, snapshot));
  const offered: Finding[] = [];
  let claimed: Finding | undefined;
  for (const finding of findings) {
    offered.push(finding);
    const handledBy = await deps.host.rescue(finding, view, (plugin) =>
      deps.actuator.actionsFor(plugin, agent),
    );
    if (handledBy) {
      claimed = finding;
      break; // one claim per agent per tick: the next tick sees the new screen
    }
  }
  agent.pending = holdUnclaimed(agent.pending, offered, claimed, snapshot.at);
}

/** Journals findings that were not there on the previous tick, and stamps each with when it first appeared. */
function journalNewFindings(agent: AgentRuntime, findings: readonly Finding[], deps: TickDeps): Finding[] {
  const keys = new Map<string, Date>();
  const stamped = findings.map((f) => {
    const key = `${f.source}/${f.kind}/${f.summary}`;
    const since = agent.findingKeys.get(key);
    if (!since)
      deps.journal({
        type: 'finding',
        agent: agent.config.name,
        plugin: f.source,
        kind: f.kind,
        severity: f.severity,
        summary: f.summary,
        data: compactData(f.data),
      });
    keys.set(key, since ?? f.snapshot.at);
    return { ...f, since: since ?? f.snapshot.at };
  });
  agent.findingKeys = keys;
  return stamped;
}

function wakeFinding(agent: AgentRuntime, snapshot: Snapshot, since: Date): Finding {
  return {
    kind: 'wait-over',
    severity: 'info',
    summary: `wait until ${since.toISOString()} is over`,
    data: { since: since.toISOString(), reason: 'wait over' },
    agent: agent.config.name,
    source: 'core',
    snapshot,
    since: snapshot.at,
  };
}

/** Re-arms a pipe that stopped or whose log file was deleted; journals where the gap starts. */
async function rearmPipe(agent: AgentRuntime, reason: string, deps: TickDeps): Promise<void> {
  if (!agent.paneId) return;
  try {
    await deps.tmux.pipe(agent.paneId, agent.logFile);
    deps.journal({ type: 'pipe-rearmed', agent: agent.config.name, file: agent.logFile, reason });
  } catch (error) {
    deps.log.warn({ agent: agent.config.name, err: error }, 'could not re-arm pipe-pane');
  }
}

/** Findings' data goes to the journal without bulky screen copies. */
function compactData(data: unknown): unknown {
  const json = JSON.stringify(data);
  return json && json.length > 4000 ? { truncated: true, preview: json.slice(0, 4000) } : data;
}
