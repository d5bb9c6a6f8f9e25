// The endpoint's routes (hono): `/metrics`, `/api/status`, `/api/events` (the page's stream), `/` (the page),
// `/reports/:night` (a report as HTML), `/login` (a one-time link), `/api/answer` (only with `http.answer`).
// Every request: the Host check, a rate limit per client, then the token; answers also need the page's CSRF token.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { HttpBindings } from '@hono/node-server';
import { answerRoute } from '../control/answer-route.js';
import type { Access } from './auth.js';
import { CSRF_HEADER, SESSION_COOKIE } from './auth.js';
import type { Fleet } from './fleet.js';
import { consumeLinkCode } from './links.js';
import { statusPage } from './page.js';
import { RateLimit } from './rate.js';
import { NIGHT_ID } from './status-view.js';

/** The largest request body read (an answer's JSON). */
export const MAX_BODY_BYTES = 8 * 1024;
/** Who answers from the page, as the journal names them (`person:http`). */
const PERSON = 'http';

type Env = { Bindings: HttpBindings };

/** The routes over a fleet, guarded by `access`. */
export function httpApp(fleet: Fleet, access: Access, rate = new RateLimit()): Hono<Env> {
  const app = new Hono<Env>();
  const { stateDir } = fleet.config;
  const answers = fleet.config.http?.answer ?? false;

  app.use('*', async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-store');
    if (!access.hostAllowed(c.req.header('host')))
      return c.text('this endpoint answers only requests addressed to this machine (Host: 127.0.0.1)\n', 421);
    const client = c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
    if (!rate.take(client)) {
      c.header('Retry-After', '1');
      return c.text('too many requests; slow down\n', 429);
    }
    if (c.req.path === '/login') return next();
    if (!access.authorized(c.req.header('authorization'), c.req.header('cookie'))) {
      c.header('WWW-Authenticate', 'Bearer realm="nightshift"');
      return c.text(
        'unauthorized: send the token (Authorization: Bearer …), or open a link from `nightshift http link`\n',
        401,
      );
    }
    return next();
  });

  app.get('/login', (c) => {
    if (!access.guarded || !access.session) return c.redirect('/', 303);
    if (!consumeLinkCode(stateDir, c.req.query('code') ?? ''))
      return c.text('this link is used up or expired: print a new one with `nightshift http link`\n', 401);
    c.header(
      'Set-Cookie',
      `${SESSION_COOKIE}=${access.session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${30 * 86400}`,
    );
    return c.redirect('/', 303);
  });

  app.get('/metrics', async (c) => {
    const text = fleet.redact(await fleet.metrics.text());
    return c.body(text, 200, { 'Content-Type': fleet.metrics.contentType });
  });

  app.get('/api/status', (c) =>
    c.body(fleet.statusJson(), 200, { 'Content-Type': 'application/json; charset=UTF-8' }),
  );

  app.get('/api/events', (c) => {
    const stream = fleet.streams.open(fleet.statusJson());
    if (!stream) return c.text('too many pages are open; close one\n', 503);
    return c.body(stream, 200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
  });

  app.get('/', (c) => {
    const nonce = randomBytes(16).toString('base64');
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    return c.html(
      statusPage({ nonce, csrf: access.csrf, title: `nightshift · ${fleet.night?.plan.id ?? 'fleet'}` }),
    );
  });

  app.get('/reports/:night', async (c) => {
    const night = c.req.param('night');
    if (!NIGHT_ID.test(night)) return c.text('no such night\n', 404);
    let html: string;
    try {
      html = await readFile(join(stateDir, 'nights', night, 'report.html'), 'utf8');
    } catch {
      return c.text(`no report for ${night} yet\n`, 404);
    }
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
    );
    return c.html(fleet.redact(html));
  });

  app.post(
    '/api/answer',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: 'the request is too large' }, 413),
    }),
    async (c) => answer(c),
  );

  async function answer(c: Context<Env>): Promise<Response> {
    if (!answers)
      return c.json(
        { error: 'the endpoint is read-only: set http.answer: true to answer from the page' },
        403,
      );
    if (!access.csrfOk(c.req.header(CSRF_HEADER), c.req.header('origin'), c.req.header('host')))
      return c.json({ error: 'missing or wrong CSRF token: answer from the page itself' }, 403);
    if (!(c.req.header('content-type') ?? '').startsWith('application/json'))
      return c.json({ error: 'send JSON (Content-Type: application/json)' }, 415);
    const night = fleet.night;
    if (!night) return c.json({ error: 'no night is running: nothing to answer' }, 409);
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return c.json({ error: 'the body is not JSON' }, 400);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return c.json({ error: 'the body must be a JSON object' }, 400);
    // the same route `nightshift answer` reaches through the control socket: actuator, guard, journal
    const route = answerRoute(night);
    let body: never;
    try {
      body = route.parse!({ ...raw, person: PERSON });
    } catch (error) {
      return c.json({ error: `bad answer: ${error instanceof Error ? error.message : String(error)}` }, 400);
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), route.timeoutMs ?? 30_000);
    try {
      const reply = await route.handle(body, { signal: abort.signal });
      return c.json(reply as object);
    } catch (error) {
      return c.json({ error: fleet.redact(error instanceof Error ? error.message : String(error)) }, 409);
    } finally {
      clearTimeout(timer);
    }
  }

  app.notFound((c) => c.text('not found: try /, /api/status or /metrics\n', 404));
  app.onError((error, c) => c.text(`failed: ${fleet.redact(error.message)}\n`, 500));
  return app;
}
