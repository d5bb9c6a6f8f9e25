// The `answer` route: a person answers a parked screen from another terminal (`nightshift answer`). It goes through
// the actuator like any send (guard, stale-screen check, budgets, journal), journaled as plugin `person:<name>`.
import { z } from 'zod';
import type { ActionOutcome } from '../plugin/types.js';
import type { Actuator } from '../actuator/index.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import type { ControlRoute } from './routes.js';

const body = z
  .strictObject({
    agent: z.string().min(1),
    /** who answers (their login name): the journal names them */
    person: z
      .string()
      .regex(/^[\w.@-]{1,64}$/, 'a login name')
      .default('someone'),
    /** a choice by its number (question menus; 1 approves a dialog, which the guard still judges) */
    choice: z.number().int().min(1).optional(),
    /** text for a question's free-text choice, or the note typed after a decline */
    text: z.string().min(1).max(2000).optional(),
    /** refuse: the dialog's own No, or Escape on a question */
    decline: z.boolean().default(false),
  })
  .refine((b) => b.decline || b.choice !== undefined || b.text !== undefined, {
    message: 'say what to answer: a choice, --text or --decline',
  });

/** What the route uses of the night (a part of NightParts, named here so the route list imports this file alone). */
interface AnswerNight {
  readonly agents: readonly AgentRuntime[];
  readonly watch: { readonly actuator: Actuator };
}

export type AnswerRequest = z.input<typeof body>;

/** What the route replies. */
export interface AnswerReply {
  readonly agent: string;
  readonly state: string | null;
  readonly outcome: ActionOutcome;
}

/** Answers what `agent` is parked on, as the person. */
async function answer(night: AnswerNight, b: z.output<typeof body>): Promise<AnswerReply> {
  const agent = night.agents.find((a) => a.config.name === b.agent);
  if (!agent)
    throw new Error(
      `no agent "${b.agent}" tonight (agents: ${night.agents.map((a) => a.config.name).join(', ')})`,
    );
  const c = agent.last?.classification;
  const act = night.watch.actuator.actionsFor(`person:${b.person}`, agent);
  const reply = (outcome: ActionOutcome): AnswerReply => ({
    agent: b.agent,
    state: c?.state ?? null,
    outcome,
  });
  try {
    if (c?.state === 'question' && c.question) {
      if (b.decline) return reply(await act.press('Escape'));
      if (b.text !== undefined) return reply(await act.answerQuestion(c.question, { text: b.text }));
      return reply(await act.answerQuestion(c.question, { choice: b.choice! }));
    }
    if (c?.state === 'confirm' && c.dialog) {
      if (b.decline) return reply(await act.decline(c.dialog, b.text ? { note: b.text } : {}));
      if (b.choice === 1) return reply(await act.answer(c.dialog));
      throw new Error(
        'a permission dialog takes --decline [--text NOTE], or 1 to approve (the guard still judges it)',
      );
    }
    if (b.text !== undefined && !b.decline && b.choice === undefined)
      return reply(await act.type(b.text, { submit: true }));
    throw new Error(`${b.agent} is not parked (its screen: ${c?.state ?? 'not seen yet'}); nothing answered`);
  } finally {
    act.revoke();
  }
}

/** The `answer` route maker, registered in NIGHT_ROUTES. */
export const answerRoute = (night: AnswerNight): ControlRoute<never, unknown> => {
  const route: ControlRoute<z.output<typeof body>, AnswerReply> = {
    type: 'answer',
    parse: (raw: unknown) => body.parse(raw),
    handle: (b) => answer(night, b),
    timeoutMs: 30_000,
  };
  return route as unknown as ControlRoute<never, unknown>;
};
