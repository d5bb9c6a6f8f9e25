// One persistent `tmux -C` client: commands pipelined over stdin, answers matched to them in order.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { NightshiftError } from '../errors.js';
import type { CommandChannel, CommandResult } from './channel.js';
import { ControlParser, type ControlMessage } from './control-parser.js';
import { connectionLost, tmuxFailed, tmuxMissing, tmuxTimeout } from './errors.js';
import type { Invocation } from './invocation.js';
import { commandLine, type TmuxCommand } from './quote.js';

/** How to attach. */
export interface ControlClientOptions {
  readonly invocation: Invocation;
  /** the session to attach to (matched exactly); any session of the server will do, targets are explicit */
  readonly session: string;
  /** per-command timeout: the longest tmux may take to answer the command at the head of the queue */
  readonly timeoutMs: number;
  /** called once if the client goes away by itself (`%exit`, process exit, timeout), never after `close()` */
  readonly onLost: (reason: string) => void;
}

/**
 * Client flags: `no-output` so tmux never sends (or waits for us to read) pane output, which would let a paused
 * runner stall every agent; `ignore-size` so this client never resizes a window. pipe-pane stays the output path.
 */
const CLIENT_FLAGS = 'no-output,ignore-size';

interface Batch {
  readonly results: CommandResult[];
  left: number;
  done: boolean;
  resolve(results: CommandResult[]): void;
  reject(error: Error): void;
}

interface Pending {
  readonly command: TmuxCommand;
  readonly batch: Batch;
  readonly index: number;
}

/** A control-mode client attached to one session. Create it with `connectControlClient`. */
export class ControlClient implements CommandChannel {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #options: ControlClientOptions;
  readonly #parser = new ControlParser();
  readonly #queue: Pending[] = [];
  #watchdog: NodeJS.Timeout | undefined;
  #closed = false;
  #closing = false;
  #stderr = '';
  #exitReason: string | undefined;
  #onReady: ((error?: Error) => void) | undefined;
  readonly #exited: Promise<void>;

  private constructor(options: ControlClientOptions) {
    this.#options = options;
    const { invocation, session } = options;
    this.#child = spawn(
      invocation.bin,
      [...invocation.globalArgs, '-C', 'attach-session', '-f', CLIENT_FLAGS, '-t', `=${session}`],
      {
        env: invocation.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    this.#exited = new Promise((resolve) => this.#child.once('close', () => resolve()));
    this.#child.stdout.on('data', (chunk: Buffer) => this.#feed(chunk));
    this.#child.stderr.on(
      'data',
      (chunk: Buffer) => (this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-2000)),
    );
    this.#child.stdin.on('error', () => undefined);
    this.#child.on('error', (error: NodeJS.ErrnoException) => {
      const cause = error.code === 'ENOENT' ? tmuxMissing(invocation.bin, error) : error;
      this.#lose(`tmux -C could not start: ${error.message}`, cause);
    });
    this.#child.on('close', (code, signal) => {
      const why =
        this.#exitReason ?? (this.#stderr.trim() || (signal ? `killed by ${signal}` : `exit code ${code}`));
      this.#lose(`tmux -C ended (${why})`);
    });
    // an idle connection must not keep node alive; a command in flight does, through its watchdog timer
    this.#child.unref();
    for (const stream of [this.#child.stdin, this.#child.stdout, this.#child.stderr])
      (stream as unknown as { unref?: () => void }).unref?.();
  }

  /** Attaches and resolves once tmux has accepted the client; rejects (TMUX_FAILED, TMUX_TIMEOUT, TMUX_MISSING) if not. */
  static connect(options: ControlClientOptions): Promise<ControlClient> {
    const client = new ControlClient(options);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => client.#ready(tmuxTimeout(['attach-session', '-t', options.session], options.timeoutMs)),
        options.timeoutMs,
      );
      client.#onReady = (error) => {
        clearTimeout(timer);
        client.#onReady = undefined;
        if (!error) return resolve(client);
        client.#closing = true;
        client.#child.kill();
        reject(error);
      };
    });
  }

  /** True until the client is closed or lost. */
  get alive(): boolean {
    return !this.#closed;
  }

  /** Writes every command as one line in a single write; resolves with one answer per command, in order. */
  run(commands: readonly TmuxCommand[]): Promise<CommandResult[]> {
    if (commands.length === 0) return Promise.resolve([]);
    if (this.#closed) return Promise.reject(connectionLost(commands[0]!, 'the control client is closed'));
    const empty = commands.find((c) => c.length === 0);
    // an empty line would detach the client
    if (empty) return Promise.reject(tmuxFailed(empty, 'empty command'));
    return new Promise((resolve, reject) => {
      const batch: Batch = {
        results: new Array<CommandResult>(commands.length),
        left: commands.length,
        done: false,
        resolve,
        reject,
      };
      commands.forEach((command, index) => this.#queue.push({ command, batch, index }));
      this.#child.stdin.write(`${commands.map(commandLine).join('\n')}\n`);
      this.#arm();
    });
  }

  /** Detaches (EOF on stdin); the server and its panes keep running. Commands still waiting are rejected. */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closing = true;
      this.#child.stdin.end();
      const timer = setTimeout(() => this.#child.kill('SIGKILL'), 1000);
      await this.#exited;
      clearTimeout(timer);
    }
    this.#lose('closed');
  }

  #ready(error?: Error): void {
    this.#onReady?.(error);
  }

  #feed(chunk: Buffer): void {
    for (const message of this.#parser.feed(chunk)) this.#handle(message);
  }

  #handle(message: ControlMessage): void {
    if (message.kind === 'notification') {
      // the process ends right after a real %exit; acting on 'close' alone means pane text can never fake one
      if (message.name === 'exit') this.#exitReason = `%exit${message.args ? ` ${message.args}` : ''}`;
      else if (message.name === 'session-changed') this.#ready();
      return;
    }
    if (!message.fromClient) {
      // the answer to attach-session itself (flags 0)
      this.#ready(message.ok ? undefined : tmuxFailed(['attach-session'], message.lines.join(' ')));
      return;
    }
    const head = this.#queue.shift();
    if (!head) return;
    const { batch } = head;
    batch.results[head.index] = { ok: message.ok, lines: message.lines };
    if (--batch.left === 0 && !batch.done) {
      batch.done = true;
      batch.resolve(batch.results);
    }
    this.#disarm();
    this.#arm();
  }

  /** Starts the per-command timer for the command now at the head of the queue. */
  #arm(): void {
    if (this.#watchdog || this.#queue.length === 0) return;
    this.#watchdog = setTimeout(() => {
      this.#watchdog = undefined;
      const head = this.#queue[0];
      if (!head) return;
      const error = tmuxTimeout(head.command, this.#options.timeoutMs);
      this.#failAll(() => error);
      // a command that never answers blocks every later one: start over with a fresh client
      this.#lose(`no answer to ${head.command[0]} within ${this.#options.timeoutMs} ms`);
    }, this.#options.timeoutMs);
  }

  #disarm(): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
  }

  #failAll(errorFor: (command: TmuxCommand) => Error): void {
    for (const { batch, command } of this.#queue.splice(0)) {
      if (batch.done) continue;
      batch.done = true;
      batch.reject(errorFor(command));
    }
  }

  /** The client is gone: fail what waits, tell the owner (unless it closed us), never twice. */
  #lose(reason: string, cause?: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#disarm();
    this.#ready(
      cause ?? new NightshiftError('TMUX_FAILED', `tmux control client could not attach: ${reason}`),
    );
    this.#failAll((command) => (cause instanceof NightshiftError ? cause : connectionLost(command, reason)));
    if (!this.#closing) this.#options.onLost(reason);
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill();
  }
}

/** Attaches a control-mode client (see `ControlClient`). */
export function connectControlClient(options: ControlClientOptions): Promise<ControlClient> {
  return ControlClient.connect(options);
}
