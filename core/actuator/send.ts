// Sending keys to a pane: key names as keys, anything else as literal text, with the Enter delay after text.
import type { Key } from '../plugin/types.js';
import { isKeyName } from '../tmux/keys.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import type { ActuatorDeps } from './deps.js';

/** Sends a mixed list of key names and literal text, with the Enter delay after text. */
export async function sendKeys(
  deps: Pick<ActuatorDeps, 'tmux' | 'sleep' | 'options'>,
  agent: AgentRuntime,
  keys: readonly Key[],
): Promise<void> {
  let afterText = false;
  for (const key of keys) {
    if (isKeyName(key)) {
      if (afterText && key === 'Enter') await deps.sleep(deps.options.enterDelay);
      await deps.tmux.sendKeys(agent.paneId!, [key]);
      afterText = false;
    } else {
      await deps.tmux.sendText(agent.paneId!, key);
      afterText = true;
    }
  }
}

/** Keys that submit what the input holds. */
export function submits(key: string): boolean {
  return key === 'Enter' || key === 'C-m' || key === 'C-j' || key === 'M-Enter';
}
