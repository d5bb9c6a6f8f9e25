import { z } from 'zod';
import { definePlugin, duration, type Finding, type RescueContext } from '../../core/index.js';

/** How long a park may last before the policy acts; `never` keeps it waiting for a person all night. */
const after = z.union([z.literal('never'), duration('15m')]);

const options = z.strictObject({
  /** how long a question or a held/blocked command may wait; "never" leaves every park to a person */
  after: after.default(15 * 60_000),
  /** typed into a question menu's own free-text choice once it has waited `after` */
  answer: z
    .string()
    .min(1)
    .default(
      "Nobody can answer until morning. Don't wait: choose the option that is safest and easiest to undo, note the choice and why in the coordination file, and carry on.",
    ),
  /** typed to the agent after refusing a held or blocked command (and the hook channel's deny message) */
  decline: z
    .string()
    .min(1)
    .default(
      'That needs a person. Leave it for the morning: note it in the coordination file, and go on with the rest of your work.',
    ),
});

/** The `parked` plugin's options, defaults applied. */
export type ParkedOptions = z.output<typeof options>;

/** What is parked: a question for the person, or a command the guard held or blocked. */
export type ParkKind = 'question' | 'held-command' | 'blocked-command';

/** What the policy does about a park right now. */
export type ParkMove =
  /** keep waiting (escalated); `forMs` until the policy acts, or null: never */
  | { readonly do: 'wait'; readonly forMs: number | null }
  /** type `text` into the question's own free-text choice */
  | { readonly do: 'answer'; readonly text: string }
  /** refuse with the agent's own refusal, then tell it `message` (the hook channel: `deny` with `message`) */
  | { readonly do: 'decline'; readonly message: string }
  /** nothing nightshift may do (a question without a free-text choice): it stays escalated for a person */
  | { readonly do: 'escalate' };

/**
 * The park policy, for the screen rescue below and for the hook channel. `channel: 'hook'` is an agent's own
 * permission hook asking about a command: a blocked command is denied at once there (`after` does not apply), a held
 * one after `after` like on screen. `freeText`: the question offers a choice that takes typed text.
 */
export function parkMove(
  policy: Pick<ParkedOptions, 'after' | 'answer' | 'decline'>,
  park: {
    readonly kind: ParkKind;
    readonly waitedMs: number;
    readonly channel?: 'screen' | 'hook';
    readonly freeText?: boolean;
  },
): ParkMove {
  if (park.channel === 'hook' && park.kind === 'blocked-command')
    return { do: 'decline', message: policy.decline };
  if (policy.after === 'never') return { do: 'wait', forMs: null };
  if (park.waitedMs < policy.after) return { do: 'wait', forMs: policy.after - park.waitedMs };
  if (park.kind !== 'question') return { do: 'decline', message: policy.decline };
  return park.freeText ? { do: 'answer', text: policy.answer } : { do: 'escalate' };
}

/** `key`: the park being timed; `since`: when it began; `done`: parks already acted on (never twice) */
type State = { key?: string; since?: string; done: string[] };

/** The park a finding shows, or undefined when it is not one this plugin times. */
function parkOf(finding: Finding, ctx: RescueContext<ParkedOptions, State>) {
  if (finding.kind === 'confirm') {
    const { dialog, decision } = finding.data;
    if (decision.decision !== 'escalate' && decision.decision !== 'decline') return undefined;
    // only commands the guard held or blocked; other refusals (a plan, a sticky-only dialog) wait for a person
    const verdict = decision.guard?.verdict;
    if (verdict !== 'block' && verdict !== 'hold') return undefined;
    const kind: ParkKind = verdict === 'block' ? 'blocked-command' : 'held-command';
    return { kind, key: `confirm\n${dialog.signature}`, dialog } as const;
  }
  if (finding.kind === 'input' && ctx.classification.state === 'question') {
    const question = ctx.classification.question;
    const key = `question\n${question?.signature ?? finding.summary}`;
    return { kind: 'question', key, question } as const;
  }
  return undefined;
}

/**
 * `parked`: no silent parks. A question for the person, or a permission dialog for a command the guard held or
 * blocked, that has waited `after` gets an answer by policy: a question menu's own free-text choice gets `answer`
 * (a question without one stays escalated); a held or blocked command is refused with the agent's own "No" and the
 * agent is told `decline`. Never a "don't ask again" choice, never twice for the same park, all through the actuator.
 * Until then (and with `after: never`) it passes, so the prompt is escalated as before.
 */
export default definePlugin<ParkedOptions, State>({
  name: 'parked',
  handles: ['confirm', 'input'],
  options,
  async rescue(finding, ctx) {
    const park = parkOf(finding, ctx);
    if (!park) return 'pass';
    const state = ctx.agentState.get() ?? { done: [] };
    const now = ctx.now().getTime();
    // a park is timed from its first sighting; the same screen after we acted on it is never acted on again
    const sameDone = state.done.includes(park.key);
    if (sameDone) return 'pass';
    const since = state.key === park.key && state.since ? Date.parse(state.since) : finding.since.getTime();
    if (state.key !== park.key)
      ctx.agentState.set({ ...state, key: park.key, since: new Date(since).toISOString() });
    const move = parkMove(ctx.options, {
      kind: park.kind,
      waitedMs: now - since,
      freeText: park.kind === 'question' && park.question?.freeText != null,
    });
    if (move.do === 'wait' || move.do === 'escalate') return 'pass';
    const outcome =
      move.do === 'answer' && park.kind === 'question' && park.question
        ? await ctx.act.answerQuestion(park.question, { text: move.text })
        : park.kind !== 'question'
          ? await ctx.act.decline(park.dialog, { note: move.do === 'decline' ? move.message : '' })
          : undefined;
    if (!outcome) return 'pass';
    // a cooldown or budget puts it off to the next tick; anything else (sent, refused for good) ends this park
    if (!outcome.ok && (outcome.why === 'cooldown' || outcome.why === 'budget')) return 'handled';
    const latest = ctx.agentState.get() ?? state;
    ctx.agentState.set({ done: [...latest.done, park.key].slice(-50) });
    if (!outcome.ok)
      await ctx.act.escalate(
        park.kind === 'question' ? 'other' : park.kind,
        `${ctx.agent.name} waited ${Math.round((now - since) / 60_000)} min; the parked policy could not act (${outcome.reason})`,
      );
    return 'handled';
  },
});
