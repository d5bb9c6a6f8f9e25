// createTmux: the Tmux port over a connection (control mode first, processes as the fallback).
import { captureCommands, parseCaptures } from './capture.js';
import { createConnection } from './connection.js';
import { isConnectionLost, isNoServer, tmuxFailed } from './errors.js';
import { PANE_FORMAT, parsePaneLines, toPaneInfo } from './format.js';
import { invocationFor } from './invocation.js';
import { isKeyName, sendKeysCommand, sendTextCommand } from './keys.js';
import { armPipe, check, createPane, preparePipeFile, resolveTarget, startProgram } from './layout.js';
import type { TmuxCommand } from './quote.js';
import type { TmuxClient, TmuxOptions } from './types.js';
import { readVersion } from './version.js';
import { endProcesses, endTrees, treesOf } from './process-tree.js';

const DEFAULT_TIMEOUT_MS = 5000;

/** Creates a tmux client for one server. Nothing runs until the first call; the control client attaches lazily. */
export function createTmux(options: TmuxOptions = {}): TmuxClient {
  const invocation = invocationFor(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const connection = createConnection({ invocation, control: options.control ?? true, timeoutMs });
  const run = (commands: readonly TmuxCommand[]) => connection.run(commands);
  /** Runs a batch that only reads: asked again once if the control connection went away under it. */
  const read = (commands: readonly TmuxCommand[]) =>
    run(commands).catch((error: unknown) => {
      if (isConnectionLost(error)) return run(commands);
      throw error;
    });
  /** pipe files by pane id, for `start` to keep (or re-arm) the pipe; forgotten with the server */
  const pipes = new Map<string, string>();
  connection.onEvent((event) => {
    if (event.type === 'server-lost') pipes.clear();
  });

  /** The process tree of a pane whose program is alive (a dead pane's pid may belong to someone else by now). */
  async function paneTree(paneId: string): Promise<{ roots: number[]; tree: number[] }> {
    const [shown] = await read([['display-message', '-p', '-t', paneId, '#{pane_pid} #{pane_dead}']]).catch(
      () => [],
    );
    const roots = livePids(shown?.ok ? shown.lines : []);
    return { roots, tree: await treesOf(roots) };
  }

  /** Runs one command; its output lines, or TMUX_FAILED with tmux's message. */
  async function one(command: TmuxCommand): Promise<string[]> {
    const [result] = await check(run, [command]);
    return result?.lines ?? [];
  }

  /** Runs one command for a yes/no question; a refusal (or no server) is `false`. */
  async function ok(command: TmuxCommand): Promise<boolean> {
    const [result] = await read([command]);
    return result?.ok ?? false;
  }

  return {
    socket: options.socket,
    version: () => readVersion(invocation),
    serverRunning: () => ok(['list-sessions', '-F', '#{session_id}']),
    hasSession: (session) => ok(['has-session', '-t', `=${session}`]),

    async listPanes(session) {
      const command =
        session === undefined
          ? ['list-panes', '-a', '-F', PANE_FORMAT]
          : ['list-panes', '-s', '-t', `=${session}:`, '-F', PANE_FORMAT];
      const [result] = await read([command]);
      if (!result?.ok) return [];
      return [...parsePaneLines(result.lines).values()].map(toPaneInfo);
    },

    async createPane(spec) {
      const paneId = await createPane(run, spec, () => connection.sessionCreated());
      pipes.delete(paneId);
      return paneId;
    },

    resolveTarget: (target) => resolveTarget(read, target),

    async start(paneId, spec) {
      const before = await paneTree(paneId);
      const pipeFile = pipes.get(paneId);
      const context = { run, bin: invocation.bin, pipeFile, writer: options.pipeWriter };
      const { rearmed } = await startProgram(context, paneId, spec);
      if (rearmed && pipeFile) connection.emit({ type: 'pipe-rearmed', paneId, file: pipeFile });
      // respawn-pane -k hung up the old program; whatever of its tree survived goes now (never the new program)
      const [now] = await read([['display-message', '-p', '-t', paneId, '#{pane_pid}']]);
      const fresh = Number(now?.lines[0]);
      await endProcesses(before.tree.filter((pid) => pid !== fresh));
    },

    async pipe(paneId, file) {
      const path = await preparePipeFile(file);
      pipes.set(paneId, path);
      await armPipe(run, paneId, path, options.pipeWriter);
    },

    async capture(paneIds) {
      if (paneIds.length === 0) return new Map();
      const results = await read(captureCommands(paneIds));
      const listed = results[0];
      if (listed && !listed.ok && isNoServer(listed.lines.join(' ')))
        throw tmuxFailed(['list-panes'], listed.lines.join(' '));
      return parseCaptures(paneIds, results);
    },

    async sendText(paneId, text) {
      if (text !== '') await one(sendTextCommand(paneId, text));
    },

    async sendKeys(paneId, keys) {
      const unknown = keys.filter((k) => !isKeyName(k));
      if (unknown.length) {
        const list = unknown.map((k) => JSON.stringify(k)).join(', ');
        throw tmuxFailed(
          ['send-keys', '-t', paneId],
          `not key names: ${list}; use Enter, Escape, Tab, Up, C-c… (see KEY_NAMES), or sendText for literal text`,
        );
      }
      if (keys.length) await one(sendKeysCommand(paneId, keys));
    },

    async unpipe(paneId) {
      pipes.delete(paneId);
      await connection.quietly(() => one(['pipe-pane', '-t', paneId]));
    },

    async killPane(paneId) {
      const { roots, tree } = await paneTree(paneId);
      try {
        await connection.quietly(() => one(['kill-pane', '-t', paneId]));
      } finally {
        // killing the last pane ends the server (exit-empty), which may answer with %exit instead of a reply: the
        // command then fails, yet the program's tree, listed before, still has to end (its parts ignore SIGHUP)
        pipes.delete(paneId);
        await endTrees(roots, tree);
      }
    },

    async killServer() {
      const panes = await read([['list-panes', '-a', '-F', '#{pane_pid} #{pane_dead}']]).catch(() => []);
      const roots = livePids(panes[0]?.ok ? panes[0].lines : []);
      const tree = await treesOf(roots);
      const result = await connection.killServer();
      await endTrees(roots, tree);
      pipes.clear();
      if (!result.ok && !isNoServer(result.lines.join(' ')))
        throw tmuxFailed(['kill-server'], result.lines.join(' '));
    },

    close: () => connection.close(),
    onEvent: (listener) => connection.onEvent(listener),
    command: (args) => one(args),
    transport: () => connection.transport(),
  };
}

/** Pids from `#{pane_pid} #{pane_dead}` lines, for panes whose program is still running. */
function livePids(lines: readonly string[]): number[] {
  return lines.flatMap((line) => {
    const [pid, dead] = line.split(' ');
    return dead === '0' && Number(pid) > 1 ? [Number(pid)] : [];
  });
}
