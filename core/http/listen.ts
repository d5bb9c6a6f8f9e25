// `host:port` for the status endpoint, and whether a host is loopback (reachable only from this machine).
import { isIP } from 'node:net';

/** Where the endpoint listens. */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** Parses `127.0.0.1:7717`, `[::1]:7717`, `localhost:7717`, `0.0.0.0:80`; a string says what is wrong. */
export function parseListen(text: string): ListenAddress | string {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || !(port >= 0 && port <= 65535))
    return `not an address: ${JSON.stringify(text)} (write it like "127.0.0.1:7717" or "[::1]:7717")`;
  const host = (m[1] ?? m[2])!;
  if (m[1] !== undefined && isIP(host) !== 6) return `not an IPv6 address: ${host}`;
  return { host, port };
}

/** True for 127.0.0.0/8, ::1 and `localhost`: only this machine can connect. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}
