// Panes for agents: create (session or window) with an idle placeholder, adopt by target, pipe output, start programs.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CommandResult } from './channel.js';
import { tmuxFailed } from './errors.js';
import { commandLine, escapeFormat, shellQuote, type TmuxCommand } from './quote.js';
import type { StartSpec } from './types.js';

/** Runs a batch; the connection in production. */
export type Run = (commands: readonly TmuxCommand[]) => Promise<CommandResult[]>;

/** Where and how big a new agent pane is. */
export interface PaneSpec {
  readonly session: string;
  readonly window: string;
  readonly cwd: string;
  readonly cols: number;
  readonly rows: number;
}

/** What a new pane runs until `start`: silent and idle, so the pipe can be armed before the agent prints a byte. */
export const PLACEHOLDER = 'sleep 2147483647';

/**
 * The gate `start` puts in front of a program whose pane has a pipe: `/bin/sh` waits on a tmux `wait-for` channel,
 * then execs the pane's default shell with the command, exactly as tmux would have run it. Arguments, not a quoted
 * string, so no shell ever parses the paths: $1 tmux binary, $2 channel, $3 shell, $4 command.
 */
const GATE_SCRIPT = '"$1" wait-for "$2"; exec "$3" -c "$4"';

/** Creates the session if missing (sized by -x/-y), else a window named after the agent; returns the new pane id. */
export async function createPane(run: Run, spec: PaneSpec, onSessionCreated: () => void): Promise<string> {
  let paneId: string | undefined;
  const [exists] = await run([['has-session', '-t', `=${spec.session}`]]);
  if (!exists?.ok) {
    const command = [
      'new-session',
      '-d',
      '-s',
      spec.session,
      '-x',
      `${spec.cols}`,
      '-y',
      `${spec.rows}`,
      ...newPaneArgs(spec),
    ];
    const [created] = await run([command]);
    if (created?.ok) {
      paneId = created.lines[0];
      onSessionCreated();
    } else if (!/duplicate session/.test(created?.lines.join(' ') ?? '')) throw failed(command, created);
  }
  if (!paneId) {
    const command = ['new-window', '-d', '-t', `=${spec.session}:`, ...newPaneArgs(spec)];
    const [created] = await run([command]);
    if (!created?.ok) throw failed(command, created);
    paneId = created.lines[0];
  }
  if (!paneId) throw tmuxFailed(['new-window'], 'tmux did not print the new pane id');
  // resize-window also sets window-size to manual, so the pane keeps the size asked for until someone resizes it
  await check(run, [
    ['set-option', '-w', '-t', paneId, 'remain-on-exit', 'on'],
    ['resize-window', '-t', paneId, '-x', `${spec.cols}`, '-y', `${spec.rows}`],
  ]);
  return paneId;
}

/** The flags new-session and new-window share, ending with the placeholder command (flags after it would be its args). */
function newPaneArgs(spec: PaneSpec): string[] {
  return [
    '-n',
    escapeFormat(spec.window),
    '-c',
    escapeFormat(spec.cwd),
    '-P',
    '-F',
    '#{pane_id}',
    PLACEHOLDER,
  ];
}

/**
 * Resolves a target to a pane id. `display-message` alone would answer with the current pane for a window that does not
 * exist, so `list-panes` on the same target checks it first.
 */
export async function resolveTarget(run: Run, target: string): Promise<string | undefined> {
  const [exists, shown] = await run([
    ['list-panes', '-t', target, '-F', '#{pane_id}'],
    ['display-message', '-p', '-t', target, '#{pane_id}'],
  ]);
  const paneId = exists?.ok && shown?.ok ? shown.lines[0] : undefined;
  return paneId?.startsWith('%') ? paneId : undefined;
}

/** The pipe-pane command for `file`: `cat >> 'file'`, shell-quoted, then `#` doubled because tmux expands it as a format. */
export function pipeCommand(paneId: string, file: string): TmuxCommand {
  return ['pipe-pane', '-t', paneId, escapeFormat(`cat >> ${shellQuote(file)}`)];
}

/**
 * Arms plain `pipe-pane` (never `-o`, which toggles a running pipe off) and checks `#{pane_pipe}`. Returns false for a
 * dead pane, which tmux refuses to pipe; `start` arms it then.
 */
export async function armPipe(run: Run, paneId: string, file: string): Promise<boolean> {
  const pipe = pipeCommand(paneId, file);
  const [piped, state] = await run([
    pipe,
    ['display-message', '-p', '-t', paneId, '#{pane_dead} #{pane_pipe}'],
  ]);
  if (!state?.ok) throw failed(pipe, state);
  const [dead, open] = (state.lines[0] ?? '').split(' ');
  if (dead === '1') return false;
  if (!piped?.ok) throw failed(pipe, piped);
  if (open !== '1') throw tmuxFailed(pipe, `the pipe did not start; check that ${file} is writable`);
  return true;
}

/** Makes the log file's directory and the file, so a bad path fails here with a clear message and not silently in sh. */
export async function preparePipeFile(file: string): Promise<string> {
  const path = resolve(file);
  try {
    await mkdir(dirname(path), { recursive: true });
    await appendFile(path, '');
  } catch (error) {
    throw tmuxFailed(['pipe-pane'], `cannot write the pane log ${path}: ${(error as Error).message}`, error);
  }
  return path;
}

/** What `startProgram` needs besides the batch runner. */
export interface StartContext {
  readonly run: Run;
  /** absolute path of the tmux binary, run inside the pane by the gate */
  readonly bin: string;
  /** the pane's pipe file, when `pipe` was called for it */
  readonly pipeFile: string | undefined;
  /** a unique wait-for channel name */
  readonly channel: string;
}

/**
 * `respawn-pane -k -c cwd -e K=V … command`. With a pipe file, one batch: respawn behind the gate, re-arm the pipe if
 * the respawn closed it (`if-shell -F`, before anything runs), read `#{pane_pipe}` around it, open the gate. Returns
 * whether the pipe had to be re-armed.
 */
export async function startProgram(
  context: StartContext,
  paneId: string,
  spec: StartSpec,
): Promise<{ rearmed: boolean }> {
  const { run, pipeFile, channel } = context;
  const respawn = ['respawn-pane', '-k', '-t', paneId, '-c', escapeFormat(spec.cwd), ...envArgs(spec.env)];
  if (pipeFile === undefined) {
    await check(run, [[...respawn, spec.command]]);
    return { rearmed: false };
  }
  const [shell] = await check(run, [['show-options', '-gv', 'default-shell']]);
  const gated = [
    ...respawn,
    '/bin/sh',
    '-c',
    GATE_SCRIPT,
    'nightshift-gate',
    context.bin,
    channel,
    shell?.lines[0] || '/bin/sh',
    spec.command,
  ];
  const pipeState = ['display-message', '-p', '-t', paneId, '#{pane_pipe}'];
  const rearm = [
    'if-shell',
    '-F',
    '-t',
    paneId,
    '#{?pane_pipe,,1}',
    commandLine(pipeCommand(paneId, pipeFile)),
  ];
  const [respawned, before, , after] = await run([
    gated,
    pipeState,
    rearm,
    pipeState,
    ['wait-for', '-S', channel],
  ]);
  if (!respawned?.ok) throw failed(gated, respawned);
  if (after?.lines[0] !== '1')
    throw tmuxFailed(rearm, `the program started, but its pipe into ${pipeFile} is not running`);
  return { rearmed: before?.lines[0] !== '1' };
}

function envArgs(env: StartSpec['env']): string[] {
  return Object.entries(env ?? {}).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
}

/** Runs a batch and throws TMUX_FAILED for the first command tmux refused. */
export async function check(run: Run, commands: readonly TmuxCommand[]): Promise<CommandResult[]> {
  const results = await run(commands);
  results.forEach((r, i) => {
    if (!r.ok) throw failed(commands[i]!, r);
  });
  return results;
}

function failed(command: TmuxCommand, result: CommandResult | undefined): Error {
  return tmuxFailed(command, result?.lines.join(' ') ?? 'no answer');
}
