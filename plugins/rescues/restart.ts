import { z } from 'zod';
import { definePlugin, duration } from '../../core/index.js';
import { backoff, withinWindow } from './window.js';

const options = z.strictObject({
  /** give up after this many restarts within `window` */
  max: z.number().int().min(1).default(5),
  window: duration('30m').default(30 * 60_000),
  /** wait before the first restart; each further one waits `factor` times longer, up to `maxDelay` */
  delay: duration('5s').default(5000),
  factor: z.number().min(1).default(1.5),
  maxDelay: duration('5m').default(5 * 60_000),
  /** an agent that stayed up this long since its last restart starts a fresh count */
  stableAfter: duration('10m').default(10 * 60_000),
  /** mail right away when an agent is given up on */
  urgent: z.boolean().default(true),
});

type State = { times: number[]; exitedAt?: number; lastRestart?: number };

/**
 * `restart`: an exited agent is started again with its `resume` command (falling back to `command`), after a delay
 * that grows ×1.5 per restart (capped); after `max` restarts within `window` it gives up and escalates. The count
 * starts afresh once the agent has stayed up for `stableAfter` (Monit's "N restarts within M cycles", pm2's backoff).
 * A program the shell could not run (exit status 127: not found, 126: not executable) is not restarted at all.
 */
export default definePlugin<z.output<typeof options>, State>({
  name: 'restart',
  handles: ['exited'],
  options,
  async rescue(finding, ctx) {
    if (finding.kind !== 'exited' || ctx.status.givenUp) return 'pass';
    const o = ctx.options;
    const now = ctx.now().getTime();
    const saved = ctx.agentState.get() ?? { times: [] };
    const stable =
      saved.lastRestart !== undefined &&
      saved.exitedAt === undefined &&
      now - saved.lastRestart >= o.stableAfter;
    const times = stable ? [] : withinWindow(saved.times, now, o.window);
    const exitedAt = saved.exitedAt ?? now;
    const status = finding.data.status;
    if (status === 126 || status === 127) {
      // the shell could not run the program: starting it again cannot help
      await ctx.act.escalate(
        'given-up',
        `${ctx.agent.name} could not start: ${finding.data.detail} (${status === 127 ? 'command not found' : 'not executable'}: check agents' command "${ctx.agent.command}")`,
        { urgent: o.urgent },
      );
      await ctx.act.giveUp(`could not start (exit status ${status})`);
      return 'handled';
    }
    if (times.length >= o.max) {
      await ctx.act.escalate(
        'given-up',
        `${ctx.agent.name} exited ${times.length + 1} times within ${Math.round(o.window / 60_000)}m (${finding.data.detail}); nightshift gave up restarting it`,
        { urgent: o.urgent },
      );
      await ctx.act.giveUp(`${times.length} restarts within the window`);
      return 'handled';
    }
    const wait = backoff(times.length + 1, o.delay, o.factor, o.maxDelay);
    if (now - exitedAt < wait) {
      ctx.agentState.set({ ...saved, times, exitedAt });
      return 'handled';
    }
    const outcome = await ctx.act.restart(
      `${finding.data.detail}; restart ${times.length + 1} of at most ${o.max} in ${Math.round(o.window / 60_000)}m`,
    );
    if (outcome.ok) ctx.agentState.set({ times: [...times, now], lastRestart: now });
    else ctx.agentState.set({ ...saved, times, exitedAt });
    return 'handled';
  },
});
