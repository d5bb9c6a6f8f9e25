// Adaptive polling: which agents a regular tick looks at. An agent waiting for a usage-limit reset, or given up for the
// night, gets no rescues until it wakes (see tick.ts), so looking at it every interval buys nothing but journal
// detail: it is looked at every RARE_LOOK_MS, and a waiting agent also exactly at its wake time.
import type { AgentRuntime } from './agent-runtime.js';

/** How often an agent that is waiting for a reset or given up is looked at. */
export const RARE_LOOK_MS = 30_000;

/** Whether a regular tick at `t` (epoch ms) looks at `agent`: always, unless it waits or was given up and was seen lately. */
export function lookDue(agent: AgentRuntime, t: number): boolean {
  const { waitingUntil, givenUp } = agent.status;
  if (!waitingUntil && !givenUp) return true;
  if (waitingUntil && t >= waitingUntil.getTime()) return true;
  const seen = agent.last?.snapshot.at.getTime();
  return seen === undefined || t - seen >= RARE_LOOK_MS;
}

/** When a waiting agent must be looked at between regular ticks (its wake time), if it is still ahead of `t`. */
export function wakeAt(agent: AgentRuntime, t: number): number | undefined {
  const until = agent.status.waitingUntil?.getTime();
  return until !== undefined && until > t && !agent.status.givenUp ? until : undefined;
}
