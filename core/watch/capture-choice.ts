// Which panes a night's tick captures. Every byte a pane's program prints goes through pipe-pane into the pane's log,
// so a pane whose log has not changed since its last capture still shows what that capture saw: the tick carries that
// screen forward instead of asking tmux again (at 256 panes the capture is most of a tick). What changes a screen
// without a byte in the log — a resize, a stopped pipe, a program gone without a word (also checked on each tick, by
// its pid) — is seen by a full look at every pane at least every FULL_LOOK_MS (each pane at its own period, so they
// spread over the ticks).
// A tick that would capture nothing captures the pane seen longest ago, so a lost tmux server is still noticed at once.
// Nothing is ever sent on a carried screen: the actuator captures the pane afresh right before it types.
import { statSync } from 'node:fs';
import type { AgentRuntime, LogMark } from './agent-runtime.js';

/** The safety net: a pane whose log did not change is still captured at least this often (plus one watch interval). */
export const FULL_LOOK_MS = 10_000;

/** The log's mark now; undefined when there is no log (the tick then captures, and re-arms the pipe). */
export function logMark(file: string): LogMark | undefined {
  const s = statSync(file, { throwIfNoEntry: false });
  return s ? { size: s.size, mtimeMs: s.mtimeMs } : undefined;
}

/**
 * Whether `agent`'s pane must be captured at `t` (epoch ms), given its log's mark now: yes when the log changed (or is
 * missing) since the last capture, when the pane was never captured, is gone or dead, is a new pane or on another
 * host, when its program's process is gone, or when its safety-net period has passed.
 */
export function mustCapture(agent: AgentRuntime, log: LogMark | undefined, t: number): boolean {
  const { seen, last, paneId } = agent;
  if (!paneId || !last || !seen || !log) return true;
  if (last.snapshot.dead || seen.paneId !== paneId) return true;
  // a pane on another host (`host:%N`): its log and its process are not on this machine
  if (!paneId.startsWith('%')) return true;
  // a program that exited without a word: tmux marks its pane dead and writes nothing to the log
  if (!running(last.snapshot.pid)) return true;
  if (log.size !== seen.log.size || log.mtimeMs !== seen.log.mtimeMs) return true;
  return t - seen.at >= fullLookPeriod(agent.config.name);
}

/**
 * The agents a carrying tick captures at `t`: those `mustCapture` names, the `fresh` ones (extra looks), and never
 * none: when every pane is quiet, the one captured longest ago, so each tick still asks tmux something and a lost tmux
 * server (whose pipes stop writing too) is noticed within one interval.
 */
export function chooseCaptures(
  agents: readonly AgentRuntime[],
  marks: ReadonlyMap<AgentRuntime, LogMark | undefined>,
  t: number,
  fresh?: ReadonlySet<AgentRuntime>,
): AgentRuntime[] {
  const chosen = agents.filter((a) => fresh?.has(a) || mustCapture(a, marks.get(a), t));
  if (chosen.length > 0) return chosen;
  let oldest: AgentRuntime | undefined;
  for (const a of agents) if (a.paneId && (!oldest || (a.seen?.at ?? 0) < (oldest.seen?.at ?? 0))) oldest = a;
  return oldest ? [oldest] : [];
}

/** Whether the process `pid` still exists (one signal-0 syscall; a process of another user counts as running). */
function running(pid: number): boolean {
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A pane's own safety-net period, between FULL_LOOK_MS / 2 and FULL_LOOK_MS, fixed by its agent's name: a fleet
 * started at once gets its full looks spread over the ticks instead of all on one tick every FULL_LOOK_MS.
 */
export function fullLookPeriod(name: string): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  // murmur3's finaliser: names that differ in their last character (agent-1, agent-2) land far apart
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.round(FULL_LOOK_MS * (0.5 + (h >>> 0) / 2 ** 33));
}
