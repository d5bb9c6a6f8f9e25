// `nightshift service install|uninstall|status`: run `nightshift run` at boot as a systemd user unit (a launchd agent
// on macOS), restarted on failure, its output in the journal.
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { NightshiftError } from '../../errors.js';
import { configFrom } from '../runtime.js';
import { defineCommand, type CommandArgs, type CommandIO } from '../types.js';
import { envFile, launchdLabel, launchdLog, launchdPlist, systemdUnit, type ServiceSpec } from './units.js';

type Manager = 'systemd' | 'launchd';

/** The command that starts this very nightshift (node, its loader flags, the entry), then `run --config FILE`. */
function selfArgv(config: string): string[] {
  const entry = realpathSync(process.argv[1] ?? '');
  // keep a TypeScript loader (running from source); drop inspector and other one-off flags
  const loader = process.execArgv.flatMap((a, i, all) =>
    a === '--import' || a === '--loader' ? [a, all[i + 1]!] : /^--(import|loader)=/.test(a) ? [a] : [],
  );
  return [process.execPath, ...loader, entry, 'run', '--config', config];
}

interface Target {
  readonly manager: Manager;
  readonly spec: ServiceSpec;
  /** the file the definition is written to */
  readonly file: string;
  readonly text: string;
}

/** What `install` would write, for this config and this machine. */
async function target(args: CommandArgs, io: CommandIO): Promise<Target> {
  const loaded = await configFrom(args, io);
  if (!loaded.filepath)
    throw new NightshiftError('USAGE', 'the service needs a config file: pass --config FILE');
  const manager =
    (args.values.manager as Manager | undefined) ?? (process.platform === 'darwin' ? 'launchd' : 'systemd');
  if (manager !== 'systemd' && manager !== 'launchd')
    throw new NightshiftError('USAGE', `--manager is systemd or launchd, not ${JSON.stringify(manager)}`);
  const system = args.values.system === true;
  if (system && args.values.user === true)
    throw new NightshiftError('USAGE', 'give --user (the default) or --system, not both');
  if (system && manager === 'launchd')
    throw new NightshiftError(
      'USAGE',
      '--system is for systemd; on macOS the service is a launchd agent of your user',
    );
  const name = typeof args.values.name === 'string' ? args.values.name : 'nightshift';
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name))
    throw new NightshiftError('USAGE', `--name ${JSON.stringify(name)}: letters, digits, ".", "_" or "-"`);
  const home = io.env.HOME ?? homedir();
  const spec: ServiceSpec = {
    name,
    argv: selfArgv(loaded.filepath),
    config: loaded.filepath,
    cwd: dirname(loaded.filepath),
    path: io.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    home,
    system,
    user: userInfo().username,
  };
  if (manager === 'launchd')
    return {
      manager,
      spec,
      file: join(home, 'Library', 'LaunchAgents', `${launchdLabel(name)}.plist`),
      text: launchdPlist(spec),
    };
  const dir = system
    ? '/etc/systemd/system'
    : join(io.env.XDG_CONFIG_HOME || join(home, '.config'), 'systemd', 'user');
  return { manager, spec, file: join(dir, `${name}.service`), text: systemdUnit(spec) };
}

/** Runs a service manager command; its output goes to the user; a failure is an error that names the command. */
async function manage(io: CommandIO, argv: string[], options: { allowFail?: boolean } = {}): Promise<number> {
  const result = await execa(argv[0]!, argv.slice(1), { reject: false, all: true });
  if (result.all) io.stdout.write(`${result.all}\n`);
  if (result.failed && !options.allowFail)
    throw new NightshiftError(
      'SERVICE_FAILED',
      `\`${argv.join(' ')}\` failed (exit ${result.exitCode ?? result.signal ?? '?'}); fix what it says and run again`,
    );
  return result.exitCode ?? 1;
}

const systemctl = (t: Target, ...rest: string[]) => [
  'systemctl',
  ...(t.spec.system ? [] : ['--user']),
  ...rest,
];
const unitName = (t: Target) => `${t.spec.name}.service`;
const domain = () => `gui/${process.getuid?.() ?? 501}`;

async function install(t: Target, io: CommandIO, force: boolean): Promise<number> {
  if (existsSync(t.file) && !force)
    throw new NightshiftError(
      'USAGE',
      `${t.file} already exists (uninstall first, or --force to replace it)`,
    );
  mkdirSync(dirname(t.file), { recursive: true });
  writeFileSync(t.file, t.text);
  io.stdout.write(`wrote ${t.file}\n`);
  if (t.manager === 'launchd') {
    await manage(io, ['launchctl', 'bootout', `${domain()}/${launchdLabel(t.spec.name)}`], {
      allowFail: true,
    });
    await manage(io, ['launchctl', 'bootstrap', domain(), t.file]);
    io.stdout.write(
      `started ${launchdLabel(t.spec.name)} (at every login); its output: ${launchdLog(t.spec)}\n`,
    );
    return 0;
  }
  await manage(io, systemctl(t, 'daemon-reload'));
  await manage(io, systemctl(t, 'enable', '--now', unitName(t)));
  const journal = `journalctl ${t.spec.system ? '' : '--user '}-u ${t.spec.name} -f`;
  io.stdout.write(
    `started ${unitName(t)}; its log: ${journal}\nsecrets (SMTP_URL=…) go in ${envFile(t.spec)} (chmod 600)\n`,
  );
  if (!t.spec.system) {
    const linger = await execa('loginctl', ['show-user', t.spec.user, '--property=Linger'], {
      reject: false,
    });
    if (!/Linger=yes/.test(linger.stdout))
      io.stdout.write(
        `note: user units start at login; to start at boot without logging in: loginctl enable-linger ${t.spec.user}\n`,
      );
  }
  return 0;
}

async function uninstall(t: Target, io: CommandIO): Promise<number> {
  if (t.manager === 'launchd')
    await manage(io, ['launchctl', 'bootout', `${domain()}/${launchdLabel(t.spec.name)}`], {
      allowFail: true,
    });
  else await manage(io, systemctl(t, 'disable', '--now', unitName(t)), { allowFail: true });
  const existed = existsSync(t.file);
  rmSync(t.file, { force: true });
  if (t.manager === 'systemd') await manage(io, systemctl(t, 'daemon-reload'), { allowFail: true });
  io.stdout.write(existed ? `removed ${t.file}\n` : `${t.file} was not installed\n`);
  return 0;
}

async function status(t: Target, io: CommandIO): Promise<number> {
  io.stdout.write(`${existsSync(t.file) ? 'installed' : 'not installed'}: ${t.file}\n`);
  if (!existsSync(t.file)) return 3;
  return t.manager === 'launchd'
    ? manage(io, ['launchctl', 'print', `${domain()}/${launchdLabel(t.spec.name)}`], { allowFail: true })
    : manage(io, systemctl(t, 'status', '--no-pager', '--lines=10', unitName(t)), { allowFail: true });
}

export default defineCommand({
  name: 'service',
  summary: 'run `nightshift run` at boot: install|uninstall|status a systemd user unit (launchd on macOS)',
  usage: `Usage: nightshift service install [--dry-run] [--user | --system] [--name NAME] [--force]
       nightshift service uninstall [--user | --system] [--name NAME]
       nightshift service status [--user | --system] [--name NAME]

install writes a service that runs \`nightshift run --config <this config's absolute path>\` with
the PATH of this shell, restarts it when it fails (not when you stop it), and sends its output to
the journal (journalctl --user -u nightshift -f); then enables and starts it. Secrets come from
~/.config/nightshift/env (SMTP_URL=…), never from the unit. On macOS it is a launchd agent
(~/Library/LaunchAgents/dev.nightshift.NAME.plist, output in ~/Library/Logs/NAME.log).
Stopping or restarting the service ends the runner only: the agents keep running in tmux, and the
runner started again resumes the night.

  --dry-run        print the unit (or plist) and where it would go; change nothing
  --user           a systemd user unit (the default); starts at login, or at boot after
                   \`loginctl enable-linger $USER\`
  --system         a system unit in /etc/systemd/system running as you (needs root)
  --name NAME      the service's name (default nightshift), for several configs
  --manager M      systemd or launchd (default: launchd on macOS, systemd elsewhere)
  --force          replace an installed unit`,
  options: {
    'dry-run': { type: 'boolean' },
    user: { type: 'boolean' },
    system: { type: 'boolean' },
    name: { type: 'string' },
    manager: { type: 'string' },
    force: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(args, io) {
    const [action, ...extra] = args.positionals;
    if (!action || !['install', 'uninstall', 'status'].includes(action) || extra.length)
      throw new NightshiftError('USAGE', 'say what to do: nightshift service install|uninstall|status');
    const t = await target(args, io);
    if (args.values['dry-run']) {
      if (action !== 'install') throw new NightshiftError('USAGE', '--dry-run goes with install');
      io.stdout.write(`# ${t.file}\n${t.text}`);
      return 0;
    }
    if (action === 'install') return install(t, io, args.values.force === true);
    if (action === 'uninstall') return uninstall(t, io);
    return status(t, io);
  },
});
