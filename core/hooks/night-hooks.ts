// A night's hook channels: wire each agent before it starts, journal what was wired, and journal "hooks inactive"
// for an agent whose channel has not spoken within the handshake time (the screen path answers it alone).
import { join } from 'node:path';
import type { AgentConfig } from '../../config/schema.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import { endpointFile } from '../control/place.js';
import type { NewJournalEvent } from '../journal/events.js';
import { hookChannelLive } from './route.js';
import { wireAgentHooks, type Wired } from './wiring.js';

/** How long an agent's channel has to send its first event (a cold start, then the folder-trust dialog). */
export const HANDSHAKE_MS = 120_000;

/** Wires every agent's hooks; the returned configs start the agents. */
export function wireNight(agents: readonly AgentConfig[], o: { stateDir: string; runDir: string }): Wired[] {
  return agents.map((agent) =>
    wireAgentHooks(agent, {
      dir: join(o.runDir, 'hooks', agent.name),
      endpointFile: endpointFile(o.stateDir),
    }),
  );
}

/** Journals what was wired, and after `ms` which wired channels never spoke. */
export function watchHandshakes(
  agents: readonly AgentRuntime[],
  wired: readonly Wired[],
  o: { journal: (e: NewJournalEvent) => unknown; signal: AbortSignal; ms?: number },
): void {
  wired.forEach((w, i) =>
    o.journal({ type: 'hook-channel', agent: agents[i]!.config.name, state: w.state, reason: w.reason }),
  );
  // a channel that runs only hooks the person trusted (Codex): "off: not trusted" until the person trusts them
  const untrusted = new Set<number>();
  wired.forEach((w, i) => {
    if (w.state !== 'wired' || !w.trust) return;
    void w.trust().then((trust) => {
      const agent = agents[i]!;
      if (o.signal.aborted || trust.state === 'trusted' || hookChannelLive(agent)) return;
      if (trust.state === 'untrusted') {
        untrusted.add(i);
        o.journal({
          type: 'hook-channel',
          agent: agent.config.name,
          state: 'off',
          reason: `not trusted (${trust.keys.join(', ')}): ${w.trustStep ?? 'trust them in the agent'}`,
        });
      }
    });
  });
  const timer = setTimeout(() => {
    wired.forEach((w, i) => {
      const agent = agents[i]!;
      if (w.state === 'wired' && !untrusted.has(i) && agent.paneId && !hookChannelLive(agent))
        o.journal({
          type: 'hook-channel',
          agent: agent.config.name,
          state: 'inactive',
          reason: `no hook event within ${Math.round((o.ms ?? HANDSHAKE_MS) / 1000)} s: the screen path answers this agent`,
        });
    });
  }, o.ms ?? HANDSHAKE_MS);
  timer.unref();
  o.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}
