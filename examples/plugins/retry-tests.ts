// A realistic rescue plugin: when an agent's output says the tests failed, tell it (once per failure,
// at most `max` times a night) to fix them and run the suite again. Load it with:
//   plugins: [ ..., { name: ./examples/plugins/retry-tests.ts, options: { max: 2 } } ]
import { z } from 'zod';
import { definePlugin } from 'nightshift';

const options = z.strictObject({
  /** how often per night an agent is told to fix its tests */
  max: z.number().int().min(1).default(2),
  /** output lines that mean "the tests failed" */
  pattern: z.string().default('\\b(\\d+ )?tests? failed\\b|\\bFAIL(ED)?\\b.*\\btest'),
  /** what to type */
  message: z
    .string()
    .default('The tests failed. Fix the failures and run the test suite again before moving on.'),
});

type State = { sent: number; last?: string };

export default definePlugin<z.output<typeof options>, State>({
  name: 'retry-tests',
  handles: ['error'],
  options,
  async rescue(finding, ctx) {
    if (finding.kind !== 'error' || !new RegExp(ctx.options.pattern, 'i').test(finding.data.line))
      return 'pass';
    const state = ctx.agentState.get() ?? { sent: 0 };
    if (state.last === finding.summary) return 'handled'; // this failure was already answered
    if (state.sent >= ctx.options.max) {
      await ctx.act.escalate(
        'stuck',
        `${ctx.agent.name}: tests still failing after ${state.sent} retries (${finding.data.line})`,
      );
      ctx.agentState.set({ ...state, last: finding.summary });
      return 'handled';
    }
    const outcome = await ctx.act.type(ctx.options.message, { submit: true });
    if (outcome.ok) ctx.agentState.set({ sent: state.sent + 1, last: finding.summary });
    return 'handled';
  },
});
