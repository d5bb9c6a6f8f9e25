// Verifying a send: re-capturing the pane a few times until the screen shows the keys took effect.
import type { Snapshot } from '../screen/types.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import type { ActuatorDeps } from './deps.js';

const VERIFY_MS = [300, 700, 1200];

/** Re-captures a few times until `done` holds; false if it never does (the report shows unverified sends). */
export async function verify(
  deps: Pick<ActuatorDeps, 'look' | 'sleep'>,
  agent: AgentRuntime,
  done: (s: Snapshot) => boolean,
): Promise<boolean> {
  for (const ms of VERIFY_MS) {
    await deps.sleep(ms);
    const s = await deps.look(agent);
    if (!s || s.dead || done(s)) return true;
  }
  return false;
}
