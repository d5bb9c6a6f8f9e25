import { definePlugin, type Actions, type Finding, type RescueContext } from '../../core/index.js';
import { DEFAULT_CONTINUE, withinWindow } from './window.js';

type Rule = RescueContext['config']['rules'][number];
/** per kind: the start times of its appearances; per rule: the times it acted */
type State = { appeared: Record<string, number[]>; actions: Record<string, number[]> };

/** Carries out one rule's action. */
async function perform(rule: Rule, act: Actions, finding: Finding, text: string): Promise<boolean> {
  switch (rule.do) {
    case 'nudge':
    case 'type':
      return (await act.type(text, { submit: true })).ok;
    case 'restart':
      return (await act.restart(`rule: ${rule.when} → restart`)).ok;
    case 'interrupt':
      return (await act.interrupt(`rule: ${rule.when} → interrupt`)).ok;
    case 'escalate':
      return (await act.escalate('other', `${finding.agent}: ${finding.summary}`, { urgent: rule.urgent }))
        .ok;
    case 'give-up':
      await act.escalate('given-up', `${finding.agent}: ${finding.summary}; a rule says give up`, {
        urgent: rule.urgent,
      });
      return (await act.giveUp(`rule: ${rule.when}`)).ok;
  }
}

/**
 * `rules` (runs first): policies from the config's `rules:` without code, e.g.
 * `{ when: idle, for: 20m, do: nudge, max: 2, per: 1h }` or `{ when: exited, times: 3, within: 30m, do: give-up }`.
 * `for`: the finding has lasted that long; `times`/`within`: it appeared that often; `max`/`per`: action budget.
 * The first matching rule acts; a finding no rule matches goes on to the other rescues.
 */
export default definePlugin<unknown, State>({
  name: 'rules',
  order: 'pre',
  async rescue(finding, ctx) {
    const rules = ctx.config.rules
      .map((rule, i) => ({ rule, i }))
      .filter(({ rule }) => rule.when === finding.kind);
    if (!rules.length) return 'pass';
    const now = ctx.now().getTime();
    const since = finding.since.getTime();
    const state = ctx.agentState.get() ?? { appeared: {}, actions: {} };
    const appeared = state.appeared[finding.kind] ?? [];
    if (appeared.at(-1) !== since) state.appeared[finding.kind] = [...appeared, since].slice(-50);
    let handled = false;
    for (const { rule, i } of rules) {
      if (rule.for !== undefined && now - since < rule.for) continue;
      if (
        rule.times !== undefined &&
        withinWindow(state.appeared[finding.kind] ?? [], now, rule.within ?? Infinity).length < rule.times
      )
        continue;
      const done = withinWindow(state.actions[i] ?? [], now, rule.per ?? Infinity);
      if (rule.max !== undefined && done.length >= rule.max) continue;
      if (await perform(rule, ctx.act, finding, rule.text ?? ctx.agent.continue ?? DEFAULT_CONTINUE))
        state.actions[i] = [...done, now];
      handled = true;
      break;
    }
    ctx.agentState.set(state);
    return handled ? 'handled' : 'pass';
  },
});
