// The runner's control endpoint: a Unix socket (0600) answering newline-delimited JSON requests through a route registry.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, lstatSync, readFileSync, rmdirSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { replacePrivateFile } from '../files/private.js';
import { endpointFile, socketPathFor } from './place.js';
import {
  CONTROL_VERSION,
  MAX_REQUEST_BYTES,
  failure,
  type ControlEndpoint,
  type ControlReply,
} from './protocol.js';
import type { ControlRoutes } from './routes.js';

/** Limits of one server. */
export interface ControlLimits {
  /** the largest request line, in bytes (default 4 MiB); a longer one gets TOO_LARGE and the connection closes */
  readonly maxRequestBytes?: number;
  /** how long a handler may take (default 5 s) before the reply is TIMEOUT */
  readonly requestTimeoutMs?: number;
  /** a connection silent this long is closed (default 30 s) */
  readonly idleTimeoutMs?: number;
  /** connections open at once; more are answered BUSY (default 64) */
  readonly maxConnections?: number;
}

/** A listening endpoint. */
export interface ControlServer {
  readonly endpoint: ControlEndpoint;
  /** the file clients read the endpoint from */
  readonly file: string;
  /** Stops listening, drops open connections, removes the socket and the endpoint file. */
  close(): Promise<void>;
}

/** Something went wrong inside the server (a handler's throw, a socket error): for the runner's log. */
export type ControlProblem = (message: string, error?: unknown) => void;

/**
 * Opens the night's control endpoint for `stateDir`: a fresh secret, the socket (0600; a stale one left by a dead
 * runner is replaced) and `control.json` (0600) beside it. The runner holds the state dir's lock, so no other
 * runner listens there.
 */
export async function startControlServer(options: {
  readonly stateDir: string;
  readonly routes: ControlRoutes;
  readonly limits?: ControlLimits;
  readonly onProblem?: ControlProblem;
}): Promise<ControlServer> {
  const socket = socketPathFor(options.stateDir);
  const file = endpointFile(options.stateDir);
  const secret = randomBytes(32).toString('hex');
  removeStaleSocket(socket);
  const connections = new Set<Socket>();
  const closing = new AbortController();
  const limits = {
    maxRequestBytes: options.limits?.maxRequestBytes ?? MAX_REQUEST_BYTES,
    requestTimeoutMs: options.limits?.requestTimeoutMs ?? 5000,
    idleTimeoutMs: options.limits?.idleTimeoutMs ?? 30_000,
    maxConnections: options.limits?.maxConnections ?? 64,
  };
  const problem: ControlProblem = options.onProblem ?? (() => undefined);
  const server = createServer((conn) => {
    const busy = connections.size >= limits.maxConnections;
    connections.add(conn);
    conn.on('close', () => connections.delete(conn));
    if (busy) {
      conn.on('error', () => undefined);
      conn.end(line(failure('BUSY', 'too many connections to the runner; try again')));
      conn.resume(); // read to the client's end, so the socket closes
      return;
    }
    serveConnection(conn, {
      secret,
      routes: options.routes,
      limits,
      closing: closing.signal,
      problem,
    });
  });
  await listen(server, socket);
  chmodSync(socket, 0o600);
  const endpoint: ControlEndpoint = { socket, secret, pid: process.pid };
  replacePrivateFile(file, `${JSON.stringify(endpoint)}\n`);
  let closed: Promise<void> | undefined;
  return {
    endpoint,
    file,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        for (const conn of connections) conn.destroy();
        removeIfOurs(file, secret);
        try {
          unlinkSync(socket);
        } catch {
          // already gone
        }
        if (dirname(socket) !== options.stateDir)
          try {
            rmdirSync(dirname(socket)); // the short-path directory, once no other runner's socket is in it
          } catch {
            // still in use, or gone
          }
      })),
  };
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A socket file left by a runner that died is removed; anything else at that path is an error to report. */
function removeStaleSocket(path: string): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isSocket())
    throw new Error(`${path} exists and is not a socket: move it away so the runner can listen there`);
  unlinkSync(path);
}

function removeIfOurs(file: string, secret: string): void {
  try {
    const written = JSON.parse(readFileSync(file, 'utf8')) as ControlEndpoint;
    if (written.secret === secret) unlinkSync(file);
  } catch {
    // gone or replaced by another runner: leave it
  }
}

interface Serving {
  readonly secret: string;
  readonly routes: ControlRoutes;
  readonly limits: Required<ControlLimits>;
  readonly closing: AbortSignal;
  readonly problem: ControlProblem;
}

/** Reads request lines from one connection and writes one reply line for each. */
function serveConnection(conn: Socket, s: Serving): void {
  let buffered: Buffer[] = [];
  let size = 0;
  conn.setTimeout(s.limits.idleTimeoutMs, () => conn.destroy());
  conn.on('error', (error) => s.problem('a control connection failed', error));
  const reply = (r: ControlReply) => {
    if (!conn.destroyed && conn.writable) conn.write(line(r));
  };
  conn.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      start = nl + 1;
      if (size + piece.length > s.limits.maxRequestBytes) return tooLarge();
      const text = Buffer.concat([...buffered, piece]).toString('utf8');
      buffered = [];
      size = 0;
      if (text.trim()) void answer(text, s).then(reply);
    }
    const rest = chunk.subarray(start);
    if (size + rest.length > s.limits.maxRequestBytes) return tooLarge();
    if (rest.length) {
      buffered.push(Buffer.from(rest));
      size += rest.length;
    }
  });
  function tooLarge(): void {
    buffered = [];
    size = 0;
    conn.end(line(failure('TOO_LARGE', `a request may be at most ${s.limits.maxRequestBytes} bytes`)));
    conn.removeAllListeners('data');
    conn.resume();
  }
}

/** The reply to one request line. Never throws. */
async function answer(text: string, s: Serving): Promise<ControlReply> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return failure('BAD_JSON', 'the request is not one JSON object on one line');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return failure('BAD_REQUEST', 'the request must be a JSON object');
  const request = value as Record<string, unknown>;
  const id = typeof request.id === 'string' ? request.id : undefined;
  if (request.v !== CONTROL_VERSION)
    return failure(
      'BAD_REQUEST',
      `unsupported protocol version ${String(request.v)}; this runner speaks ${CONTROL_VERSION}`,
      id,
    );
  if (typeof request.secret !== 'string' || !sameSecret(request.secret, s.secret))
    return failure('UNAUTHORIZED', "wrong secret: read it from the night's control.json", id);
  if (typeof request.type !== 'string') return failure('BAD_REQUEST', 'the request has no type', id);
  const route = s.routes.get(request.type);
  if (!route)
    return failure(
      'UNKNOWN_TYPE',
      `no route "${request.type}"; this runner answers: ${s.routes.types().join(', ') || 'nothing yet'}`,
      id,
    );
  if (s.closing.aborted) return failure('SHUTTING_DOWN', 'the runner is stopping', id);
  let body: unknown;
  try {
    body = route.parse ? route.parse(request.body) : request.body;
  } catch (error) {
    return failure('BAD_REQUEST', `bad "${route.type}" body: ${messageOf(error)}`, id);
  }
  const timeoutMs = route.timeoutMs ?? s.limits.requestTimeoutMs;
  const abort = new AbortController();
  const onClose = () => abort.abort();
  s.closing.addEventListener('abort', onClose, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<ControlReply>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve(failure('TIMEOUT', `"${route.type}" took longer than ${timeoutMs} ms`, id));
    }, timeoutMs);
  });
  const handled = (async (): Promise<ControlReply> => {
    try {
      const result = await route.handle(body, { signal: abort.signal });
      return { v: CONTROL_VERSION, ...(id === undefined ? {} : { id }), ok: true, result: result ?? null };
    } catch (error) {
      s.problem(`the "${route.type}" control route failed`, error);
      return failure('HANDLER_FAILED', `"${route.type}" failed: ${messageOf(error)}`, id);
    }
  })();
  try {
    return await Promise.race([handled, timedOut]);
  } finally {
    clearTimeout(timer);
    s.closing.removeEventListener('abort', onClose);
  }
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function line(reply: ControlReply): string {
  return `${JSON.stringify(reply)}\n`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
