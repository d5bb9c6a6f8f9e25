// doctor's hook-channel check: which agents get nightshift's hooks, and for Codex whether the person has trusted them
// yet (Codex runs a hook only then; nightshift never trusts them itself). Asking Codex is read-only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../config/schema.js';
import { endpointFile } from '../control/place.js';
import { channelOf, wireAgentHooks } from '../hooks/wiring.js';
import { line, type DoctorCheck, type DoctorLine } from './doctor/types.js';

/** One line per agent: its hook channel as a night would wire it, and for Codex whether its hooks are trusted. */
export async function hookChannelLines(
  config: Pick<Config, 'agents' | 'stateDir'>,
  o: { readonly client?: string; readonly timeoutMs?: number } = {},
): Promise<DoctorLine[]> {
  // the night writes its hook files under its run dir; doctor wires into a folder it removes
  const scratch = mkdtempSync(join(tmpdir(), 'nightshift-doctor-hooks-'));
  try {
    return await Promise.all(
      config.agents.map(async (agent, i): Promise<DoctorLine> => {
        const path = `agents[${i}]`;
        const wired = wireAgentHooks(agent, {
          dir: join(scratch, agent.name),
          endpointFile: endpointFile(config.stateDir),
          ...(o.client ? { client: o.client } : {}),
        });
        if (wired.state === 'off') return line('hooks', 'ok', `${agent.name}: off: ${wired.reason}`, path);
        // the files a night writes go under its own run dir, so the scratch paths are not named here
        if (!wired.trust)
          return line(
            'hooks',
            'ok',
            `${agent.name}: wired for each night (${channelOf(agent)?.kind ?? '?'})`,
            path,
          );
        const trust = await wired.trust(o.timeoutMs);
        if (trust.state === 'trusted')
          return line('hooks', 'ok', `${agent.name}: its hooks are trusted in Codex`, path);
        return line(
          'hooks',
          'warn',
          trust.state === 'untrusted'
            ? `${agent.name}: not trusted yet, so the screen path answers it alone. ${wired.trustStep ?? ''}`.trim()
            : `${agent.name}: could not ask Codex whether its hooks are trusted (${trust.reason}); the night will tell from the handshake`,
          path,
        );
      }),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The check as doctor runs it: skipped without a valid config (the config check says why). */
export const hooksDoctorCheck: DoctorCheck = {
  name: 'hooks',
  run: ({ loaded }) => (loaded ? hookChannelLines(loaded.config, { timeoutMs: 20_000 }) : []),
};
