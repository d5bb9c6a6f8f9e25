// Retry after a transient network error, at most 3 times an hour. Builds on the built-in `error` check's findings;
// one seen while the agent was busy is offered again once it is back at its input.
import { definePlugin } from 'nightshift';

const TRANSIENT =
  /ECONNRESET|ETIMEDOUT|EAI_AGAIN|ECONNREFUSED|socket hang up|network is unreachable|\b50[234]\b/i;

export default definePlugin({
  name: 'retry-network',
  handles: ['error'],
  async rescue(finding, ctx) {
    if (!TRANSIENT.test(finding.data.line) || ctx.classification.state !== 'input') return 'pass';
    if (!ctx.limit({ max: 3, per: '1h' })) return 'pass';
    const sent = await ctx.act.type('That step failed on a transient network error. Please try it again.', {
      submit: true,
    });
    return sent.ok ? 'handled' : 'pass';
  },
});
