import { classify, definePlugin, type CheckContext, type Snapshot } from '../../core/index.js';

/** The limit message in view and when it was first seen: relative reset times count from then. */
type State = { text?: string; firstSeen?: string };

/**
 * `usage-limit`: a usage or rate limit on screen, with the reset time as an ISO instant (relative times such as
 * "try again in 2 hours" count from when the message first appeared, not from every later look), or credit
 * exhaustion, which no wait fixes (`needsHuman`).
 */
export default definePlugin<unknown, State>({
  name: 'usage-limit',
  check(snapshot, ctx) {
    const c = ctx.classification;
    const limited = c.state === 'limit' || (c.state === 'error' && c.needsHuman === true);
    if (!limited) {
      if (ctx.agentState.get()?.text) ctx.agentState.set({});
      return undefined;
    }
    const text = c.evidence.join(' ');
    const state = ctx.agentState.get() ?? {};
    const firstSeen = state.text === text && state.firstSeen ? new Date(state.firstSeen) : snapshot.at;
    if (state.text !== text) ctx.agentState.set({ text, firstSeen: firstSeen.toISOString() });
    const needsHuman = c.needsHuman === true;
    const resetAt = needsHuman ? undefined : resetOf(snapshot, firstSeen, ctx);
    return {
      kind: 'limit',
      severity: needsHuman ? 'error' : 'warn',
      summary: needsHuman
        ? `${ctx.agent.name} cannot continue until a person acts: ${c.evidence[0] ?? ''}`.trim()
        : `${ctx.agent.name} hit a usage limit${resetAt ? `; resets ${resetAt.toISOString()}` : '; no reset time on screen'}`,
      data: { resetAt: resetAt?.toISOString() ?? null, needsHuman, text },
      evidence: { rule: c.rule, lines: c.evidence },
    };
  },
});

/** The reset time, read as of the first sighting of this message (the screen is classified again with that clock). */
function resetOf(snapshot: Snapshot, firstSeen: Date, ctx: CheckContext<unknown, State>): Date | undefined {
  const c = ctx.classification;
  if (firstSeen.getTime() === snapshot.at.getTime()) return c.resetAt;
  const again = classify(snapshot, {
    profile: ctx.agent.profile,
    profiles: ctx.config.profiles,
    timezone: ctx.config.timezone,
    now: firstSeen,
  });
  return again.state === 'limit' ? again.resetAt : c.resetAt;
}
