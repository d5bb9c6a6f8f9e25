// An HTTP server on 127.0.0.1 that records every request it receives and hands it to a route function.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake API received it. */
export interface RecordedRequest {
  readonly method: string;
  /** path and query, e.g. `/v1/responses` */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** the body parsed as JSON, or the raw text when it is not JSON */
  readonly body: unknown;
  /** milliseconds since the epoch */
  readonly at: number;
}

/** Answers one recorded request; may write a stream and end the response whenever it likes. */
export type Route = (request: RecordedRequest, res: ServerResponse) => void | Promise<void>;

/** A running fake API. */
export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** every request so far, oldest first */
  readonly requests: readonly RecordedRequest[];
  /** stops listening and drops open connections */
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Starts a server on a free loopback port that records each request, then passes it to `route`. */
export async function startRecordingServer(route: Route): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body,
        at: Date.now(),
      };
      requests.push(recorded);
      try {
        await route(recorded, res);
      } catch (error) {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `fake API route threw: ${String(error)}` } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Opens a server-sent-events response; `send` writes one event (named, or data-only when `event` is omitted). */
export function openSse(res: ServerResponse): {
  send(data: unknown, event?: string): void;
  end(): void;
} {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  return {
    send(data, event) {
      res.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      res.end();
    },
  };
}
