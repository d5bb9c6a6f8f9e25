import { z } from 'zod';
import { definePlugin, type EscalationKind, type Finding } from '../../core/index.js';

const options = z.strictObject({
  /** escalation kinds that also mail right away (when email is configured), rate-limited by the runner */
  urgent: z
    .array(
      z.enum(['blocked-command', 'held-command', 'secret', 'given-up', 'credit', 'stuck', 'plugin', 'other']),
    )
    .default(['secret', 'credit']),
});

type State = { seen: string[] };

/** What needs a person about a finding nobody else handled, or undefined. */
function needsPerson(f: Finding): { kind: EscalationKind; reason: string; command?: string } | undefined {
  switch (f.kind) {
    case 'secret':
      return {
        kind: 'secret',
        reason: `${f.agent} is waiting for a ${f.data.secretKind}: "${f.data.prompt}" (never answered by nightshift)`,
      };
    case 'confirm':
      if (f.data.decision.decision === 'approve') return undefined;
      return {
        kind: 'held-command',
        reason: `${f.agent} is waiting on a confirmation nightshift would not answer: ${f.data.decision.reason}`,
        ...(f.data.dialog.command ? { command: f.data.dialog.command } : {}),
      };
    case 'limit':
      return f.data.needsHuman ? { kind: 'credit', reason: `${f.agent}: ${f.data.text}` } : undefined;
    case 'error':
      return f.data.fatal
        ? { kind: 'other', reason: `${f.agent} hit a fatal error: ${f.data.line}` }
        : undefined;
    case 'input':
      return f.data.question ? { kind: 'other', reason: `${f.agent} asks: ${f.data.question}` } : undefined;
    default:
      return undefined;
  }
}

/**
 * `escalate` (runs last): findings nobody handled that need a human — a secret prompt, a held command, credit
 * exhausted, a fatal error, a question only a person can answer — go on the report's "needs you" list, once each.
 * Kinds listed in `urgent` also mail right away when email is configured.
 */
export default definePlugin<z.output<typeof options>, State>({
  name: 'escalate',
  order: 'post',
  options,
  async rescue(finding, ctx) {
    const need = needsPerson(finding);
    if (!need) return 'pass';
    const key = `${need.kind}:${finding.summary}`;
    const state = ctx.agentState.get() ?? { seen: [] };
    if (state.seen.includes(key)) return 'handled';
    await ctx.act.escalate(need.kind, need.reason, {
      urgent: ctx.options.urgent.includes(need.kind),
      ...(need.command ? { command: need.command } : {}),
    });
    ctx.agentState.set({ seen: [...state.seen, key].slice(-100) });
    return 'handled';
  },
});
