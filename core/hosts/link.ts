// One controller ↔ node link: `ssh <host args> <nightshift> node --stdio` via execa, JSON lines both ways, a heartbeat,
// and reconnection with backoff. Requests in flight when the link drops are sent again (same id) once it is back.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { execa, parseCommandString, type ResultPromise } from 'execa';
import { NightshiftError } from '../errors.js';
import {
  PROTOCOL,
  type NodeHello,
  type NodePing,
  type NodeReply,
  type NodeRequest,
  type NodeRequestBody,
} from './protocol.js';

/**
 * Where a link stands. `up` only once the node answered hello: while `connecting` the host is not reachable (a request
 * made then would wait for a connection that may never come). `incompatible` is final: the node speaks another
 * protocol.
 */
export type LinkState = 'connecting' | 'up' | 'down' | 'incompatible';

/** What a link tells its owner. */
export type LinkEvent =
  | { readonly type: 'connected'; readonly hello: NodeHello; readonly first: boolean }
  | { readonly type: 'lost'; readonly detail: string }
  | { readonly type: 'unreachable'; readonly detail: string; readonly retryInMs: number }
  | { readonly type: 'incompatible'; readonly detail: string };

/** How to reach one host. */
export interface LinkOptions {
  readonly host: string;
  /** ssh(1) arguments as the config writes them (`-p 2222 ci@gpu`) */
  readonly ssh: string;
  /** the remote command line that runs the node (already quoted for the remote shell) */
  readonly remoteCommand: string;
  /** this controller's version, sent in `hello` */
  readonly version: string;
  /** extra ssh arguments before the config's (tests: `-F /dev/null -i key ...`) */
  readonly sshOptions?: readonly string[];
  readonly sshBin?: string;
  /** default 2000: a ping this often; no answer in three intervals drops the link */
  readonly heartbeatMs?: number;
  /** how long the node may take to start and answer hello (default 60000: a loaded host starting node) */
  readonly connectTimeoutMs?: number;
  /** how long a request waits for an answer, across one reconnect (default 15000) */
  readonly requestTimeoutMs?: number;
  /** first retry delay after a failed connect; doubles up to `maxBackoffMs` (default 1000, 30000) */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
}

interface Pending {
  readonly request: NodeRequest;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
  written: boolean;
}

/** The ssh argv for `options`: BatchMode (never a password prompt at night), keepalives, then the config's words. */
export function sshArgs(options: Pick<LinkOptions, 'ssh' | 'sshOptions' | 'remoteCommand'>): string[] {
  return [
    '-o',
    'BatchMode=yes',
    '-o',
    'ServerAliveInterval=5',
    '-o',
    'ServerAliveCountMax=3',
    '-o',
    'ConnectTimeout=10',
    ...(options.sshOptions ?? []),
    ...parseCommandString(options.ssh),
    '--',
    options.remoteCommand,
  ];
}

/** A link to one host's node; `start()` connects, and keeps reconnecting until `close()`. */
export class HostLink {
  readonly #o: LinkOptions;
  readonly #prefix = randomBytes(4).toString('hex');
  readonly #pending = new Map<string, Pending>();
  readonly #listeners = new Set<(event: LinkEvent) => void>();
  #counter = 0;
  #state: LinkState = 'connecting';
  #child: ResultPromise | undefined;
  #closed = false;
  #connectedOnce = false;
  #heartbeat: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #backoff: number;
  #lastBeat = 0;
  #hello: NodeHello | undefined;
  /** the current connection has answered hello */
  #ready = false;

  constructor(options: LinkOptions) {
    this.#o = options;
    this.#backoff = options.backoffMs ?? 1000;
  }

  get host(): string {
    return this.#o.host;
  }
  get state(): LinkState {
    return this.#state;
  }
  /** the node's hello on the current (or last) connection */
  get hello(): NodeHello | undefined {
    return this.#hello;
  }
  /** when the node last answered (ms since epoch) */
  get lastHeartbeat(): number {
    return this.#lastBeat;
  }

  onEvent(listener: (event: LinkEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Connects (and keeps reconnecting); resolves after the first attempt, up or not. */
  async start(): Promise<LinkState> {
    await this.#connect();
    return this.#state;
  }

  /** Sends a request; rejects with TMUX_FAILED when the host is unreachable or does not answer in time. */
  request<T = unknown>(body: NodeRequestBody): Promise<T> {
    if (this.#state !== 'up')
      return Promise.reject(
        new NightshiftError('TMUX_FAILED', `host ${this.#o.host} is unreachable (${this.#state})`),
      );
    return this.#send(body) as Promise<T>;
  }

  /** Stops the heartbeat and reconnection and ends the ssh session; pending requests are rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#heartbeat);
    clearTimeout(this.#retry);
    for (const p of this.#pending.values()) {
      clearTimeout(p.timer);
      p.reject(new NightshiftError('TMUX_FAILED', `host ${this.#o.host}: the link was closed`));
    }
    this.#pending.clear();
    const child = this.#child;
    if (child) {
      child.stdin?.end();
      const done = child.then(
        () => undefined,
        () => undefined,
      );
      const killer = setTimeout(() => child.kill('SIGTERM'), 2000);
      await done;
      clearTimeout(killer);
    }
    this.#state = 'down';
  }

  /** the ssh client's pid (tests kill it to cut the link) */
  get sshPid(): number | undefined {
    return this.#child?.pid;
  }

  #emit(event: LinkEvent): void {
    for (const l of this.#listeners) l(event);
  }

  #send(body: NodeRequestBody, timeoutMs = this.#o.requestTimeoutMs ?? 15_000): Promise<unknown> {
    const id = `${this.#prefix}-${++this.#counter}`;
    const request = { ...body, id } as NodeRequest;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(
          new NightshiftError(
            'TMUX_TIMEOUT',
            `host ${this.#o.host} did not answer ${body.op} in ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      const pending: Pending = { request, resolve, reject, timer, written: false };
      this.#pending.set(id, pending);
      this.#write(pending);
    });
  }

  #write(p: Pending): void {
    const stdin = this.#child?.stdin;
    // written again once the link is back (the hello goes out first on a new connection, alone)
    const open = this.#ready
      ? this.#state === 'up'
      : this.#state === 'connecting' && p.request.op === 'hello';
    if (!stdin || !open) return;
    stdin.write(`${JSON.stringify(p.request)}\n`);
    p.written = true;
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    this.#state = 'connecting';
    let stderr = '';
    const child = execa(this.#o.sshBin ?? 'ssh', sshArgs(this.#o), {
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      stripFinalNewline: false,
    });
    this.#child = child;
    child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
    child.stdin?.on('error', () => undefined);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => this.#onLine(line));
    void child.then(
      (r) => this.#onExit(child, r.exitCode, stderr || `ssh exited ${r.exitCode ?? r.signal ?? ''}`),
      (e: unknown) => this.#onExit(child, undefined, String(e)),
    );
    // the hello goes out before anything else; the node answers it first. The host is reachable only after it.
    this.#ready = false;
    let hello: NodeHello;
    try {
      hello = (await this.#send(
        { op: 'hello', protocol: PROTOCOL, version: this.#o.version },
        this.#o.connectTimeoutMs ?? 60_000,
      )) as NodeHello;
    } catch (error) {
      if (this.#child === child) {
        this.#state = 'down';
        child.kill('SIGKILL');
      }
      if (error instanceof NightshiftError && error.code === 'HOST_INCOMPATIBLE') {
        this.#final(child, error.message);
        return;
      }
      this.#scheduleRetry(error instanceof Error ? error.message : String(error));
      return;
    }
    if (hello?.protocol !== PROTOCOL) {
      this.#final(
        child,
        `nightshift ${hello?.version ?? '(unknown version)'} on ${this.#o.host} speaks node protocol ${hello?.protocol ?? '(none)'}, ` +
          `this controller (${this.#o.version}) speaks ${PROTOCOL}: install the same version there ` +
          `(\`nightshift hosts install ${this.#o.host}\`, or \`npm install -g nightshift@${this.#o.version}\` on it)`,
      );
      return;
    }
    this.#ready = true;
    this.#state = 'up';
    this.#hello = hello;
    this.#lastBeat = Date.now();
    this.#backoff = this.#o.backoffMs ?? 1000;
    const first = !this.#connectedOnce;
    this.#connectedOnce = true;
    // requests that were waiting for the link go out again, with their ids: the node never runs one twice
    for (const p of this.#pending.values()) if (!p.written) this.#write(p);
    this.#startHeartbeat(child);
    this.#emit({ type: 'connected', hello, first });
  }

  #startHeartbeat(child: ResultPromise): void {
    clearInterval(this.#heartbeat);
    const every = this.#o.heartbeatMs ?? 2000;
    this.#heartbeat = setInterval(() => {
      if (this.#child !== child || this.#state !== 'up') return;
      if (Date.now() - this.#lastBeat > every * 3) {
        child.kill('SIGKILL'); // a silent link: #onExit reconnects
        return;
      }
      this.#send({ op: 'ping' }).then(
        (v) => ((this.#lastBeat = Date.now()), v as NodePing),
        () => undefined,
      );
    }, every);
    this.#heartbeat.unref();
  }

  #onLine(line: string): void {
    let reply: NodeReply;
    try {
      reply = JSON.parse(line) as NodeReply;
    } catch {
      return; // a login banner or a stray line from a shell rc file
    }
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    clearTimeout(pending.timer);
    this.#lastBeat = Date.now();
    if (reply.ok) pending.resolve(reply.value);
    else
      pending.reject(
        new NightshiftError(
          reply.code === 'TMUX_TIMEOUT' ? 'TMUX_TIMEOUT' : 'TMUX_FAILED',
          `host ${this.#o.host}: ${reply.message}`,
        ),
      );
  }

  /** A node that cannot serve this controller (another protocol, or no nightshift there): no more retries. */
  #final(child: ResultPromise, detail: string): void {
    this.#state = 'incompatible';
    this.#closed = true;
    child.stdin?.end();
    child.kill('SIGTERM');
    this.#emit({ type: 'incompatible', detail });
  }

  #onExit(child: ResultPromise, exitCode: number | undefined, stderr: string): void {
    if (this.#child !== child || this.#state === 'incompatible') return;
    clearInterval(this.#heartbeat);
    const detail = lastLine(stderr);
    const ready = this.#ready;
    this.#ready = false;
    this.#state = 'down';
    if (!ready) {
      // the hello never came back: ssh failed (255), or the remote command did (no nightshift, or one without `node`)
      const hello = [...this.#pending.values()].find((p) => p.request.op === 'hello');
      if (hello) {
        this.#pending.delete(hello.request.id);
        clearTimeout(hello.timer);
        hello.reject(
          exitCode !== undefined && exitCode !== 255 && exitCode !== 0
            ? new NightshiftError(
                'HOST_INCOMPATIBLE',
                `\`${this.#o.remoteCommand}\` failed on ${this.#o.host} (exit ${exitCode}): ${detail || 'no message'}; ` +
                  `install nightshift ${this.#o.version} there (\`nightshift hosts install ${this.#o.host}\`) or set hosts[].nightshift`,
              )
            : new NightshiftError('TMUX_FAILED', `cannot reach ${this.#o.host}: ${detail || 'ssh failed'}`),
        );
      }
      return;
    }
    // what was written may or may not have arrived: it goes out again with its id after the reconnect
    for (const p of this.#pending.values()) p.written = false;
    if (this.#closed) return;
    this.#emit({ type: 'lost', detail });
    this.#retry = setTimeout(() => void this.#connect(), 200);
  }

  #scheduleRetry(detail: string): void {
    if (this.#closed) return;
    const wait = this.#backoff;
    this.#backoff = Math.min(this.#backoff * 2, this.#o.maxBackoffMs ?? 30_000);
    this.#emit({ type: 'unreachable', detail, retryInMs: wait });
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => void this.#connect(), wait);
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}
