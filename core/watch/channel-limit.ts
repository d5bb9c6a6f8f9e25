// A usage limit an agent's own hook channel reported (Claude Code's StopFailure `rate_limit`), fed to the same checks
// and rescues as one read on screen: until it is over, a look that reads the pane as waiting for input (or as plain output) reads `limit`
// with the channel's reset time, and a `limit` read on screen without a reset time gets the channel's.
import type { Classification } from '../screen/types.js';
import type { AgentRuntime } from './agent-runtime.js';

/** What the channel said, and when. */
export interface ChannelLimit {
  /** when the channel reported it (ms) */
  readonly at: number;
  /** when the quota resets, if the agent's message said */
  readonly resetAt?: Date;
  /** the agent's own words (its last message), the evidence */
  readonly text: string;
}

/** How long a limit without a reset time stands before the screen is the only source again. */
export const CHANNEL_LIMIT_WITHOUT_RESET_MS = 30 * 60_000;

const limits = new WeakMap<AgentRuntime, ChannelLimit>();

/** Records a limit the agent's channel reported. */
export function reportChannelLimit(agent: AgentRuntime, limit: ChannelLimit): void {
  limits.set(agent, limit);
}

/** Forgets it: the channel reported the agent working again (a tool call, a finished turn, a new session). */
export function clearChannelLimit(agent: AgentRuntime): void {
  limits.delete(agent);
}

/** The limit the channel reported, while it stands at `now`. */
export function channelLimit(agent: AgentRuntime, now: number): ChannelLimit | undefined {
  const limit = limits.get(agent);
  if (!limit) return undefined;
  const over = limit.resetAt ? limit.resetAt.getTime() : limit.at + CHANNEL_LIMIT_WITHOUT_RESET_MS;
  if (now < over) return limit;
  limits.delete(agent);
  return undefined;
}

/** The look's classification with the channel's limit applied (unchanged when the channel reported none). */
export function withChannelLimit(agent: AgentRuntime, c: Classification, now: number): Classification {
  const limit = channelLimit(agent, now);
  if (!limit) return c;
  if (c.state === 'limit')
    return c.resetAt || !limit.resetAt ? c : { ...c, resetAt: limit.resetAt, rule: `${c.rule}+hook:reset` };
  // a dialog, a question, a secret or work in progress on screen is what the agent is doing now
  if (c.state !== 'input' && c.state !== 'output') return c;
  return {
    ...c,
    state: 'limit',
    rule: 'hook:StopFailure.rate_limit',
    evidence: [limit.text],
    ...(limit.resetAt ? { resetAt: limit.resetAt } : {}),
  };
}
