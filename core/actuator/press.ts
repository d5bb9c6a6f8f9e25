// Pressing key names (never literal text): on a dialog only keys that cancel; Enter at a prompt guards its line.
import type { ActionName } from '../journal/events.js';
import type { ActionOutcome, Key } from '../plugin/types.js';
import { isKeyName } from '../tmux/keys.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import { answeringKeys } from './answering-keys.js';
import type { ActuatorParts } from './parts.js';
import { screenName } from './input-target.js';
import { JOURNAL_FAILED } from './records.js';
import { submits } from './send.js';

/** Presses key names (never literal text); Enter at a shell prompt guards the line it would submit. */
export async function pressKeys(
  { deps, budgets, records, checks }: ActuatorParts,
  plugin: string,
  agent: AgentRuntime,
  keys: readonly Key[],
  reason = 'pressed',
  action: ActionName = 'press',
): Promise<ActionOutcome> {
  const fresh = await checks.precheck(plugin, agent, action);
  if ('why' in fresh) return fresh;
  const { snapshot } = fresh;
  const literal = keys.find((k) => !isKeyName(k));
  if (literal !== undefined)
    return records.refuse(
      plugin,
      agent,
      action,
      'keys',
      `"${literal}" is not a key name; use type() for text`,
      snapshot.hash,
    );
  const reading = checks.reading(agent, snapshot);
  if (!reading.target) {
    // on a dialog, prompt or menu (or any screen not known to take input) only keys that cancel may go
    const choosing = answeringKeys(keys, reading.classification);
    if (choosing.length)
      return records.refuse(
        plugin,
        agent,
        action,
        'screen',
        `${choosing.join(', ')} could choose or confirm on ${screenName(reading.classification)}: only answer or decline may; Escape, C-c and the dialog's deny keys may be pressed`,
        snapshot.hash,
      );
  }
  if (keys.some(submits) && reading.target) {
    const line = (reading.input ?? []).join(' ').trim();
    if (line) {
      const atShell = reading.target === 'shell';
      const verdict = deps.guard(line, agent, atShell ? 'command' : 'message');
      if (verdict.verdict !== 'allow')
        return records.refuse(
          plugin,
          agent,
          action,
          'guard',
          `${verdict.verdict}: ${verdict.reason}`,
          snapshot.hash,
          verdict,
          line,
        );
    }
  }
  const budget = budgets.spend(agent);
  if (budget) return records.refuse(plugin, agent, action, budget.why, budget.reason, snapshot.hash);
  if (deps.options.dryRun)
    return records.sent(plugin, agent, action, snapshot.hash, { keys, reason, dryRun: true });
  if (!records.journalFirst(plugin, agent, action, snapshot.hash, { keys }))
    return records.refuse(plugin, agent, action, 'journal', JOURNAL_FAILED, snapshot.hash);
  for (const [i, key] of keys.entries()) {
    if (i > 0 && reading.target) {
      // a key may draw a dialog: the next one is judged on the screen as it is now
      const now = await checks.read(agent);
      const choosing = now && !now.target ? answeringKeys([key], now.classification) : [];
      if (!now || choosing.length)
        return records.refuse(
          plugin,
          agent,
          action,
          'screen',
          `${now ? screenName(now.classification) : 'nothing'} came up after ${keys.slice(0, i).join(', ')}; ${keys.slice(i).join(', ')} not pressed`,
          snapshot.hash,
        );
    }
    await deps.tmux.sendKeys(agent.paneId!, [key]);
  }
  return records.sent(plugin, agent, action, snapshot.hash, { keys, reason, dryRun: false, verified: true });
}
