// The night a hook route needs, for tests and benches of the hook channel alone: one agent, the real guard, a journal
// the caller may keep, and a watch that spends no budget and looks at nothing.
import pino from 'pino';
import { agentSchema, type Config } from '../../config/schema.js';
import type { NightParts } from '../../core/control/night-routes.js';
import { createGuard } from '../../core/guard/create-guard.js';
import type { NewJournalEvent } from '../../core/journal/events.js';
import { newAgentRuntime, type AgentRuntime } from '../../core/watch/agent-runtime.js';

/** A Claude Code agent named `builder` working in `cwd`. */
export function hookAgent(cwd: string): AgentRuntime {
  return newAgentRuntime(agentSchema.parse({ name: 'builder', command: 'claude', cwd }), '/dev/null');
}

/** The night parts a `hookRoute` reads, around `agent`; journal events go to `journal` when given. */
export function hookNightParts(
  agent: AgentRuntime,
  runDir: string,
  journal?: (event: NewJournalEvent) => void,
): NightParts {
  return {
    config: { actuator: { dryRun: false }, timezone: 'UTC' } as Config,
    night: { id: 'n', runDir },
    agents: [agent],
    watch: {
      actuator: { spendForHook: () => undefined },
      lookAgain: () => undefined,
    } as unknown as NightParts['watch'],
    guard: createGuard(),
    journal: (event) => (journal?.(event), true),
    log: pino({ level: 'silent' }),
    now: () => new Date(),
  };
}
