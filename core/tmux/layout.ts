// Panes for agents: create (session or window) with an idle placeholder, adopt by target, pipe output, start programs.
import { chmod, mkdir, open } from 'node:fs/promises';
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
 * What `start` runs in a pane that has a pipe, before the program: `/bin/sh` asks tmux (from inside the pane, with the
 * pane's own $TMUX) to re-arm the pipe if it is closed, then execs the pane's default shell with the command, exactly as
 * tmux would have run it. The program cannot print before the pipe is checked, and nothing waits on the runner.
 * Arguments, not a quoted string, so no shell parses the paths: $1 tmux binary, $2 pane id, $3 the pipe-pane command
 * line, $4 shell, $5 command.
 */
const PIPE_GUARD = `"$1" if-shell -F -t "$2" '#{?pane_pipe,,1}' "$3"; exec "$4" -c "$5"`;

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

/** The shell command pipe-pane runs to append a pane's output to a file. */
export type PipeWriter = (file: string) => string;

/** The default writer: `cat` under `umask 077`, so a log the writer has to create is private too. */
export const catWriter: PipeWriter = (file) => `umask 077; exec cat >> ${shellQuote(file)}`;

/** The pipe-pane command for `file` (the writer's command, `#` doubled because tmux expands it as a format). */
export function pipeCommand(paneId: string, file: string, writer: PipeWriter = catWriter): TmuxCommand {
  return ['pipe-pane', '-t', paneId, escapeFormat(writer(file))];
}

/**
 * Arms plain `pipe-pane` (never `-o`, which toggles a running pipe off) and checks `#{pane_pipe}`. Returns false for a
 * dead pane, which tmux refuses to pipe; `start` arms it then.
 */
export async function armPipe(
  run: Run,
  paneId: string,
  file: string,
  writer: PipeWriter = catWriter,
): Promise<boolean> {
  const pipe = pipeCommand(paneId, file, writer);
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

/**
 * Makes the log file's directory (0700) and the file (0600) before tmux writes into it, so a bad path fails here with a
 * clear message and not silently in sh, and the log is private from its first byte.
 */
export async function preparePipeFile(file: string): Promise<string> {
  const path = resolve(file);
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const handle = await open(path, 'a', 0o600);
    await handle.close();
    await chmod(path, 0o600);
  } catch (error) {
    throw tmuxFailed(['pipe-pane'], `cannot write the pane log ${path}: ${(error as Error).message}`, error);
  }
  return path;
}

/** What `startProgram` needs besides the batch runner. */
export interface StartContext {
  readonly run: Run;
  /** absolute path of the tmux binary, run inside the pane by the pipe guard */
  readonly bin: string;
  /** the pane's pipe file, when `pipe` was called for it */
  readonly pipeFile: string | undefined;
  /** the pipe's writer command (default `catWriter`) */
  readonly writer?: PipeWriter;
}

/**
 * `respawn-pane -k -c cwd -e K=V … command`, one batch. With a pipe file the command runs behind `PIPE_GUARD`, and
 * `#{pane_pipe}` is read right after the respawn (before the guard can act): 0 means the guard re-arms the pipe.
 * Returns whether it does.
 */
export async function startProgram(
  context: StartContext,
  paneId: string,
  spec: StartSpec,
): Promise<{ rearmed: boolean }> {
  const { run, pipeFile } = context;
  const respawn = ['respawn-pane', '-k', '-t', paneId, '-c', escapeFormat(spec.cwd), ...envArgs(spec.env)];
  if (pipeFile === undefined) {
    await check(run, [[...respawn, spec.command]]);
    return { rearmed: false };
  }
  const [shell] = await check(run, [['show-options', '-gv', 'default-shell']]);
  const rearm = commandLine(pipeCommand(paneId, pipeFile, context.writer));
  const guarded = [
    ...respawn,
    '/bin/sh',
    '-c',
    PIPE_GUARD,
    'nightshift-start',
    context.bin,
    paneId,
    rearm,
    shell?.lines[0] || '/bin/sh',
    spec.command,
  ];
  const [respawned, after] = await run([guarded, ['display-message', '-p', '-t', paneId, '#{pane_pipe}']]);
  if (!respawned?.ok) throw failed(guarded, respawned);
  return { rearmed: after?.lines[0] !== '1' };
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
