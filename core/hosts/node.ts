// `nightshift node --stdio`: the host's side of a fleet. Reads requests from the SSH channel (stdin), owns this host's
// tmux server, its pipe-pane logs and its journal, and sends keys only when its own re-capture still matches the
// screen the controller judged. It opens no port: the controller's SSH session is its only way in.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { NightshiftError } from '../errors.js';
import { makePrivateDir } from '../files/private.js';
import { paneWriterCommand } from '../logs/pane-writer.js';
import { isKeyName } from '../tmux/keys.js';
import { createTmux } from '../tmux/tmux.js';
import type { RawCapture, TmuxClient } from '../tmux/types.js';
import { NodeJournal } from './node-journal.js';
import {
  NODE_TMUX_METHODS,
  PROTOCOL,
  screenHash,
  validLogKey,
  type LogChunk,
  type NodeHello,
  type NodeReply,
  type NodeRequest,
} from './protocol.js';

/** How the node is run. */
export interface NodeOptions {
  /** the node's state dir (`~` is this host's home) */
  readonly stateDir: string;
  /** tmux -L socket (undefined: the default server) */
  readonly socket: string | undefined;
  readonly version: string;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** per pane log, and night; default 200 MB */
  readonly maxLogBytes?: number;
  /** tests: a tmux server started with `-f /dev/null` */
  readonly tmuxConfigFile?: string;
}

/** at most this many bytes of pane logs in one `logs` answer (before compression) */
const LOG_CHUNK_BYTES = 512 * 1024;
/** a second key of the same action (Down, then Enter) may follow the first within this long without a new look */
const SAME_ACTION_MS = 5000;

/** Expands `~` against this host's home; a relative path is relative to the home too (ssh starts there). */
export function hostPath(path: string, home = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return path.startsWith('/') ? path : join(home, path);
}

/** Serves requests until the input ends (the SSH link closed); resolves then. */
export async function serveNode(options: NodeOptions): Promise<void> {
  const stateDir = hostPath(options.stateDir);
  makePrivateDir(stateDir);
  const journal = new NodeJournal(stateDir);
  const maxBytes = options.maxLogBytes ?? 200 * 1024 * 1024;
  const tmux = createTmux({
    socket: options.socket,
    pipeWriter: (file) => paneWriterCommand(file, maxBytes),
    ...(options.tmuxConfigFile ? { configFile: options.tmuxConfigFile } : {}),
  });
  journal.append({ event: 'node-start', detail: `pid ${process.pid}, nightshift ${options.version}` });
  const node = new NodeHandler(tmux, journal, stateDir, options.version);
  const write = (reply: NodeReply) => options.output.write(`${JSON.stringify(reply)}\n`);
  const lines = createInterface({ input: options.input, crlfDelay: Infinity });
  // requests are handled one at a time, in order: a send never overtakes the look before it
  let queue = Promise.resolve();
  for await (const line of lines) {
    if (!line.trim()) continue;
    let request: NodeRequest;
    try {
      request = JSON.parse(line) as NodeRequest;
    } catch {
      write({ id: '', ok: false, code: 'BAD_REQUEST', message: 'not a JSON line' });
      continue;
    }
    queue = queue.then(async () => void write(await node.handle(request)));
  }
  await queue;
  journal.append({ event: 'link-down', detail: 'the controller closed the link (stdin ended)' });
  await tmux.close();
}

/** One request at a time, against this host's tmux and journal. */
class NodeHandler {
  /** the last send per pane: the expected hash it was made for, and when */
  readonly #lastSend = new Map<string, { expect: string; at: number }>();

  constructor(
    readonly tmux: TmuxClient,
    readonly journal: NodeJournal,
    readonly stateDir: string,
    readonly version: string,
  ) {}

  async handle(request: NodeRequest): Promise<NodeReply> {
    const id = typeof request?.id === 'string' ? request.id : '';
    try {
      return { id, ok: true, value: await this.#dispatch(request) };
    } catch (error) {
      const code = error instanceof NightshiftError ? error.code : 'NODE_FAILED';
      return { id, ok: false, code, message: error instanceof Error ? error.message : String(error) };
    }
  }

  async #dispatch(r: NodeRequest): Promise<unknown> {
    switch (r.op) {
      case 'hello':
        return {
          protocol: PROTOCOL,
          version: this.version,
          pid: process.pid,
          stateDir: this.stateDir,
          seq: this.journal.seq,
        } satisfies NodeHello;
      case 'ping':
        return { t: new Date().toISOString(), seq: this.journal.seq };
      case 'events':
        return this.journal.after(r.after < 0 ? this.journal.acked : r.after);
      case 'ack':
        this.journal.ack(r.seq);
        return null;
      case 'logs':
        return this.#logs(r.want);
      case 'pipe':
        if (!validLogKey(r.key))
          throw new NightshiftError('USAGE', `not a pane log this node writes: ${JSON.stringify(r.key)}`);
        await this.tmux.pipe(r.paneId, join(this.stateDir, 'nights', r.key));
        return null;
      case 'send':
        return this.#send(r);
      case 'tmux':
        return this.#tmux(r.method, r.args);
      default:
        throw new NightshiftError('USAGE', `unknown request: ${JSON.stringify((r as { op?: unknown }).op)}`);
    }
  }

  async #tmux(method: string, args: readonly unknown[]): Promise<unknown> {
    if (!NODE_TMUX_METHODS.includes(method as never))
      throw new NightshiftError('USAGE', `the node does not run tmux ${method}`);
    const t = this.tmux;
    switch (method) {
      case 'version':
        return t.version();
      case 'serverRunning':
        return t.serverRunning();
      case 'hasSession':
        return t.hasSession(String(args[0]));
      case 'listPanes':
        return t.listPanes(args[0] === undefined || args[0] === null ? undefined : String(args[0]));
      case 'createPane': {
        const spec = args[0] as Parameters<TmuxClient['createPane']>[0];
        return t.createPane({ ...spec, cwd: hostPath(spec.cwd) });
      }
      case 'resolveTarget':
        return (await t.resolveTarget(String(args[0]))) ?? null;
      case 'start': {
        const spec = args[1] as Parameters<TmuxClient['start']>[1];
        await t.start(String(args[0]), { ...spec, cwd: hostPath(spec.cwd) });
        return null;
      }
      case 'capture':
        return [...(await t.capture(args[0] as string[])).entries()];
      case 'unpipe':
        await t.unpipe(String(args[0]));
        return null;
      case 'killPane':
        await t.killPane(String(args[0]));
        return null;
      case 'killServer':
        await t.killServer();
        return null;
    }
    return null;
  }

  /**
   * Sends only to the screen the controller judged: a re-capture here must hash to `expect`, or this is the next key
   * of the same action (a menu's Down then Enter) sent right after the first. A request already handled (sent again
   * after a reconnect) is never sent twice: its first outcome is returned.
   */
  async #send(r: Extract<NodeRequest, { op: 'send' }>): Promise<unknown> {
    const before = this.journal.sendOutcome(r.id);
    if (before === 'sent') return { sent: true, again: true };
    if (before)
      throw new NightshiftError(
        'TMUX_FAILED',
        before === 'refused'
          ? 'the node refused this send earlier (the screen had changed)'
          : 'the node was stopped while sending this: not sent again',
      );
    if (typeof r.expect !== 'string' || !r.expect)
      throw new NightshiftError('USAGE', 'a send without the screen it was judged on is refused');
    const keys = r.keys ?? [];
    if (r.keys && !keys.every(isKeyName))
      throw new NightshiftError('USAGE', `not key names: ${JSON.stringify(keys)}`);
    const what = r.text !== undefined ? `text (${r.text.length} chars)` : keys.join(' ');
    const capture: RawCapture | undefined = (await this.tmux.capture([r.paneId])).get(r.paneId);
    const now = Date.now();
    const last = this.#lastSend.get(r.paneId);
    const same = capture && screenHash(capture) === r.expect;
    const sameAction = last && last.expect === r.expect && now - last.at < SAME_ACTION_MS;
    if (!capture || capture.inMode || (!same && !sameAction)) {
      const why = !capture
        ? 'the pane is gone'
        : capture.inMode
          ? 'the pane is in copy mode'
          : 'the screen changed since the controller looked';
      this.journal.append({ event: 'refused', req: r.id, paneId: r.paneId, detail: `${what}: ${why}` });
      throw new NightshiftError('TMUX_FAILED', `not sent: ${why}`);
    }
    this.journal.append({ event: 'intent', req: r.id, paneId: r.paneId, detail: what });
    if (r.text !== undefined) await this.tmux.sendText(r.paneId, r.text);
    else await this.tmux.sendKeys(r.paneId, keys);
    this.#lastSend.set(r.paneId, { expect: r.expect, at: now });
    this.journal.append({ event: 'sent', req: r.id, paneId: r.paneId, detail: what });
    return { sent: true };
  }

  /** Each wanted log from its offset, bounded in total, gzip-compressed. */
  #logs(want: readonly { key: string; offset: number }[]): LogChunk[] {
    const chunks: LogChunk[] = [];
    let budget = LOG_CHUNK_BYTES;
    for (const { key, offset } of want) {
      if (!validLogKey(key) || budget <= 0) continue;
      const file = join(this.stateDir, 'nights', key);
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        continue;
      }
      if (size <= offset) continue;
      const length = Math.min(size - offset, budget);
      const buffer = Buffer.alloc(length);
      const fd = openSync(file, 'r');
      let read: number;
      try {
        read = readSync(fd, buffer, 0, length, offset);
      } finally {
        closeSync(fd);
      }
      budget -= read;
      chunks.push({ key, offset, size, data: gzipSync(buffer.subarray(0, read)).toString('base64') });
    }
    return chunks;
  }
}
