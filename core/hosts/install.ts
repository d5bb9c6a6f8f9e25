// `nightshift hosts install NAME`: the same nightshift on a host, installed over SSH with that host's npm, where
// `hosts[].nightshift` says to run it. A host that already answers with this version is left alone.
import { execa, parseCommandString } from 'execa';
import type { HostConfig } from '../../config/schema.js';
import { NightshiftError } from '../errors.js';
import { probeHost, type HostProbeLine } from './probe.js';

/** What an install did: `already` when the host had this version, `installed` after npm ran and the probe agreed. */
export interface InstallOutcome {
  readonly result: 'already' | 'installed';
  /** the npm command line run on the host (absent when nothing was run) */
  readonly command?: string;
  /** the probe after the install (or the one that found it installed) */
  readonly probe: readonly HostProbeLine[];
}

/** How to install. */
export interface InstallOptions {
  readonly version: string;
  /** the config's tmux socket (the probe asks the node for its tmux) */
  readonly socket: string | undefined;
  /** what npm installs (default `nightshift@<version>`): a registry spec, a tarball path on the host, a git URL */
  readonly packageSpec?: string;
  /** npm's output as it comes */
  readonly progress?: (chunk: string) => void;
  readonly timeoutMs?: number;
}

/** The npm command line for `host`: `--prefix` when `hosts[].nightshift` is a path ending in `/bin/nightshift`. */
export function installCommand(host: HostConfig, spec: string): string {
  const words = ['npm', 'install', '--global', '--no-audit', '--no-fund'];
  const program = host.nightshift.trim();
  if (program !== 'nightshift') {
    const prefix = /^(~|\/)[\w@%+=:,./~-]*\/bin\/nightshift$/.exec(program)
      ? program.slice(0, -'/bin/nightshift'.length)
      : undefined;
    if (prefix === undefined)
      throw new NightshiftError(
        'CONFIG_INVALID',
        `hosts[].nightshift of ${host.name} is \`${program}\`, not \`nightshift\` or a path ending in /bin/nightshift: ` +
          `install nightshift there by hand, or point hosts[].nightshift at where npm should put it (~/.local/bin/nightshift)`,
      );
    words.push('--prefix', remotePath(prefix || '/'));
  }
  words.push(quote(spec));
  // npm missing is exit 127 with a line saying so, before anything is changed
  return `command -v npm >/dev/null || { echo "npm is not installed" >&2; exit 127; }; ${words.join(' ')}`;
}

/** Installs nightshift on `host` unless it already answers with this version; throws a NightshiftError with the fix. */
export async function installOnHost(host: HostConfig, o: InstallOptions): Promise<InstallOutcome> {
  const probeOptions = { socket: o.socket, version: o.version };
  const before = await probeHost(host, probeOptions);
  const sshFailed = before.find((l) => l.level === 'fail' && l.detail.startsWith(`ssh `));
  if (sshFailed) throw new NightshiftError('HOST_UNREACHABLE', sshFailed.detail);
  if (hasThisVersion(before, host, o.version)) return { result: 'already', probe: before };

  const command = installCommand(host, o.packageSpec ?? `nightshift@${o.version}`);
  const run = execa(
    'ssh',
    ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', ...parseCommandString(host.ssh), '--', command],
    { reject: false, all: true, stdin: 'ignore', timeout: o.timeoutMs ?? 600_000 },
  );
  run.all?.on('data', (c: Buffer) => o.progress?.(c.toString()));
  const done = await run;
  if (done.exitCode !== 0) {
    const last =
      String(done.all ?? '')
        .trim()
        .split('\n')
        .at(-1) ?? '';
    throw new NightshiftError(
      'HOST_INSTALL_FAILED',
      done.exitCode === 127
        ? `npm is not installed on ${host.name}: install Node.js 20 or newer there (it brings npm), then run this again`
        : `\`${command}\` failed on ${host.name} (exit ${done.exitCode ?? done.signal}): ${last || 'no message'}; ` +
            `fix what npm says, or install by hand there: npm install -g nightshift@${o.version}`,
    );
  }
  const after = await probeHost(host, probeOptions);
  if (!hasThisVersion(after, host, o.version)) {
    const why = after.find((l) => l.level !== 'ok')?.detail ?? 'no answer';
    throw new NightshiftError(
      'HOST_INSTALL_FAILED',
      `npm installed on ${host.name}, but \`${host.nightshift}\` there still does not answer as nightshift ${o.version}: ${why}. ` +
        `Fix: set hosts[].nightshift to where npm put it (\`npm prefix -g\` on ${host.name}, then /bin/nightshift)`,
    );
  }
  return { result: 'installed', command, probe: after };
}

/** True when the probe reached a node of exactly this version. */
function hasThisVersion(probe: readonly HostProbeLine[], host: HostConfig, version: string): boolean {
  return probe.some((l) => l.level === 'ok' && l.detail.startsWith(`nightshift ${version} on ${host.name} `));
}

/** A path for the host's shell: `~/x` becomes `"$HOME"/'x'` so the remote home is used, anything else is quoted. */
function remotePath(path: string): string {
  if (path === '~') return '"$HOME"';
  if (path.startsWith('~/')) return `"$HOME"/${quote(path.slice(2))}`;
  return quote(path);
}

/** One word for a POSIX shell, single-quoted unless plain. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
