// Runs one real agent under a real `nightshift night --now` on a private tmux server, watching its pane as it goes.
import { execa } from 'execa';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { readJournal } from '../../core/journal.js';
import type { JournalEvent } from '../../core/journal-events.js';
import { nightshift } from '../helpers/cli.js';
import type { AgentLaunch } from './adapters/types.js';

/** One distinct screen of the agent's pane, as `capture-pane -p` gave it, with the pane's flags. */
export interface PaneScreen {
  readonly at: number;
  readonly text: string;
  readonly cursor: { x: number; y: number; visible: boolean };
  readonly alternate: boolean;
  readonly command: string;
}

/** What a night run leaves to assert on. */
export interface NightRun {
  readonly events: readonly JournalEvent[];
  readonly screens: readonly PaneScreen[];
  readonly output: string;
  readonly exitCode: number | undefined;
}

/** How to run the night. */
export interface NightRunOptions {
  readonly name: string;
  readonly launch: AgentLaunch;
  readonly task?: string;
  readonly size: { readonly cols: number; readonly rows: number };
  /** the sandbox root: the config and the state dir go here */
  readonly root: string;
  /** nightshift's own HOME (the sandbox's, so `~` means the same to the guard as to the agent) */
  readonly home: string;
  /** the night ends once this holds (checked after each capture), or at `timeout` */
  readonly until: (run: { events: readonly JournalEvent[]; screens: readonly PaneScreen[] }) => boolean;
  readonly timeout: number;
  /** extra time the night runs after `until` holds, to catch a late second action */
  readonly settle?: number;
  readonly plugins?: readonly unknown[];
}

let counter = 0;

/** Runs the night, captures every distinct screen of the agent's pane, ends the night with SIGTERM and kills the server. */
export async function runNight(options: NightRunOptions): Promise<NightRun> {
  const socket = `ns-agents-${process.pid}-${++counter}`;
  const config = {
    timezone: 'UTC',
    stateDir: join(options.root, 'state'),
    tmux: { socket, session: 'fleet' },
    watch: { interval: '500ms' },
    agents: [
      {
        name: options.name,
        command: options.launch.command,
        profile: options.launch.profile,
        cwd: options.launch.cwd,
        env: options.launch.env,
        size: options.size,
        ...(options.task ? { task: options.task } : {}),
      },
    ],
    ...(options.plugins ? { plugins: options.plugins } : {}),
  };
  const configFile = join(options.root, 'nightshift.config.yaml');
  writeFileSync(configFile, stringify(config));
  const night = nightshift(['night', '--now', '--for', '15m', '--config', configFile], {
    cwd: options.root,
    env: { HOME: options.home, NIGHTSHIFT_LOG_LEVEL: 'info' },
  });
  const tmux = (...args: string[]) => execa('tmux', ['-L', socket, ...args], { reject: false });
  const screens: PaneScreen[] = [];
  const events = () => journalOf(join(options.root, 'state'));
  const deadline = Date.now() + options.timeout;
  let doneAt: number | undefined;
  try {
    while (Date.now() < deadline && night.exitCode === null) {
      const shot = await capture(tmux, `fleet:${options.name}`);
      if (shot && shot.text !== screens.at(-1)?.text) screens.push(shot);
      if (doneAt === undefined && options.until({ events: events(), screens })) doneAt = Date.now();
      if (doneAt !== undefined && Date.now() - doneAt >= (options.settle ?? 3000)) break;
      await sleep(250);
    }
  } finally {
    night.kill('SIGTERM');
    const ended = await Promise.race([night, sleep(30_000).then(() => undefined)]);
    if (!ended) night.kill('SIGKILL');
    await tmux('kill-server');
  }
  const result = await night;
  return { events: events(), screens, output: result.all ?? '', exitCode: result.exitCode };
}

async function capture(
  tmux: (...args: string[]) => Promise<{ stdout: string; exitCode?: number }>,
  target: string,
): Promise<PaneScreen | undefined> {
  const at = Date.now();
  const [text, flags] = await Promise.all([
    tmux('capture-pane', '-p', '-t', target),
    tmux('display-message', '-p', '-t', target, '#{cursor_x}\t#{cursor_y}\t#{cursor_flag}\t#{alternate_on}\t#{pane_current_command}'),
  ]);
  if (text.exitCode !== 0 || flags.exitCode !== 0) return undefined;
  const [x, y, visible, alternate, command] = flags.stdout.trim().split('\t');
  return {
    at,
    text: text.stdout,
    cursor: { x: Number(x), y: Number(y), visible: visible === '1' },
    alternate: alternate === '1',
    command: command ?? '',
  };
}

function journalOf(stateDir: string): JournalEvent[] {
  try {
    const nights = join(stateDir, 'nights');
    const [first] = readdirSync(nights);
    if (!first) return [];
    return [...readJournal(join(nights, first, 'events.jsonl')).events];
  } catch {
    return [];
  }
}

/** Ends the processes that still carry `home` as their HOME (Codex's app-server, Gemini's relaunch parent), by id. */
export function endLeftovers(home: string): number[] {
  const ended: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environ.includes(`HOME=${home}`)) {
        process.kill(Number(entry), 'SIGKILL');
        ended.push(Number(entry));
      }
    } catch {
      // gone already, or not ours to read
    }
  }
  return ended;
}
