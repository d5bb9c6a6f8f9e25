// Restarting an agent in its pane with its resume command (falling back to its command).
import type { ActionOutcome } from '../plugin/types.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import type { ActuatorParts } from './parts.js';
import { JOURNAL_FAILED } from './records.js';

/** Starts the agent again with its resume command (falling back to command). */
export async function restartAgent(
  { deps, budgets, records }: ActuatorParts,
  plugin: string,
  agent: AgentRuntime,
  reason: string,
): Promise<ActionOutcome> {
  if (agent.status.givenUp)
    return records.refuse(plugin, agent, 'restart', 'escalated', 'the agent was given up on tonight', '');
  if (!agent.paneId) return records.refuse(plugin, agent, 'restart', 'dead', 'the agent has no pane', '');
  const budget = budgets.spend(agent);
  if (budget) return records.refuse(plugin, agent, 'restart', budget.why, budget.reason, '');
  const command = agent.config.resume ?? agent.config.command;
  if (deps.options.dryRun)
    return records.sent(plugin, agent, 'restart', '', {
      text: command,
      reason: `would restart: ${reason}`,
      dryRun: true,
    });
  if (!records.journalFirst(plugin, agent, 'restart', '', { text: command }))
    return records.refuse(plugin, agent, 'restart', 'journal', JOURNAL_FAILED, '');
  await deps.tmux.start(agent.paneId, { command, cwd: agent.config.cwd, env: agent.config.env });
  agent.status.restarts += 1;
  agent.status.taskSentAt = null;
  agent.lastAnswer = undefined;
  deps.journal({
    type: 'agent-restarted',
    agent: agent.config.name,
    attempt: agent.status.restarts,
    command,
    plugin,
  });
  return { ok: true, verified: true, dryRun: false };
}
