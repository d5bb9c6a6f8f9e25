// A command dialog the agent's own hook channel answers: the screen path gives it no key. Claude Code draws its
// dialog while its PermissionRequest hook runs and takes it down a moment after the hook's answer, so the same
// dialog is on screen before and after the hook decides; a key then would answer a decided call, or land on
// whatever the agent draws next.
import type { Dialog } from '../screen/types.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';

/** After the hook allowed or denied the agent's latest tool call, a command dialog this recent is that call's. */
export const HOOK_ANSWERED_MS = 10_000;

/**
 * While the channel is live and can approve, a new command dialog is left to the hook this long: the hook client's
 * start and its answer (it gives up on the runner after 3 s and makes no decision, and then the screen answers).
 */
export const HOOK_FIRST_MS = 5_000;

/** Why a dialog is left to the agent's hook at `now` (ms), or undefined when the screen path may answer it. */
export function leftToHook(agent: AgentRuntime, dialog: Dialog, now: number): string | undefined {
  if (dialog.commandKind !== 'shell') return undefined;
  const decided = agent.hookDecided;
  if (decided && now - decided.at < HOOK_ANSWERED_MS)
    return `the agent's hook answered this tool call already (${decided.command}): its dialog is on its way out`;
  const since = agent.status.state === 'confirm' ? agent.status.stateSince?.getTime() : undefined;
  if (agent.hookCanAllow && since !== undefined && now - since < HOOK_FIRST_MS)
    return `left to the agent's hook for up to ${HOOK_FIRST_MS / 1000} s after the dialog appeared`;
  return undefined;
}
