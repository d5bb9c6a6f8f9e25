// Remind an idle agent of the failing test summary on its screen, once per summary. Builds on the built-in `idle`
// check and reads the agent's own output from the screen model (what nightshift typed is never taken for it).
import { definePlugin } from 'nightshift';

const SUMMARY = /\b\d+ (?:tests? )?failed\b|^\s*Tests:.*\bfailed\b/i;

export default definePlugin({
  name: 'remind-failing-tests',
  handles: ['idle'],
  async rescue(finding, ctx) {
    if (!finding.data.atInput) return 'pass';
    const summary = ctx.screen.transcript
      .findLast((r) => r.by === 'agent' && SUMMARY.test(r.text))
      ?.text.trim();
    if (!summary || !ctx.once(summary)) return 'pass';
    const sent = await ctx.act.type(`The tests still fail (${summary}). Fix them before you move on.`, {
      submit: true,
    });
    return sent.ok ? 'handled' : 'pass';
  },
});
