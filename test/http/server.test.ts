// The endpoint's bounds without a night: the `http:` config, where it may listen, who may read it (token, Host),
// how fast (rate limit), a port already taken. Real servers on loopback, real requests.
import { createServer, request, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/load.js';
import { httpSchema } from '../../config/http-schema.js';
import { isLoopback, parseListen } from '../../core/http/listen.js';
import { RateLimit } from '../../core/http/rate.js';
import { startHttpEndpoint, type HttpEndpoint } from '../../core/http/server.js';
import { NightshiftError } from '../../core/errors.js';

const root = mkdtempSync(join(tmpdir(), 'ns-http-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const TOKEN = 'a-token-of-24-characters';

/** A config with this `http:`, its state dir made (as the runner makes it before the endpoint starts). */
function configWith(http: Record<string, unknown>) {
  const stateDir = join(root, `state-${Math.random().toString(36).slice(2)}`);
  mkdirSync(stateDir, { mode: 0o700 });
  return resolveConfig(
    {
      timezone: 'UTC',
      stateDir,
      tmux: { session: 'fleet' },
      agents: [{ name: 'builder', command: 'node --version' }],
      http,
    },
    { cwd: root, env: {} },
  ).config;
}

/** A raw request (fetch does not let a test set Host). */
function get(url: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${url}${path}`, { headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('http: in the config', () => {
  it.each([
    ['loopback without a token', { listen: '127.0.0.1:7717' }, null],
    ['the default address', {}, null],
    ['IPv6 loopback', { listen: '[::1]:7717' }, null],
    ['localhost', { listen: 'localhost:0' }, null],
    ['every address with a token', { listen: '0.0.0.0:7717', token: TOKEN }, null],
    ['every address without a token', { listen: '0.0.0.0:7717' }, 'token'],
    ['a LAN address without a token', { listen: '192.168.1.20:7717' }, 'token'],
    ['a token too short to guess hard', { listen: '127.0.0.1:7717', token: 'short' }, 'token'],
    ['no port', { listen: '127.0.0.1' }, 'listen'],
    ['a port too large', { listen: '127.0.0.1:70000' }, 'listen'],
    ['a bracketed name that is not IPv6', { listen: '[localhost]:80' }, 'listen'],
    ['a key that does not exist', { listen: '127.0.0.1:7717', answers: true }, ''],
  ])('%s', (_name, http, problem) => {
    const parsed = httpSchema.safeParse(http);
    if (problem === null) expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    else expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(problem);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['LOCALHOST', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.1', false],
    ['127.0.0.1.evil.example', false],
    ['localhost.evil.example', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });

  it('parses an IPv6 address in brackets', () => {
    expect(parseListen('[::1]:0')).toEqual({ host: '::1', port: 0 });
  });
});

describe('the rate limit', () => {
  it('lets a burst through, refuses the next, then refills at its rate, per client', () => {
    let t = 0;
    const rate = new RateLimit(3, 2, () => t);
    expect([1, 2, 3, 4].map(() => rate.take('a'))).toEqual([true, true, true, false]);
    expect(rate.take('b')).toBe(true);
    t = 500; // half a second at 2 per second: one more
    expect([rate.take('a'), rate.take('a')]).toEqual([true, false]);
  });
});

describe('the endpoint without a night', () => {
  const started: HttpEndpoint[] = [];
  const blockers: Server[] = [];
  afterAll(async () => {
    for (const e of started) await e.close();
    for (const s of blockers) await new Promise((r) => s.close(r));
  });
  const start = async (http: Record<string, unknown>, rate?: RateLimit) => {
    const endpoint = await startHttpEndpoint({ config: configWith(http), redact: (t) => t, rate });
    started.push(endpoint);
    return endpoint;
  };

  it.each([
    ['no token', {}, 401],
    ['a wrong bearer token', { authorization: 'Bearer not-the-token-at-all' }, 401],
    ['a wrong session cookie', { cookie: 'nightshift_session=abc' }, 401],
    ['the token', { authorization: `Bearer ${TOKEN}` }, 200],
  ])('with a token configured, a request with %s gets %s', async (_name, headers, status) => {
    const endpoint = started[0] ?? (await start({ listen: '127.0.0.1:0', token: TOKEN }));
    expect((await get(endpoint.url, '/api/status', headers)).status).toBe(status);
  });

  it('on loopback without a token, a request addressed to another host name gets nothing (DNS rebinding)', async () => {
    const endpoint = await start({ listen: '127.0.0.1:0' });
    const port = new URL(endpoint.url).port;
    expect((await get(endpoint.url, '/api/status')).status).toBe(200);
    expect((await get(endpoint.url, '/api/status', { host: `localhost:${port}` })).status).toBe(200);
    const rebound = await get(endpoint.url, '/api/status', { host: `evil.example:${port}` });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('agents');
  });

  it('a client that asks faster than its limit gets 429 past the burst', async () => {
    // the limit's clock stands still: a burst of 5, then nothing refills
    const endpoint = await start({ listen: '127.0.0.1:0' }, new RateLimit(5, 1, () => 0));
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await get(endpoint.url, '/metrics')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it('a port already in use is an HTTP_LISTEN error that says what to change', async () => {
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const error = await start({ listen: `127.0.0.1:${port}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NightshiftError);
    expect(error).toMatchObject({ code: 'HTTP_LISTEN' });
    expect((error as Error).message).toContain('http.listen');
  });
});
