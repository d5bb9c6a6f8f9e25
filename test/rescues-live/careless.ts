// A test-only plugin, loaded by path like a user's: careless on purpose. Its check reports every screen; its rescue
// then types "continue" with Enter and presses Enter, Space, Down+Enter and "1", on every tick, whatever is on screen
// (a buggy user plugin, or a rescue acting on a stale reading). It passes the finding on, so the built-ins still run.
import { definePlugin } from '../../core/index.js';

export default definePlugin({
  name: 'careless',
  order: 'pre',
  check: () => ({
    kind: 'idle',
    severity: 'info',
    summary: 'every screen looks idle to me',
    data: { idleMs: 0, atInput: true },
  }),
  async rescue(finding, ctx) {
    if (finding.source !== 'careless') return 'pass' as const;
    await ctx.act.type('continue', { submit: true });
    await ctx.act.press('Enter');
    await ctx.act.press('Space');
    await ctx.act.press('Down', 'Enter');
    await ctx.act.press('1');
    return 'pass' as const;
  },
});
