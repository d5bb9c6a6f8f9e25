import { probeHost } from '../../hosts/probe.js';
import { nightshiftVersion } from '../../hosts/version.js';
import { line, type DoctorCheck } from './types.js';

/** Each host in `hosts:` (docs/hosts.md): SSH in BatchMode, nightshift and tmux there, a writable state dir. */
export const hostsCheck: DoctorCheck = {
  name: 'hosts',
  async run({ loaded }) {
    const config = loaded?.config;
    if (!config?.hosts.length) return [];
    const version = nightshiftVersion();
    const probes = await Promise.all(
      config.hosts.map((host) => probeHost(host, { socket: config.tmux.socket, version })),
    );
    return probes
      .flat()
      .map((p) =>
        line(
          'hosts',
          p.level,
          `${p.host}: ${p.detail}`,
          `hosts[${config.hosts.findIndex((h) => h.name === p.host)}]`,
        ),
      );
  },
};
