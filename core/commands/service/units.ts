// The service definitions `nightshift service install` writes: a systemd unit, or a launchd agent on macOS.
import { join } from 'node:path';

/** What a service runs and where it is installed. */
export interface ServiceSpec {
  /** unit name without `.service` (systemd) / the last part of the launchd label */
  readonly name: string;
  /** the program and its arguments: node, the nightshift entry, `run --config <absolute path>` */
  readonly argv: readonly string[];
  /** the config's absolute path (in the description) */
  readonly config: string;
  /** the directory it runs in: the config's */
  readonly cwd: string;
  /** PATH for the service: tmux and the agents' programs must be found as in the shell that installed it */
  readonly path: string;
  /** the user's home */
  readonly home: string;
  /** a system unit (runs as `user` at boot) instead of a user unit */
  readonly system: boolean;
  readonly user: string;
}

/** The environment file a unit reads secrets from (`SMTP_URL=…`), optional. */
export const envFile = (spec: Pick<ServiceSpec, 'home'>) => join(spec.home, '.config', 'nightshift', 'env');

/** One argument as systemd's ExecStart reads it: quoted when needed, `%` and `$` escaped. */
function systemdArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%').replace(/\$/g, '$$$$');
  return /[\s"'\\;]/.test(escaped) || escaped === '' ? `"${escaped.replace(/(["\\])/g, '\\$1')}"` : escaped;
}

/** A path as a unit's path settings take it: the rest of the line, unquoted, with `%` escaped. */
const systemdPath = (path: string) => path.replace(/%/g, '%%');

/** The systemd unit: runs `nightshift run` with the config, restarts it on failure, logs to the journal. */
export function systemdUnit(spec: ServiceSpec): string {
  return [
    '[Unit]',
    `Description=nightshift: overnight supervisor for AI coding agents (${systemdPath(spec.config)})`,
    ...(spec.system ? ['Wants=network-online.target', 'After=network-online.target'] : []),
    // give up after 5 failed starts in 10 minutes (a broken config), instead of restarting forever
    'StartLimitIntervalSec=600',
    'StartLimitBurst=5',
    '',
    '[Service]',
    'Type=simple',
    ...(spec.system ? [`User=${spec.user}`] : []),
    `WorkingDirectory=${systemdPath(spec.cwd)}`,
    `Environment=${systemdArg(`PATH=${spec.path}`)}`,
    // secrets (SMTP_URL=…) stay out of the unit: in this file, mode 0600, if you need them
    `EnvironmentFile=-${systemdPath(envFile(spec))}`,
    `ExecStart=${spec.argv.map(systemdArg).join(' ')}`,
    'Restart=on-failure',
    'RestartSec=10s',
    // stop and restart end the runner only: the tmux server and the agents it started live in this unit's cgroup
    // and must survive, so a restarted runner adopts their panes and resumes the night
    'KillMode=process',
    'TimeoutStopSec=60s',
    'StandardOutput=journal',
    'StandardError=journal',
    'SyslogIdentifier=nightshift',
    '',
    '[Install]',
    `WantedBy=${spec.system ? 'multi-user.target' : 'default.target'}`,
    '',
  ].join('\n');
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The launchd label of a service. */
export const launchdLabel = (name: string) => `dev.nightshift.${name}`;

/** Where launchd's agent writes the runner's output (launchd has no journal). */
export const launchdLog = (spec: Pick<ServiceSpec, 'home' | 'name'>) =>
  join(spec.home, 'Library', 'Logs', `${spec.name}.log`);

/** The launchd agent (macOS): starts at login, restarted when it exits with a failure. */
export function launchdPlist(spec: ServiceSpec): string {
  const log = xml(launchdLog(spec));
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key><string>${xml(launchdLabel(spec.name))}</string>
  <key>ProgramArguments</key>
  <array>
${spec.argv.map((a) => `    <string>${xml(a)}</string>`).join('\n')}
  </array>
  <key>WorkingDirectory</key><string>${xml(spec.cwd)}</string>
  <key>EnvironmentVariables</key>
  <dict>
    <key>PATH</key><string>${xml(spec.path)}</string>
  </dict>
  <key>RunAtLoad</key><true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key><false/>
  </dict>
  <key>ThrottleInterval</key><integer>10</integer>
  <key>StandardOutPath</key><string>${log}</string>
  <key>StandardErrorPath</key><string>${log}</string>
</dict>
</plist>
`;
}
