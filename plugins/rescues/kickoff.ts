import { z } from 'zod';
import { definePlugin, duration, formatDuration, type Snapshot } from '../../core/index.js';

const options = z.strictObject({
  /** give up delivering the task after this many refused or unverified attempts, and escalate (waiting for a
   * not-ready input box is no attempt) */
  attempts: z.number().int().min(1).default(3),
  /** a task not delivered this long after the agent is first seen (no input box recognised) is escalated */
  within: duration('3m').default(3 * 60_000),
});

type State = { sentAt?: string; attempts: number; escalated?: boolean; firstSeen?: string };

/** The last lines of the screen with text, for a person to recognise it. */
function screenTail(snapshot: Snapshot, count = 6): string[] {
  return snapshot.lines
    .map((l) => l.trimEnd())
    .filter((l) => l.trim())
    .slice(-count)
    .map((l) => (l.length > 160 ? `${l.slice(0, 159)}…` : l));
}

/**
 * `kickoff`: when the night starts and an agent's input box is ready, types the agent's configured `task`
 * (the night's directive) through the actuator, once, with delivery verified. Agents without a `task` are left alone.
 * After a restart the agent's `resume` command is expected to carry on, so the task is not typed again.
 * Its own check reports "ready for the task" (an `input` finding) while the task is still to be delivered, and
 * "task undelivered" when no input box was recognised within `within` of the agent's first look: that is
 * escalated with what the screen showed, so a profile that does not fit the agent is never silent.
 */
export default definePlugin<z.output<typeof options>, State>({
  name: 'kickoff',
  options,
  handles: ['input', 'task-undelivered'],
  check(snapshot, ctx) {
    if (!ctx.agent.task || snapshot.dead) return undefined;
    const state = ctx.agentState.get();
    if (state?.sentAt || state?.escalated) return undefined;
    const now = ctx.now();
    if (!state?.firstSeen) ctx.agentState.set({ attempts: 0, ...state, firstSeen: now.toISOString() });
    if (ctx.classification.state === 'input' && !snapshot.inMode)
      return {
        kind: 'input',
        severity: 'info',
        summary: `${ctx.agent.name} is ready for the night's task`,
        data: { question: null, idleMs: 0 },
      };
    const waitedMs = now.getTime() - Date.parse(state?.firstSeen ?? now.toISOString());
    if (waitedMs < ctx.options.within) return undefined;
    return {
      kind: 'task-undelivered',
      severity: 'warn',
      summary: `${ctx.agent.name}'s task is not delivered: no input box recognised`,
      data: { waitedMs, screen: screenTail(snapshot) },
    };
  },
  async rescue(finding, ctx) {
    const task = ctx.agent.task;
    if (!task || finding.source !== 'kickoff') return 'pass';
    const state = ctx.agentState.get() ?? { attempts: 0 };
    if (state.sentAt || state.escalated) return 'pass';
    if (finding.kind === 'task-undelivered') {
      const shown = finding.data.screen.length
        ? `the screen showed: ${finding.data.screen.join(' ⏎ ')}`
        : 'the screen was empty';
      await ctx.act.escalate(
        'stuck',
        `the night's task was never delivered: no input box nightshift recognises appeared within ${formatDuration(finding.data.waitedMs)} (profile "${ctx.agent.profile}"); ${shown}`,
      );
      ctx.agentState.set({ ...state, escalated: true });
      return 'handled';
    }
    const outcome = await ctx.act.type(task, { submit: true });
    const attempts = state.attempts + 1;
    // sent is given, verified or not: the text left the input box, and typing it again could give the task twice
    // (an agent that answers at once with a question menu is never seen working; the journal says "not verified")
    if (outcome.ok) {
      ctx.agentState.set({ ...state, attempts, sentAt: ctx.now().toISOString() });
      ctx.log.info({ task, verified: outcome.verified }, 'task delivered');
      return 'handled';
    }
    // a deferral, not an attempt: the cooldown, or an input box not ready yet (the profile's readyAfter, a redraw)
    if (!outcome.ok && (outcome.why === 'cooldown' || outcome.why === 'not-ready')) return 'handled';
    const why = outcome.reason;
    if (attempts >= ctx.options.attempts) {
      await ctx.act.escalate('other', `could not deliver the night's task to ${ctx.agent.name}: ${why}`);
      ctx.agentState.set({ ...state, attempts, escalated: true });
    } else ctx.agentState.set({ ...state, attempts });
    return 'handled';
  },
});
