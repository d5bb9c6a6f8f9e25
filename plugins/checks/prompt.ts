import { z } from 'zod';
import {
  decide,
  definePlugin,
  duration,
  type CheckContext,
  type Classification,
  type NewFinding,
  type Snapshot,
} from '../../core/index.js';

const options = z.strictObject({
  /**
   * two captures at least this far apart must show the same dialog before it is reported (a pane is looked at soon
   * after its output settles, so this is on top of a quiet pane: a dialog still being drawn never passes)
   */
  stable: duration('200ms').default(200),
  /** also report agent questions, menus and unknown line prompts as `input` findings */
  questions: z.boolean().default(true),
  /** a dialog the guard refuses: `escalate` leaves it for a person, `decline` answers No so the agent can go on */
  onRefused: z.enum(['escalate', 'decline']).default('escalate'),
});

/** The dialog seen first, and when: a finding needs it to still be there after `stable`. */
type State = { fingerprint?: string; since?: string };

/** Input rules that ask the person something (not just an idle input box, which `idle` reports). */
const QUESTION_RULES = /\.input\.line-prompt$/;

/**
 * `prompt`: confirmations, secret prompts and questions on screen. A finding only when two captures at least
 * `stable` apart agree on the dialog (a first sighting asks the runner to look again). `confirm` findings carry the
 * decision (`approve` only for a command the guard allows); secrets are never answered.
 */
export default definePlugin<z.output<typeof options>, State>({
  name: 'prompt',
  options,
  check(snapshot, ctx) {
    const c = ctx.classification;
    const fingerprint = fingerprintOf(c, ctx.options.questions);
    const state = ctx.agentState.get() ?? {};
    if (!fingerprint) {
      if (state.fingerprint) ctx.agentState.set({});
      return undefined;
    }
    const now = ctx.now().getTime();
    if (state.fingerprint !== fingerprint || !state.since) {
      ctx.agentState.set({ fingerprint, since: new Date(now).toISOString() });
      ctx.lookAgain(ctx.options.stable);
      return undefined;
    }
    const waited = now - Date.parse(state.since);
    if (waited < ctx.options.stable) {
      ctx.lookAgain(ctx.options.stable - waited);
      return undefined;
    }
    return findingFor(c, snapshot, ctx);
  },
});

/** What must stay the same between two captures: the dialog's own lines, the secret prompt, the question. */
function fingerprintOf(c: Classification, questions: boolean): string | undefined {
  if (c.state === 'confirm' && c.dialog) return `confirm\n${c.dialog.signature}`;
  if (c.state === 'secret') return `secret\n${c.rule}\n${c.evidence.join('\n')}`;
  // a question for the person is always reported: it is escalated, never answered
  if (c.state === 'question') return `question\n${c.rule}\n${c.evidence.join('\n')}`;
  if (c.state === 'input' && questions && QUESTION_RULES.test(c.rule))
    return `input\n${c.rule}\n${c.evidence.join('\n')}`;
  return undefined;
}

/** The finding for a dialog that has stayed put. */
function findingFor(
  c: Classification,
  snapshot: Snapshot,
  ctx: CheckContext<z.output<typeof options>, State>,
): NewFinding {
  const evidence = { rule: c.rule, lines: c.evidence };
  const agent = ctx.agent.name;
  if (c.state === 'confirm' && c.dialog) {
    const decision = decide(
      c,
      snapshot,
      { check: ctx.guard },
      { context: { cwd: ctx.agent.cwd }, onRefused: ctx.options.onRefused },
    );
    const what = c.dialog.command ?? c.dialog.rule;
    return {
      kind: 'confirm',
      severity: decision.decision === 'approve' ? 'info' : 'warn',
      summary: `${agent} asks to confirm ${what}: ${decision.decision}`,
      data: { dialog: c.dialog, decision },
      evidence,
    };
  }
  if (c.state === 'secret') {
    const secretKind = c.secretKind ?? 'secret';
    return {
      kind: 'secret',
      severity: 'warn',
      summary: `${agent} asks for a ${secretKind}: ${c.evidence[0] ?? ''}`.trim(),
      data: { prompt: c.evidence[0] ?? '', secretKind },
      evidence,
    };
  }
  const since = ctx.status.stateSince ?? snapshot.at;
  return {
    kind: 'input',
    severity: 'info',
    summary: `${agent} asks: ${c.evidence[0] ?? 'a question'}`,
    data: { question: c.evidence[0] ?? null, idleMs: Math.max(0, snapshot.at.getTime() - since.getTime()) },
    evidence,
  };
}
