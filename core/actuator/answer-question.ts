// Answering a question for the person through its own menu (see question-answer.ts for the steps on screen): the same
// question must be on screen; text goes only into the menu's free-text choice and is guarded like a message; never a
// sticky choice. Budgets, dry run and the journal as for every send.
import type { GuardResult } from '../guard/types.js';
import type { RefusalWhy } from '../journal/events.js';
import type { ActionOutcome } from '../plugin/types.js';
import type { QuestionMenu } from '../screen/types.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import { answeredAlready } from './checks.js';
import type { ActuatorParts } from './parts.js';
import { answerQuestionMenu, type QuestionReply } from './question-answer.js';
import { JOURNAL_FAILED, preview } from './records.js';

/** Answers `menu` with a choice or with text for its free-text choice, once, if it is still the question on screen. */
export async function answerQuestion(
  { deps, budgets, records, checks }: ActuatorParts,
  plugin: string,
  agent: AgentRuntime,
  menu: QuestionMenu,
  reply: QuestionReply,
): Promise<ActionOutcome> {
  const fresh = await checks.precheck(plugin, agent, 'answer');
  if ('why' in fresh) return fresh;
  const { snapshot } = fresh;
  const refuse = (why: RefusalWhy, reason: string, guard?: GuardResult, command?: string) =>
    records.refuse(plugin, agent, 'answer', why, reason, snapshot.hash, guard, command);
  const now = deps.classify(snapshot, agent);
  const q = now.state === 'question' ? now.question : undefined;
  if (!q || q.signature !== menu.signature) return refuse('stale', 'the question is no longer on screen');
  const profile = checks.profile(agent, now);
  let allowedBy: GuardResult['allowedBy'];
  let answer: QuestionReply;
  if ('text' in reply) {
    const text = reply.text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' ');
    if (!text) return refuse('keys', 'nothing to type');
    if (q.freeText === null)
      return refuse('keys', 'the question offers no choice that takes typed text: it waits for a person');
    const verdict = deps.guard(text, agent, 'message');
    if (verdict.verdict !== 'allow')
      return refuse('guard', `${verdict.verdict}: ${verdict.reason}`, verdict, text);
    allowedBy = verdict.allowedBy;
    answer = { text };
  } else {
    const choice = q.choices.find((c) => c.number === reply.choice);
    if (!choice || choice.number === q.freeText)
      return refuse('keys', `the question has no choice ${reply.choice} to pick (${describeChoices(q)})`);
    if (profile.sticky.any(choice.label))
      return refuse('keys', `"${choice.label}" would stick beyond this question: never chosen by nightshift`);
    answer = { choice: choice.number };
  }
  const answered = answeredAlready(agent, snapshot.hash);
  if (answered) return answered;
  const budget = budgets.spend(agent);
  if (budget) return refuse(budget.why, budget.reason);
  const what = 'text' in answer ? `typed "${preview(answer.text)}"` : `choice ${answer.choice}`;
  const reason = `answered the question "${preview(q.text)}" with ${what}`;
  const text = 'text' in answer ? answer.text : undefined;
  if (deps.options.dryRun)
    return records.sent(plugin, agent, 'answer', snapshot.hash, {
      text,
      reason: `would have ${reason}`,
      dryRun: true,
      rule: now.rule,
      allowedBy,
    });
  if (!records.journalFirst(plugin, agent, 'answer', snapshot.hash, text ? { text } : {}))
    return refuse('journal', JOURNAL_FAILED);
  agent.lastAnswer = { hash: snapshot.hash, at: deps.now().getTime() };
  const paneId = agent.paneId!;
  const done = await answerQuestionMenu(
    {
      read: async () => {
        const s = await deps.look(agent);
        return s && !s.dead && !s.inMode
          ? { snapshot: s, classification: deps.classify(s, agent) }
          : undefined;
      },
      sendText: (t) => deps.tmux.sendText(paneId, t),
      sendKeys: (k) => deps.tmux.sendKeys(paneId, k),
      sleep: deps.sleep,
    },
    q,
    answer,
    { settle: Math.max(profile.input.settle, 200) },
  );
  if (done.done === 'stopped')
    return refuse(
      done.why,
      `${done.reason}${done.sent ? ' (the highlight may have moved; nothing chosen)' : ''}`,
    );
  return records.sent(plugin, agent, 'answer', snapshot.hash, {
    keys: done.keys,
    text,
    reason,
    dryRun: false,
    verified: done.verified,
    rule: now.rule,
    allowedBy,
  });
}

/** A question's choices in a few words, for refusal reasons. */
function describeChoices(q: QuestionMenu): string {
  return q.choices.map((c) => `${c.number}. ${c.label}`).join(', ');
}
