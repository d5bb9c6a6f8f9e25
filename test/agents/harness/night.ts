// A real nightshift night around one agent: a config file in the sandbox, `nightshift night --now` as its own
// process (the built CLI, as users run it), the default plugins with short timers, stopped with SIGTERM.
import { execa, type ResultPromise } from 'execa';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { stringify } from 'yaml';
import { readJournal } from '../../../core/journal/journal.js';
import { killTmuxServer } from '../../helpers/tmux-server.js';
import type { JournalEvent } from '../../../core/journal/events.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const builtCli = join(root, 'dist', 'cli.js');

/** The agent as the night's config declares it. */
export interface NightAgent {
  readonly name: string;
  readonly command: string;
  readonly resume: string;
  readonly profile: string;
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** typed by kickoff; none when the night has a queue */
  readonly task?: string;
  readonly size: { cols: number; rows: number };
  /** the agent's hook channel (config `hooks`) */
  readonly hooks: boolean;
}

/** Timers of the default plugins, shortened so a scenario sees nudges, idle checks and restarts in seconds. */
export interface NightTimers {
  /** idle check and nudge after this long without change (default 6s) */
  readonly idle?: string;
  /** restart delay (default 1s) */
  readonly restart?: string;
  /** the `parked` plugin's options (default: its own) */
  readonly parked?: Readonly<Record<string, string>>;
}

/** The night's work as a queue: the config's `queue` and `tasks` (see docs/queue.md). */
export interface NightQueue {
  readonly queue: Readonly<Record<string, unknown>>;
  readonly tasks: readonly Readonly<Record<string, unknown>>[];
}

/** A running night. */
export interface BenchNight {
  readonly socket: string;
  readonly session: string;
  readonly configFile: string;
  /** the journal so far */
  events(): JournalEvent[];
  /** the night's markdown report, once written (after `stop`) */
  report(): string | undefined;
  /** the night process has ended (by itself: a config it refused, a crash) */
  exited(): boolean;
  /** everything the agent's pane printed, as the night's pipe-pane log holds it, escape sequences removed */
  output(): string;
  /** ends the night (SIGTERM), waits for its report, and kills its tmux server */
  stop(): Promise<{ exitCode: number | undefined; output: string }>;
}

let count = 0;

/** The default plugin set, by name, with the timers shortened. */
function plugins(timers: NightTimers): unknown[] {
  const idle = timers.idle ?? '6s';
  return [
    'exited',
    { name: 'idle', options: { after: idle } },
    'prompt',
    'error',
    'usage-limit',
    'rules',
    'kickoff',
    'auto-confirm',
    { name: 'parked', options: timers.parked ?? {} },
    'dangerous',
    { name: 'nudge', options: { after: idle } },
    { name: 'restart', options: { delay: timers.restart ?? '1s' } },
    'wait-for-reset',
    'escalate',
    'markdown-report',
  ];
}

/** The command line that runs the CLI: the built one, or the source through tsx when NIGHTSHIFT_BENCH_CLI=source. */
function cliCommand(): string[] {
  if (process.env.NIGHTSHIFT_BENCH_CLI !== 'source' && existsSync(builtCli)) return [builtCli];
  return ['--import', join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs'), join(root, 'core', 'cli.ts')];
}

/**
 * The CI markers taken out of the night's environment, and so out of its tmux server's and its agents':
 * Gemini CLI reads CI=true or GITHUB_ACTIONS=true as "no terminal" and exits asking for --prompt, so on a CI
 * runner the bench would test a headless Gemini nobody runs at night.
 */
const NOT_IN_CI = { CI: undefined, GITHUB_ACTIONS: undefined, CONTINUOUS_INTEGRATION: undefined } as const;

/** Writes the config into `dir` and starts `nightshift night --now --for 20m` there. */
export function startNight(
  dir: string,
  agent: NightAgent,
  timezone: string,
  timers: NightTimers = {},
  work?: NightQueue,
): BenchNight {
  const socket = `ns-bench-${process.pid}-${++count}`;
  const session = 'bench';
  const stateDir = join(dir, 'state');
  const configFile = join(dir, 'nightshift.config.yaml');
  writeFileSync(
    configFile,
    stringify({
      timezone,
      stateDir,
      tmux: { socket, session },
      agents: [agent],
      plugins: plugins(timers),
      ...work,
    }),
  );
  const child: ResultPromise<{ reject: false; all: true }> = execa(
    process.execPath,
    [...cliCommand(), 'night', '--now', '--for', '20m', '--config', configFile],
    {
      cwd: dir,
      reject: false,
      all: true,
      env: { TMUX: undefined, TMUX_PANE: undefined, ...NOT_IN_CI },
      // SIGTERM ends the night with its report, which takes seconds on a loaded machine: execa's own SIGKILL five
      // seconds after a SIGTERM killed it before the report was written (`stop` has its own, longer, limit)
      forceKillAfterDelay: false,
    },
  ) as ResultPromise<{ reject: false; all: true }>;
  let ended = false;
  void child.finally(() => (ended = true));
  const nightFile = (name: string) => {
    const nights = join(stateDir, 'nights');
    const id = existsSync(nights) ? readdirSync(nights)[0] : undefined;
    return id ? join(nights, id, name) : undefined;
  };
  const journalFile = () => nightFile('events.jsonl');
  return {
    socket,
    session,
    configFile,
    exited: () => ended,
    output() {
      const file = journalFile();
      const logs = file ? join(dirname(file), 'logs') : undefined;
      if (!logs || !existsSync(logs)) return '';
      return readdirSync(logs)
        .map((name) => plainText(readFileSync(join(logs, name), 'utf8')))
        .join('\n');
    },
    events() {
      const file = journalFile();
      if (!file || !existsSync(file)) return [];
      try {
        return readJournal(file).events;
      } catch {
        return [];
      }
    },
    report() {
      const file = nightFile('report.md');
      return file && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const result = await child;
      clearTimeout(timer);
      await killTmuxServer(socket);
      return { exitCode: result.exitCode, output: result.all ?? '' };
    },
  };
}

/**
 * Terminal output as plain text: a cursor move (forward, to a column, to a row and column, up or down) is a space,
 * other escape sequences go, runs of spaces are one. A witness that a screen was drawn, also when it came and went
 * between two looks of the pane watcher. A renderer that draws only the cells that changed (Claude Code) skips the
 * spaces a frame shares with the one before by moving the cursor over them.
 */
export function plainText(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const moves = /\x1b\[[\d;]*[A-Hf`]/g;
  return stripVTControlCharacters(raw.replace(moves, ' ')).replace(/[ \t]+/g, ' ');
}
