// A scripted model API on 127.0.0.1: one HTTP server, a recorder of every request, static pages for the
// agent's web tools, and the API's own handler (Anthropic, OpenAI, Gemini) plugged in.
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** One request the server received. */
export interface Received {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** the parsed JSON body, or the raw text when it is not JSON */
  readonly body: unknown;
  /** what the handler made of it: `main` (the conversation), `side` (titles, summaries…), `page`, `other` */
  kind: 'main' | 'side' | 'page' | 'other';
  /** the script turn it was answered with (main requests) */
  turn?: number;
  /**
   * the conversation's user turns as this request carries them (main requests): per user message, its text parts,
   * the CLI's own context blocks (`<system-reminder>`, `<environment_context>`…) and tool results left out
   */
  userTurns?: string[][];
}

/** Handles one API request; returns false when the path is not the API's. */
export type ApiHandler = (
  request: Received,
  response: ServerResponse,
  api: FakeApi,
) => boolean | Promise<boolean>;

/** A running fake API. */
export interface FakeApi {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `https://127.0.0.1:PORT` serving the same pages and API, when started with a certificate */
  readonly httpsUrl: string | undefined;
  readonly received: Received[];
  /** serves `body` at `path` (GET) for web-fetch and download scenarios */
  page(path: string, body: string, type?: string): void;
  /** the requests to `path` */
  hits(path: string): Received[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A certificate for the HTTPS side (agents that only fetch pages over https). */
export interface Certificate {
  readonly key: string;
  readonly cert: string;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Starts the server on an ephemeral loopback port with `handler` for the API's paths (and an HTTPS twin). */
export async function startFakeApi(handler: ApiHandler, tls?: Certificate): Promise<FakeApi> {
  const received: Received[] = [];
  const pages = new Map<string, { body: string; type: string }>();
  const listener: RequestListener = (request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const entry: Received = {
        at: Date.now(),
        method: request.method ?? 'GET',
        path: url.pathname,
        headers: request.headers,
        body: await readBody(request),
        kind: 'other',
      };
      received.push(entry);
      const page = pages.get(url.pathname);
      if (page && entry.method === 'GET') {
        entry.kind = 'page';
        response.writeHead(200, { 'content-type': page.type });
        response.end(page.body);
        return;
      }
      if (await handler(entry, response, api)) return;
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: { message: `the fake API has no ${entry.method} ${url.pathname}` } }),
      );
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  };
  const servers: Server[] = [createServer(listener)];
  if (tls) servers.push(createHttpsServer({ key: tls.key, cert: tls.cert }, listener));
  const [port, httpsPort] = await Promise.all(servers.map(listen));
  const api: FakeApi = {
    url: `http://127.0.0.1:${port}`,
    httpsUrl: httpsPort ? `https://127.0.0.1:${httpsPort}` : undefined,
    received,
    page: (path, body, type = 'text/html; charset=utf-8') => void pages.set(path, { body, type }),
    hits: (path) => received.filter((r) => r.path === path),
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
  return api;
}
