import { z } from 'zod';
import { definePlugin, duration } from '../../core/index.js';
import { DEFAULT_CONTINUE } from './window.js';

const options = z.strictObject({
  /** resume this long after the reset time the screen gave */
  margin: duration('2m').default(2 * 60_000),
  /** plus up to this much, so a fleet sharing one quota does not stampede */
  jitter: duration('1m').default(60_000),
  /** when the screen gives no reset time (or is still limited after it), look again after this, doubling each time */
  recheck: duration('15m').default(15 * 60_000),
  /** what to type on resuming; default: the agent's `continue`, else a generic "continue" */
  message: z.string().optional(),
});

type State = { limits: number; since?: string; resumeAt?: string };

/**
 * `wait-for-reset`: on a `limit` finding the agent is left alone (no nudges, no restarts) until the quota resets
 * plus a margin and jitter; then it is resumed with its continue message. Still limited: wait again, backing off.
 * A limit that money, not time, fixes (credit exhausted) is escalated instead.
 */
export default definePlugin<z.output<typeof options>, State>({
  name: 'wait-for-reset',
  handles: ['limit', 'wait-over'],
  options,
  async rescue(finding, ctx) {
    const o = ctx.options;
    const state = ctx.agentState.get() ?? { limits: 0 };
    if (finding.kind === 'wait-over') {
      if (!state.resumeAt) return 'pass';
      const outcome = await ctx.act.type(o.message ?? ctx.agent.continue ?? DEFAULT_CONTINUE, {
        submit: true,
      });
      ctx.agentState.set({ limits: state.limits, ...(state.since ? { since: state.since } : {}) });
      if (!outcome.ok) ctx.log.warn({ why: outcome.why }, 'could not resume after the limit');
      return 'handled';
    }
    if (finding.kind !== 'limit') return 'pass';
    if (finding.data.needsHuman) {
      await ctx.act.escalate('credit', `${ctx.agent.name}: ${finding.data.text}`);
      await ctx.act.giveUp('needs a person: credit or plan');
      return 'handled';
    }
    const now = ctx.now().getTime();
    const limits = state.limits + 1;
    const reset = finding.data.resetAt ? Date.parse(finding.data.resetAt) : NaN;
    const base =
      Number.isFinite(reset) && reset > now
        ? reset + o.margin
        : now + o.recheck * 2 ** Math.max(0, limits - 1);
    const at = new Date(base + Math.floor(Math.random() * (o.jitter + 1)));
    await ctx.act.waitUntil(
      at,
      finding.data.resetAt
        ? `usage limit; resets ${finding.data.resetAt}`
        : 'usage limit with no reset time on screen',
    );
    ctx.agentState.set({ limits, since: state.since ?? ctx.now().toISOString(), resumeAt: at.toISOString() });
    return 'handled';
  },
});
