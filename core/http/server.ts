// Starts the status endpoint (`http:` in the config): the fleet view, its routes and a Node HTTP server bounded in
// time, header size and connections. It runs in the runner's process and never waits on the watch loop (nor the loop
// on it). `<stateDir>/http.json` (0600) says where it listens, for `nightshift http link`.
import type { Server } from 'node:http';
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Config } from '../../config/schema.js';
import { replacePrivateFile } from '../files/private.js';
import { NightshiftError } from '../errors.js';
import { httpApp } from './app.js';
import { Access } from './auth.js';
import { Fleet, type Redact } from './fleet.js';
import { parseListen } from './listen.js';
import type { RateLimit } from './rate.js';

/** The most connections open at once (pages, scrapers, anything). */
const MAX_CONNECTIONS = 64;

/** A running endpoint. */
export interface HttpEndpoint {
  /** `http://host:port` it listens on (the port the system chose when the config says 0) */
  readonly url: string;
  /** hand it to the night (`NightOptions.observer`) */
  readonly fleet: Fleet;
  close(): Promise<void>;
}

/** The file naming where the endpoint listens. */
export function endpointInfoFile(stateDir: string): string {
  return join(stateDir, 'http.json');
}

/** Starts the endpoint for `config.http`; a port in use or a bad address is an HTTP_LISTEN error saying so. */
export async function startHttpEndpoint(o: {
  readonly config: Config;
  readonly redact: Redact;
  readonly now?: () => Date;
  /** the per-client request limit (tests give one with its own clock) */
  readonly rate?: RateLimit;
}): Promise<HttpEndpoint> {
  const http = o.config.http;
  if (!http) throw new NightshiftError('HTTP_LISTEN', 'http: is not configured');
  const where = parseListen(http.listen);
  if (typeof where === 'string') throw new NightshiftError('CONFIG_INVALID', `http.listen: ${where}`);
  const fleet = new Fleet(o.config, o.redact, o.now);
  const access = new Access(http.token, where.host);
  const app = httpApp(fleet, access, o.rate);
  const server = createAdaptorServer({
    fetch: app.fetch,
    serverOptions: {
      requestTimeout: 10_000,
      headersTimeout: 5_000,
      keepAliveTimeout: 5_000,
      maxHeaderSize: 16 * 1024,
    },
  }) as Server;
  server.maxConnections = MAX_CONNECTIONS;
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new NightshiftError(
          'HTTP_LISTEN',
          `the status endpoint cannot listen on ${http.listen}: ${error.code ?? error.message} (another program uses the port? change http.listen)`,
        ),
      ),
    );
    server.listen(where.port, where.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const info = endpointInfoFile(o.config.stateDir);
  replacePrivateFile(info, `${JSON.stringify({ url, pid: process.pid })}\n`);
  let closed: Promise<void> | undefined;
  return {
    url,
    fleet,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        fleet.shutdown();
        try {
          unlinkSync(info);
        } catch {
          // already gone
        }
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
