// Picks the transport for each batch: the control client while one is attached, else one process per command.
// Attaches lazily, reconnects after a loss, and reports losses as events.
import { NightshiftError } from '../errors.js';
import type { CommandChannel, CommandResult } from './channel.js';
import { connectControlClient, type ControlClient } from './control-client.js';
import { isNoServer } from './errors.js';
import type { Invocation } from './invocation.js';
import { createProcessClient, runOnce } from './process-client.js';
import type { TmuxCommand } from './quote.js';
import type { TmuxEvent, Transport } from './types.js';

/**
 * Commands that run other commands: over control mode each of those gets its own `%begin` block with our flags, so
 * one line would no longer be one answer. Batches holding one go through processes.
 */
const NESTING = new Set([
  'if-shell',
  'if',
  'run-shell',
  'run',
  'source-file',
  'source',
  'confirm-before',
  'confirm',
  'command-prompt',
  'display-menu',
  'menu',
  'display-popup',
  'popup',
]);

/** After a failed attach (no server, no session yet), commands use processes for this long before trying again. */
const RETRY_MS = 1000;

/** The transports behind one `Tmux`. */
export interface Connection extends CommandChannel {
  /** the path the next batch takes */
  transport(): Transport;
  /** a session was just created: try to attach on the next batch instead of waiting out the retry pause */
  sessionCreated(): void;
  /** detaches the control client; a later batch attaches again */
  close(): Promise<void>;
  /**
   * Runs `work`, a change of ours that may end the server (killing the last pane ends the last session): losses seen
   * meanwhile are not reported, and one probe afterwards learns whether the server is still there.
   */
  quietly<T>(work: () => Promise<T>): Promise<T>;
  /** detaches, then `kill-server` by process; an intended stop is not reported as a loss */
  killServer(): Promise<CommandResult>;
  /** subscribes to events; returns the unsubscribe */
  onEvent(listener: (event: TmuxEvent) => void): () => void;
  /** reports an event to the listeners (a listener that throws is ignored) */
  emit(event: TmuxEvent): void;
}

/** Options of `createConnection`. */
export interface ConnectionOptions {
  readonly invocation: Invocation;
  /** use control mode when possible */
  readonly control: boolean;
  readonly timeoutMs: number;
}

/**
 * Creates the connection. A control client can only attach to an existing session, so while there is no server or no
 * session (nightshift starting first) batches go through processes, and the first batch after a session exists attaches.
 */
export function createConnection(options: ConnectionOptions): Connection {
  const { invocation, timeoutMs } = options;
  const processes = createProcessClient(invocation, timeoutMs);
  const listeners = new Set<(event: TmuxEvent) => void>();
  let client: ControlClient | undefined;
  let connecting: Promise<ControlClient | undefined> | undefined;
  let retryAt = 0;
  /** the last thing learnt about the server: a loss is reported only for a server that was seen answering */
  let serverUp = false;
  /** how many `quietly` changes are under way */
  let quiet = 0;

  function emit(event: TmuxEvent): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // a listener's failure is its own
      }
    }
  }

  /** Learns from answers whether the server is there; reports the moment it goes. */
  function observe(results: readonly CommandResult[]): void {
    const gone = results.find((r) => !r.ok && isNoServer(r.lines.join(' ')));
    if (gone) {
      if (serverUp && quiet === 0) emit({ type: 'server-lost', detail: gone.lines.join(' ') });
      serverUp = false;
    } else if (results.length) serverUp = true;
  }

  function onLost(reason: string): void {
    client = undefined;
    if (quiet === 0) emit({ type: 'control-lost', reason });
    // was it the server or only our client? one process tells
    runOnce(invocation, ['list-sessions', '-F', '#{session_name}'], timeoutMs).then(
      (probe) => observe([probe]),
      () => undefined,
    );
  }

  async function attach(): Promise<ControlClient | undefined> {
    const probe = await runOnce(invocation, ['list-sessions', '-F', '#{session_name}'], timeoutMs);
    observe([probe]);
    const session = probe.ok ? probe.lines.find((l) => l !== '') : undefined;
    if (session === undefined) {
      retryAt = Date.now() + RETRY_MS;
      return undefined;
    }
    try {
      const attached = await connectControlClient({ invocation, session, timeoutMs, onLost });
      client = attached;
      retryAt = 0;
      emit({ type: 'control-connected', session });
      return attached;
    } catch (error) {
      if (error instanceof NightshiftError && error.code === 'TMUX_MISSING') throw error;
      retryAt = Date.now() + RETRY_MS;
      return undefined;
    }
  }

  async function controlClient(): Promise<ControlClient | undefined> {
    if (!options.control) return undefined;
    if (client?.alive) return client;
    if (connecting) return connecting;
    if (Date.now() < retryAt) return undefined;
    connecting = attach().finally(() => (connecting = undefined));
    return connecting;
  }

  async function close(): Promise<void> {
    await connecting?.catch(() => undefined);
    const current = client;
    client = undefined;
    retryAt = 0;
    await current?.close();
  }

  return {
    async run(commands: readonly TmuxCommand[]) {
      const control = commands.some((c) => NESTING.has(c[0] ?? '')) ? undefined : await controlClient();
      // alive is checked in the same turn as the write: a client lost while we waited never takes the batch
      const results = control?.alive ? await control.run(commands) : await processes.run(commands);
      observe(results);
      return results;
    },
    transport: () => (client?.alive ? 'control' : 'process'),
    sessionCreated() {
      retryAt = 0;
    },
    close,
    async quietly(work) {
      quiet++;
      try {
        return await work();
      } finally {
        const probe = await runOnce(invocation, ['list-sessions', '-F', '#{session_name}'], timeoutMs).catch(
          () => undefined,
        );
        // no sessions left: the server is on its way out (exit-empty)
        if (probe) serverUp = probe.ok && probe.lines.length > 0;
        quiet--;
      }
    },
    async killServer() {
      await close();
      serverUp = false;
      return runOnce(invocation, ['kill-server'], timeoutMs);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
  };
}
