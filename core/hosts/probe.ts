// What `nightshift doctor` asks of each host: SSH in BatchMode, nightshift there speaking this protocol, its tmux,
// and its state dir (the node writes its journal there as it starts). Each problem comes with its fix.
import { execa, parseCommandString } from 'execa';
import type { HostConfig } from '../../config/schema.js';
import { isSupported } from '../tmux/version.js';
import { MIN_VERSION } from '../tmux/errors.js';
import type { TmuxVersion } from '../tmux/types.js';
import { nodeCommand } from './fleet.js';
import { HostLink } from './link.js';

/** One finding about a host. */
export interface HostProbeLine {
  readonly host: string;
  readonly level: 'ok' | 'warn' | 'fail';
  readonly detail: string;
}

/** Probes one host; never throws. `sshOptions`: extra ssh words (tests). */
export async function probeHost(
  host: HostConfig,
  o: { socket: string | undefined; version: string; sshOptions?: readonly string[]; timeoutMs?: number },
): Promise<HostProbeLine[]> {
  const out: HostProbeLine[] = [];
  const say = (level: HostProbeLine['level'], detail: string) => out.push({ host: host.name, level, detail });
  const ssh = await execa(
    'ssh',
    [
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=10',
      ...(o.sshOptions ?? []),
      ...parseCommandString(host.ssh),
      'true',
    ],
    { reject: false, timeout: o.timeoutMs ?? 20_000, stdin: 'ignore' },
  );
  if (ssh.exitCode !== 0) {
    const why = String(ssh.stderr).trim().split('\n').at(-1) || `ssh exited ${ssh.exitCode ?? ssh.signal}`;
    say(
      'fail',
      `ssh ${host.ssh}: ${why}. Fix: make \`ssh -o BatchMode=yes ${host.ssh} true\` work without a prompt ` +
        `(ssh-copy-id to install your key, an ssh-agent, or a Host entry with IdentityFile in ~/.ssh/config)`,
    );
    return out;
  }
  say('ok', `ssh ${host.ssh}: reachable in BatchMode`);
  const link = new HostLink({
    host: host.name,
    ssh: host.ssh,
    remoteCommand: nodeCommand(host, o.socket),
    version: o.version,
    requestTimeoutMs: o.timeoutMs ?? 20_000,
    connectTimeoutMs: o.timeoutMs ?? 60_000,
    backoffMs: 3_600_000,
    ...(o.sshOptions ? { sshOptions: o.sshOptions } : {}),
  });
  let problem: string | undefined;
  link.onEvent((e) => {
    if (e.type === 'incompatible' || e.type === 'unreachable') problem ??= e.detail;
  });
  try {
    const state = await link.start();
    if (state !== 'up' || !link.hello) {
      say('fail', `nightshift on ${host.name}: ${problem ?? state}`);
      return out;
    }
    const hello = link.hello;
    if (hello.version !== o.version)
      say(
        'warn',
        `nightshift ${hello.version} on ${host.name}, ${o.version} here (same protocol, so it works); ` +
          `fix: \`nightshift hosts install ${host.name}\` for the same version`,
      );
    else say('ok', `nightshift ${hello.version} on ${host.name} (\`${host.nightshift}\`)`);
    say('ok', `state dir ${hello.stateDir} on ${host.name}: writable (the node journals there)`);
    try {
      const tmux = await link.request<TmuxVersion>({ op: 'tmux', method: 'version', args: [] });
      if (isSupported(tmux)) say('ok', `${tmux.text} on ${host.name}`);
      else
        say(
          'fail',
          `${tmux.text} on ${host.name} is older than ${MIN_VERSION.major}.${MIN_VERSION.minor}: install a newer tmux there`,
        );
    } catch (error) {
      say(
        'fail',
        `tmux on ${host.name}: ${error instanceof Error ? error.message : String(error)}; fix: install tmux ${MIN_VERSION.major}.${MIN_VERSION.minor} or newer there`,
      );
    }
  } finally {
    await link.close();
  }
  return out;
}
