import { z } from 'zod';
import { definePlugin } from '../../core/index.js';

const options = z.strictObject({
  /** `wait`: leave the prompt on screen for a person (default); `decline`: answer No and tell the agent why */
  action: z.enum(['wait', 'decline']).default('wait'),
  /** typed to the agent after declining */
  note: z
    .string()
    .default(
      'That command was refused by the overnight supervisor as destructive. Do not retry it; choose a safer way or leave it for a human.',
    ),
  /** after this many refused commands from one agent tonight, stop answering it and escalate */
  maxBlocks: z.number().int().min(1).default(5),
  /** mail right away when a command is refused */
  urgent: z.boolean().default(false),
});

/** `retry`: a dialog whose decline the actuator's cooldown put off (tried again on the next tick) */
type State = { blocks: number; seen: string[]; retry?: string };

/**
 * `dangerous`: for `confirm` findings the guard blocked or held (decision `escalate` or `decline`), leaves the prompt
 * waiting (default) or declines it with the profile's deny keys and a fixed note, and puts the command on the report's
 * "needs you" list, once per dialog. After `maxBlocks` refusals for one agent it stops answering that agent.
 */
export default definePlugin<z.output<typeof options>, State>({
  name: 'dangerous',
  handles: ['confirm'],
  options,
  async rescue(finding, ctx) {
    if (finding.kind !== 'confirm') return 'pass';
    const { dialog, decision } = finding.data;
    if (decision.decision !== 'escalate' && decision.decision !== 'decline') return 'pass';
    const state = ctx.agentState.get() ?? { blocks: 0, seen: [] };
    const decline = ctx.options.action === 'decline' || decision.decision === 'decline';
    // false only when the cooldown put the decline off: a deferral, to be tried again, not a decision
    const declined = async () => {
      const outcome = await ctx.act.decline(dialog, { note: ctx.options.note });
      return outcome.ok || outcome.why !== 'cooldown';
    };
    if (state.seen.includes(dialog.signature)) {
      if (decline && state.retry === dialog.signature && (await declined()))
        ctx.agentState.set({ blocks: state.blocks, seen: state.seen });
      return 'handled';
    }
    const verdict = decision.guard?.verdict;
    const kind = verdict === 'block' ? 'blocked-command' : 'held-command';
    const command = dialog.command ?? undefined;
    const why = decision.guard
      ? `${decision.guard.rule ?? verdict}: ${decision.guard.reason}`
      : decision.reason;
    await ctx.act.escalate(
      kind,
      `${ctx.agent.name} asked to run a command the guard ${verdict === 'block' ? 'blocked' : 'could not clear'} (${why})`,
      { command, urgent: ctx.options.urgent },
    );
    const deferred = decline && !(await declined());
    const blocks = state.blocks + 1;
    ctx.agentState.set({
      blocks,
      seen: [...state.seen, dialog.signature].slice(-50),
      ...(deferred ? { retry: dialog.signature } : {}),
    });
    if (blocks >= ctx.options.maxBlocks) {
      await ctx.act.escalate(
        'given-up',
        `${ctx.agent.name} asked for ${blocks} refused commands tonight; nightshift stopped answering it`,
      );
      await ctx.act.giveUp(`${blocks} refused commands`);
    }
    return 'handled';
  },
});
