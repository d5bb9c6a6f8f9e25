import { z } from 'zod';
import { definePlugin } from '../../core/index.js';

const options = z.strictObject({
  /** give up delivering the task after this many refused or unverified attempts, and escalate (waiting for a
   * not-ready input box is no attempt) */
  attempts: z.number().int().min(1).default(3),
});

type State = { sentAt?: string; attempts: number; escalated?: boolean };

/**
 * `kickoff`: when the night starts and an agent's input box is ready, types the agent's configured `task`
 * (the night's directive) through the actuator, once, with delivery verified. Agents without a `task` are left alone.
 * After a restart the agent's `resume` command is expected to carry on, so the task is not typed again.
 * Its own check reports "ready for the task" (an `input` finding) while the task is still to be delivered.
 */
export default definePlugin<z.output<typeof options>, State>({
  name: 'kickoff',
  options,
  handles: ['input'],
  check(snapshot, ctx) {
    if (!ctx.agent.task || ctx.classification.state !== 'input' || snapshot.inMode) return undefined;
    const state = ctx.agentState.get();
    if (state?.sentAt || state?.escalated) return undefined;
    return {
      kind: 'input',
      severity: 'info',
      summary: `${ctx.agent.name} is ready for the night's task`,
      data: { question: null, idleMs: 0 },
    };
  },
  async rescue(finding, ctx) {
    const task = ctx.agent.task;
    if (!task || finding.source !== 'kickoff') return 'pass';
    const state = ctx.agentState.get() ?? { attempts: 0 };
    if (state.sentAt || state.escalated) return 'pass';
    const outcome = await ctx.act.type(task, { submit: true });
    const attempts = state.attempts + 1;
    if (outcome.ok && (outcome.verified || outcome.dryRun)) {
      ctx.agentState.set({ attempts, sentAt: ctx.now().toISOString() });
      ctx.log.info({ task }, 'task delivered');
      return 'handled';
    }
    // a deferral, not an attempt: the cooldown, or an input box not ready yet (the profile's readyAfter, a redraw)
    if (!outcome.ok && (outcome.why === 'cooldown' || outcome.why === 'not-ready')) return 'handled';
    const why = outcome.ok ? 'the input box did not take it' : outcome.reason;
    if (attempts >= ctx.options.attempts) {
      await ctx.act.escalate('other', `could not deliver the night's task to ${ctx.agent.name}: ${why}`);
      ctx.agentState.set({ attempts, escalated: true });
    } else ctx.agentState.set({ attempts });
    return 'handled';
  },
});
