import { z } from 'zod';
import { definePlugin, duration } from '../../core/index.js';
import { DEFAULT_CONTINUE, backoff, withinWindow } from './window.js';

const options = z.strictObject({
  /** idle at the input box at least this long before the first nudge */
  after: duration('10m').default(10 * 60_000),
  /** at most this many nudges per `window` */
  max: z.number().int().min(1).default(3),
  window: duration('1h').default(3_600_000),
  /** each further nudge waits `after × factor^n` */
  factor: z.number().min(1).default(2),
  /** what to type; default: the agent's `continue`, else a generic "continue with your task list" */
  message: z.string().optional(),
});

type State = { times: number[] };

/**
 * `nudge`: an agent idle at its input box for `after` gets a message asking it to continue with its task list
 * or write its status to the coordination file; at most `max` per `window`, each further nudge waiting longer.
 * An agent with a `task` is nudged only once that task was delivered (or after a restart).
 */
export default definePlugin<z.output<typeof options>, State>({
  name: 'nudge',
  handles: ['idle'],
  options,
  async rescue(finding, ctx) {
    if (finding.kind !== 'idle' || !finding.data.atInput) return 'pass';
    // the night's task is the agent's first message: a nudge before kickoff delivered it would take its place (a
    // slow cold start is idle at its input box for a while); after a restart the resumed agent carries on
    if (ctx.agent.task && !ctx.status.taskSentAt && ctx.status.restarts === 0) return 'pass';
    const now = ctx.now().getTime();
    const times = withinWindow(ctx.agentState.get()?.times ?? [], now, ctx.options.window);
    const wait = backoff(times.length + 1, ctx.options.after, ctx.options.factor, ctx.options.window);
    const last = times.at(-1);
    if (finding.data.idleMs < ctx.options.after || (last !== undefined && now - last < wait)) return 'pass';
    if (times.length >= ctx.options.max) return 'pass';
    const message = ctx.options.message ?? ctx.agent.continue ?? DEFAULT_CONTINUE;
    const outcome = await ctx.act.type(message, { submit: true });
    // only a nudge that went out (or one the guard will always refuse) counts toward `max`
    if (outcome.ok || outcome.why === 'guard') ctx.agentState.set({ times: [...times, now] });
    return 'handled';
  },
});
