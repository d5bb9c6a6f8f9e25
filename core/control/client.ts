// The control endpoint's client: one request, one reply, bounded in time; failures come back as data, never thrown.
// Imports only node:net, node:fs and the protocol, so the hook client an agent starts per tool call stays small.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { CONTROL_VERSION, failure, parseReply, type ControlEndpoint, type ControlReply } from './protocol.js';

/** Reads a night's endpoint file (`<stateDir>/control.json`); undefined when it is missing or not an endpoint. */
export function readEndpoint(file: string): ControlEndpoint | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<ControlEndpoint>;
    if (typeof value.socket === 'string' && typeof value.secret === 'string')
      return { socket: value.socket, secret: value.secret, pid: value.pid };
  } catch {
    // no runner, or a file being replaced
  }
  return undefined;
}

/** The largest reply the client reads. */
const MAX_REPLY_BYTES = 1024 * 1024;

/** Sends one request and waits at most `timeoutMs` for its reply. Never throws, never hangs longer. */
export function askControl(
  endpoint: ControlEndpoint,
  type: string,
  body: unknown,
  options: { readonly timeoutMs: number },
): Promise<ControlReply> {
  return new Promise((resolve) => {
    let settled = false;
    let received = '';
    const conn = connect(endpoint.socket);
    const finish = (reply: ControlReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      conn.destroy();
      resolve(reply);
    };
    const timer = setTimeout(
      () => finish(failure('NO_ANSWER', `the runner did not answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    conn.setEncoding('utf8');
    conn.on('error', (error: NodeJS.ErrnoException) =>
      finish(
        failure(
          'UNREACHABLE',
          `cannot reach the runner at ${endpoint.socket}: ${error.code ?? error.message}`,
        ),
      ),
    );
    conn.on('connect', () =>
      conn.write(`${JSON.stringify({ v: CONTROL_VERSION, secret: endpoint.secret, type, body })}\n`),
    );
    conn.on('data', (chunk: string) => {
      received += chunk;
      const nl = received.indexOf('\n');
      if (nl !== -1) finish(parseReply(received.slice(0, nl)));
      else if (received.length > MAX_REPLY_BYTES) finish(failure('GARBAGE', 'the reply is too long'));
    });
    conn.on('end', () => finish(failure('NO_ANSWER', 'the runner closed the connection without a reply')));
  });
}
