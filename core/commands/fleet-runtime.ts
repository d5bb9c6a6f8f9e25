// Agents on other hosts: the fleet behind the runtime's Tmux, connected before the night starts (docs/hosts.md).
import type { LoadedConfig } from '../../config/load.js';
import { openFleet, type NightHosts } from '../hosts/fleet.js';
import { nightshiftVersion } from '../hosts/version.js';
import type { Tmux } from '../tmux/types.js';

/** The runtime's Tmux and hosts: this machine's tmux alone when no agent names a host. */
export async function fleetRuntime(
  loaded: LoadedConfig,
  local: Tmux,
): Promise<{ loaded: LoadedConfig; tmux: Tmux; hosts?: NightHosts }> {
  const { config } = loaded;
  if (!config.agents.some((a) => a.host)) return { loaded, tmux: local };
  // hooks do not cross SSH: an agent on another host is answered on its screen
  const agents = config.agents.map((a) => (a.host ? { ...a, hooks: false } : a));
  const fleet = openFleet({
    local,
    hosts: config.hosts,
    agents,
    socket: config.tmux.socket,
    version: nightshiftVersion(),
  });
  await fleet.start();
  return { loaded: { ...loaded, config: { ...config, agents } }, tmux: fleet.tmux, hosts: fleet.hosts };
}
