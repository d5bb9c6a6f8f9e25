import { definePlugin } from '../../core/index.js';

/**
 * `auto-confirm`: approves `confirm` findings whose decision is `approve` — a known dialog, a command the guard
 * allows, nothing ambiguous on screen — with the dialog's own approval keys (never an "always allow" option).
 * The actuator re-checks the screen right before sending and never answers the same screen twice.
 * Anything else passes on to `dangerous` and `escalate`.
 */
export default definePlugin({
  name: 'auto-confirm',
  handles: ['confirm'],
  async rescue(finding, ctx) {
    if (finding.kind !== 'confirm') return 'pass';
    const { dialog, decision } = finding.data;
    if (decision.decision !== 'approve' || !decision.keys) return 'pass';
    const outcome = await ctx.act.answer(dialog, { keys: decision.keys });
    if (outcome.ok) return 'handled';
    // refused (guard, stale screen, budget): journaled by the actuator; let the next rescue decide. A dialog left to
    // the agent's own hook is being answered there (or is, within seconds, left to this screen again)
    return outcome.why === 'cooldown' || outcome.why === 'stale' || outcome.why === 'hook'
      ? 'handled'
      : 'pass';
  },
});
