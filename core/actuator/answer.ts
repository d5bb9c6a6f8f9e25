// Answering a dialog: its approve or deny keys, once, to the same dialog still on screen, if the guard allows; arrows
// first and the confirming key only once the highlight is seen on the choice (choose.ts).
import type { GuardResult } from '../guard/types.js';
import type { RefusalWhy } from '../journal/events.js';
import type { ActionOutcome, Key } from '../plugin/types.js';
import type { Dialog } from '../screen/types.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import { answeredAlready } from './checks.js';
import { leftToHook } from './left-to-hook.js';
import type { ActuatorParts } from './parts.js';
import { JOURNAL_FAILED } from './records.js';
import { sendChoice } from './choose.js';
import { verify } from './verify.js';

/** Sends a dialog's approve or deny keys, once, to the same dialog, if the guard allows its command. */
export async function answerDialog(
  { deps, budgets, records, checks }: ActuatorParts,
  plugin: string,
  agent: AgentRuntime,
  dialog: Dialog,
  keys: readonly Key[] | null,
  action: 'answer' | 'decline',
): Promise<ActionOutcome> {
  const fresh = await checks.precheck(plugin, agent, action);
  if ('why' in fresh) return fresh;
  const { snapshot } = fresh;
  const refuse = (why: RefusalWhy, reason: string, guard?: GuardResult) =>
    records.refuse(plugin, agent, action, why, reason, snapshot.hash, guard, dialog.command ?? undefined);
  const now = deps.classify(snapshot, agent);
  if (now.state !== 'confirm' || now.dialog?.signature !== dialog.signature)
    return refuse('stale', 'the dialog is no longer on screen');
  if (!keys?.length) return refuse('keys', 'the dialog has no known keys for this answer');
  const hook = leftToHook(agent, dialog, deps.now().getTime());
  if (hook) return refuse('hook', hook);
  let allowedBy: GuardResult['allowedBy'];
  if (action === 'answer') {
    // every reading of a wrapped command must pass, not just the likeliest one
    const verdict = deps.guardDialog(dialog, agent);
    if (verdict && verdict.verdict !== 'allow')
      return refuse('guard', `${verdict.verdict}: ${verdict.reason}`, verdict);
    allowedBy = verdict?.allowedBy;
  }
  const answered = answeredAlready(agent, snapshot.hash);
  if (answered) return answered;
  const budget = budgets.spend(agent);
  if (budget) return refuse(budget.why, budget.reason);
  if (deps.options.dryRun)
    return records.sent(plugin, agent, action, snapshot.hash, {
      keys,
      reason: `would ${action} ${dialog.rule}`,
      dryRun: true,
      rule: dialog.rule,
      allowedBy,
    });
  if (!records.journalFirst(plugin, agent, action, snapshot.hash, { keys }))
    return refuse('journal', JOURNAL_FAILED);
  const choice = await sendChoice(deps, agent, dialog, keys, action);
  if (!choice.chosen)
    // nothing was chosen: the dialog may be answered again, from the highlight a later look shows
    return records.sent(plugin, agent, action, snapshot.hash, {
      keys: choice.sent,
      reason: `${action} ${dialog.rule}: the highlight was not seen on the choice after ${choice.sent.join(' ')}, so ${keys.at(-1)!} was not pressed`,
      dryRun: false,
      verified: false,
      rule: dialog.rule,
      allowedBy,
    });
  agent.lastAnswer = { hash: snapshot.hash, at: deps.now().getTime() };
  const verified = await verify(deps, agent, (s) => {
    const c = deps.classify(s, agent);
    return c.state !== 'confirm' || c.dialog?.signature !== dialog.signature || s.hash !== snapshot.hash;
  });
  return records.sent(plugin, agent, action, snapshot.hash, {
    keys,
    reason: `${action} ${dialog.rule}${dialog.command ? `: ${dialog.command}` : ''}`,
    dryRun: false,
    verified,
    rule: dialog.rule,
    allowedBy,
  });
}
