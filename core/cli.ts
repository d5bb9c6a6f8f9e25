#!/usr/bin/env node
// The `nightshift` entry: parses argv, lazy-loads one command, maps errors to exit codes.
import { createRequire } from 'node:module';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import { NightshiftError, formatProblems } from './errors.js';
import type { Command, CommandIO } from './commands/types.js';

/** Every command, loaded only when run. */
const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  run: () => import('./commands/run.js'),
  night: () => import('./commands/night.js'),
  demo: () => import('./commands/demo.js'),
  status: () => import('./commands/status.js'),
  answer: () => import('./commands/answer.js'),
  classify: () => import('./commands/classify.js'),
  guard: () => import('./commands/guard.js'),
  report: () => import('./commands/report.js'),
  doctor: () => import('./commands/doctor/index.js'),
  prune: () => import('./commands/prune.js'),
  tasks: () => import('./commands/tasks.js'),
  plugins: () => import('./commands/plugins.js'),
  init: () => import('./commands/init.js'),
  hook: () => import('./commands/hook.js'),
  node: () => import('./commands/node.js'),
  hosts: () => import('./commands/hosts.js'),
  http: () => import('./commands/http.js'),
  schema: () => import('./commands/schema.js'),
  logs: () => import('./commands/logs.js'),
  service: () => import('./commands/service/index.js'),
  top: () => import('./commands/top.js'),
  replay: () => import('./commands/replay.js'),
};

const SUMMARIES: Record<string, string> = {
  run: 'the daemon: schedules nights and reports from the config, runs until stopped',
  night: 'run one night now in the foreground (--now [--for 30m]), then compile and deliver its report',
  demo: 'a one-minute night of simulated agents on a private tmux server, ending in a report',
  status: "each agent's pane and state right now, and what it is parked on",
  answer: 'answer what an agent is parked on, from any terminal (AGENT CHOICE | --text | --decline)',
  classify: 'what the runner would decide for captured screens',
  guard: "the dangerous-command guard's verdict for commands",
  report: "compile (and --send) a night's report again",
  doctor: 'check tmux, the config, the state dir and SMTP',
  prune: 'apply the retention policy to the state dir now (--dry-run lists)',
  tasks: 'the night\'s task queue and each task\'s state; `tasks add "TEXT"` appends one',
  plugins: 'list the plugins a night would load, in order, with their source and options',
  init: 'write a commented starter config',
  hook: "an agent's hook (run by the agent): ask the runner about a tool call",
  node: "a host's side of a fleet, run by the controller over SSH (node --stdio, docs/hosts.md)",
  hosts: 'the hosts in the config: `hosts install NAME` installs this nightshift there over SSH',
  http: 'the status endpoint: `http link` prints a one-time link that opens the page',
  schema: "print the config's JSON Schema (for editor completion)",
  logs: "an agent's clean transcript (the report's terminal replay); --follow for live",
  service: 'run `nightshift run` at boot: install|uninstall|status a systemd user unit (launchd on macOS)',
  top: 'the fleet live (status --watch): state, for how long, last rescue, parked; attach and answer',
  replay: 'run recorded nights through the current (or given) config; show decisions that would change',
};

const COMMON: NonNullable<ParseArgsConfig['options']> = {
  config: { type: 'string', short: 'c' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'log-level': { type: 'string' },
};

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(topHelp());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr.write(`nightshift: unknown command "${name}"\n\n${topHelp()}`);
    return 2;
  }
  try {
    const command = (await load()).default;
    const parsed = parseCommandArgs(command, rest);
    if (parsed.values.help) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    return await command.run(parsed, io);
  } catch (error) {
    return reportError(error, io, name);
  }
}

function parseCommandArgs(command: Command, args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: { ...COMMON, ...command.options },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new NightshiftError('USAGE', `${message}\n\n${commandHelp(command)}`);
  }
}

/** Prints an error the way users should see it: message and problems for ours, a short line for anything else. */
function reportError(error: unknown, io: CommandIO, name: string): number {
  if (error instanceof NightshiftError) {
    io.stderr.write(`nightshift ${name}: ${error.message}\n`);
    if (error.problems.length) io.stderr.write(`${formatProblems(error.problems)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(
    `nightshift ${name}: unexpected failure: ${message}\n(run again with --log-level debug for details)\n`,
  );
  if (io.env.NIGHTSHIFT_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  return 1;
}

function topHelp(): string {
  const width = Math.max(...Object.keys(SUMMARIES).map((n) => n.length));
  const lines = Object.entries(SUMMARIES).map(([n, s]) => `  ${n.padEnd(width)}  ${s}`);
  return [
    `nightshift ${version()}: an overnight supervisor for AI coding agents in tmux panes`,
    '',
    'Usage: nightshift <command> [flags]',
    '',
    'Commands:',
    ...lines,
    '',
    'Common flags: --config FILE, --json, --log-level LEVEL, --help, --version',
    'Exit codes: 0 ok, 1 runtime failure, 2 bad usage or bad config',
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return `${command.usage.trimEnd()}\n\nCommon flags: --config FILE, --json, --log-level LEVEL, --help\n`;
}

/** The package version, read from package.json next to the build. */
export function version(): string {
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}

function isEntry(): boolean {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? '')).href;
  } catch {
    return false;
  }
}

if (isEntry()) {
  const io: CommandIO = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
  const code = await main(process.argv.slice(2), io);
  process.exitCode = code;
  // The command is over: whatever handle is still open (a timer, a socket, a file watcher) must not keep
  // the process alive, or a service manager would never see a failed start. Unref'd: a clean exit is not delayed.
  setTimeout(() => process.exit(code), 2000).unref();
}
