// Who may read the endpoint: with `http.token`, a request carries it as a bearer token or as the session cookie a
// one-time link set. Without a token (loopback only), the Host header must name this machine (no DNS rebinding).
// Answers need the page's CSRF token besides, and a same-origin request.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isLoopback } from './listen.js';

/** The cookie a one-time link sets. */
export const SESSION_COOKIE = 'nightshift_session';
/** The header an answer carries the page's CSRF token in. */
export const CSRF_HEADER = 'x-nightshift-csrf';

/** What the endpoint checks on each request. */
export class Access {
  readonly #token: string | undefined;
  readonly #session: string | undefined;
  readonly #csrf: string;
  readonly #loopbackOnly: boolean;

  constructor(token: string | undefined, listenHost: string) {
    this.#token = token;
    this.#session = token
      ? createHmac('sha256', token).update('nightshift session').digest('hex')
      : undefined;
    // fresh per runner start: a page loaded before a restart reloads to answer
    this.#csrf = randomBytes(24).toString('hex');
    this.#loopbackOnly = isLoopback(listenHost);
  }

  /** Whether a token is configured (the one-time link means something). */
  get guarded(): boolean {
    return this.#token !== undefined;
  }

  /** The session cookie's value (derived from the token, so a new token ends every session). */
  get session(): string | undefined {
    return this.#session;
  }

  /** The CSRF token the page carries. */
  get csrf(): string {
    return this.#csrf;
  }

  /** Whether the Host header may be served: on loopback only names of this machine, so a rebound DNS name gets nothing. */
  hostAllowed(host: string | undefined): boolean {
    if (!this.#loopbackOnly) return true;
    if (!host) return false;
    const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
    return isLoopback(name);
  }

  /** Whether the request carries the token (bearer) or the session cookie; always true without a token. */
  authorized(authorization: string | undefined, cookie: string | undefined): boolean {
    if (!this.#token || !this.#session) return true;
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (bearer !== undefined && same(bearer, this.#token)) return true;
    const session = cookieValue(cookie, SESSION_COOKIE);
    return session !== undefined && same(session, this.#session);
  }

  /** Whether an answer comes from our page: the CSRF header, and an Origin (when sent) naming the host it was sent to. */
  csrfOk(header: string | undefined, origin: string | undefined, host: string | undefined): boolean {
    if (header === undefined || !same(header, this.#csrf)) return false;
    if (origin === undefined) return true;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
}

function same(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
