// The screen model for one agent's look, from what the runner keeps about the agent.
import type { AgentRuntime } from './agent-runtime.js';
import type { Classification, Snapshot } from '../screen/types.js';
import { screenModel } from './screen-model.js';
import type { ScreenModel } from '../plugin/types.js';

/** `ctx.screen` for this look at `agent` (`profiles`: the config's profile overrides). */
export function screenOf(
  agent: AgentRuntime,
  snapshot: Snapshot,
  previous: Snapshot | undefined,
  classification: Classification,
  deps: { readonly profiles?: unknown },
): ScreenModel {
  return screenModel({
    snapshot,
    previous,
    classification,
    profile: agent.config.profile,
    profiles: deps.profiles,
    typed: agent.typed,
    logFile: agent.logFile,
  });
}
