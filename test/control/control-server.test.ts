import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  askControl,
  ControlRoutes,
  readEndpoint,
  startControlServer,
  type ControlEndpoint,
  type ControlServer,
} from '../../core/control/index.js';

const dirs: string[] = [];
const servers: ControlServer[] = [];
const raw: Server[] = [];
const rawConnections: Socket[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  rawConnections.splice(0).forEach((c) => c.destroy());
  await Promise.all(raw.splice(0).map((s) => new Promise((r) => s.close(r))));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const stateDir = (name = 'ns-control-') => {
  const dir = mkdtempSync(join(tmpdir(), name));
  dirs.push(dir);
  return dir;
};

/** A server with an `echo` route, a `slow` route that never ends, and a `broken` route that throws. */
async function serve(limits?: Parameters<typeof startControlServer>[0]['limits'], dir = stateDir()) {
  const routes = new ControlRoutes();
  const aborted: boolean[] = [];
  routes.add({ type: 'echo', handle: (body) => ({ echoed: body }) });
  routes.add({
    type: 'slow',
    handle: (_body, { signal }) =>
      new Promise((resolve) => signal.addEventListener('abort', () => resolve(aborted.push(true)))),
  });
  routes.add({
    type: 'broken',
    handle: () => {
      throw new Error('the handler broke');
    },
  });
  routes.add({
    type: 'typed',
    parse: (body) => {
      if (typeof body !== 'number') throw new Error('want a number');
      return body;
    },
    handle: (n: number) => n * 2,
  });
  const server = await startControlServer({ stateDir: dir, routes, limits });
  servers.push(server);
  return { server, routes, aborted, dir };
}

/** Writes raw text on one connection and collects reply lines until `count` arrived or the server closed. */
function exchange(socket: string, text: string | Buffer, count: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const replies: unknown[] = [];
    let buffer = '';
    const conn = connect(socket);
    conn.setEncoding('utf8');
    conn.on('error', reject);
    conn.on('connect', () => conn.write(text));
    conn.on('data', (chunk: string) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        replies.push(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
      }
      if (replies.length >= count) {
        conn.destroy();
        resolve(replies);
      }
    });
    conn.on('close', () => resolve(replies));
  });
}

const request = (endpoint: ControlEndpoint, type: string, body?: unknown, extra: object = {}) =>
  `${JSON.stringify({ v: 1, secret: endpoint.secret, type, body, ...extra })}\n`;

describe('control server', () => {
  it('is private: the socket and control.json are 0600, with a fresh secret each start', async () => {
    const dir = stateDir();
    const first = await serve(undefined, dir);
    expect(statSync(first.server.endpoint.socket).mode & 0o777).toBe(0o600);
    expect(statSync(first.server.file).mode & 0o777).toBe(0o600);
    expect(readEndpoint(first.server.file)).toEqual(first.server.endpoint);
    expect(first.server.endpoint.secret).toMatch(/^[0-9a-f]{64}$/);
    await first.server.close();
    expect(existsSync(first.server.endpoint.socket)).toBe(false);
    expect(existsSync(first.server.file)).toBe(false);
    const second = await serve(undefined, dir);
    expect(second.server.endpoint.secret).not.toBe(first.server.endpoint.secret);
  });

  const cases: {
    name: string;
    send: (e: ControlEndpoint) => string;
    reply: object;
  }[] = [
    {
      name: 'a route answers its body',
      send: (e) => request(e, 'echo', { a: 1 }, { id: 'r1' }),
      reply: { v: 1, id: 'r1', ok: true, result: { echoed: { a: 1 } } },
    },
    {
      name: 'a parsed body reaches the handler',
      send: (e) => request(e, 'typed', 21),
      reply: { ok: true, result: 42 },
    },
    {
      name: 'a body the route refuses',
      send: (e) => request(e, 'typed', 'x'),
      reply: { ok: false, error: { code: 'BAD_REQUEST' } },
    },
    { name: 'not JSON', send: () => '{"v":1, nope\n', reply: { ok: false, error: { code: 'BAD_JSON' } } },
    {
      name: 'JSON that is not an object',
      send: () => '[1,2]\n',
      reply: { ok: false, error: { code: 'BAD_REQUEST' } },
    },
    {
      name: 'another protocol version',
      send: (e) => `${JSON.stringify({ v: 2, secret: e.secret, type: 'echo' })}\n`,
      reply: { ok: false, error: { code: 'BAD_REQUEST' } },
    },
    {
      name: 'a wrong secret',
      send: (e) => request({ ...e, secret: 'f'.repeat(64) }, 'echo', 1),
      reply: { ok: false, error: { code: 'UNAUTHORIZED' } },
    },
    {
      name: 'no secret',
      send: () => `${JSON.stringify({ v: 1, type: 'echo' })}\n`,
      reply: { ok: false, error: { code: 'UNAUTHORIZED' } },
    },
    {
      name: 'an unknown type',
      send: (e) => request(e, 'nope'),
      reply: { ok: false, error: { code: 'UNKNOWN_TYPE' } },
    },
    {
      name: 'a handler that throws',
      send: (e) => request(e, 'broken'),
      reply: { ok: false, error: { code: 'HANDLER_FAILED', message: '"broken" failed: the handler broke' } },
    },
  ];
  it.each(cases)('$name', async ({ send, reply }) => {
    const { server } = await serve();
    const [got] = await exchange(server.endpoint.socket, send(server.endpoint), 1);
    expect(got).toMatchObject(reply);
  });

  it('keeps serving a connection after a bad line, and answers each line in turn', async () => {
    const { server } = await serve();
    const e = server.endpoint;
    const replies = await exchange(
      e.socket,
      `garbage\n${request(e, 'echo', 1, { id: 'a' })}${request(e, 'echo', 2, { id: 'b' })}`,
      3,
    );
    expect(replies).toMatchObject([
      { ok: false, error: { code: 'BAD_JSON' } },
      { id: 'a', result: { echoed: 1 } },
      { id: 'b', result: { echoed: 2 } },
    ]);
  });

  it('reads a request that arrives in pieces', async () => {
    const { server } = await serve();
    const text = request(server.endpoint, 'echo', 'x'.repeat(200_000));
    const replies = await exchange(server.endpoint.socket, Buffer.from(text), 1);
    expect(replies[0]).toMatchObject({ ok: true, result: { echoed: 'x'.repeat(200_000) } });
  });

  it('answers a handler that hangs with TIMEOUT and aborts it', async () => {
    const { server, aborted } = await serve({ requestTimeoutMs: 100 });
    const [got] = await exchange(server.endpoint.socket, request(server.endpoint, 'slow'), 1);
    expect(got).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(aborted).toEqual([true]);
  });

  it('refuses a request over the size limit and closes the connection, and goes on serving others', async () => {
    const { server } = await serve({ maxRequestBytes: 1000 });
    const replies = await exchange(server.endpoint.socket, `${'x'.repeat(5000)}`, 1);
    expect(replies).toMatchObject([{ ok: false, error: { code: 'TOO_LARGE' } }]);
    const [next] = await exchange(server.endpoint.socket, request(server.endpoint, 'echo', 1), 1);
    expect(next).toMatchObject({ ok: true });
  });

  it('answers routes added after it started, and not those removed', async () => {
    const { server, routes } = await serve();
    const remove = routes.add({ type: 'later', handle: () => 'here' });
    expect(await askControl(server.endpoint, 'later', null, { timeoutMs: 2000 })).toMatchObject({
      ok: true,
      result: 'here',
    });
    remove();
    expect(await askControl(server.endpoint, 'later', null, { timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_TYPE' },
    });
    expect(() => routes.add({ type: 'echo', handle: () => 1 })).toThrow(/already registered/);
  });

  it('answers BUSY past the connection limit', async () => {
    const { server } = await serve({ maxConnections: 1 });
    const held = connect(server.endpoint.socket);
    await new Promise((r) => held.on('connect', r));
    try {
      const reply = await askControl(server.endpoint, 'echo', 1, { timeoutMs: 2000 });
      expect(reply).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    } finally {
      held.destroy();
    }
  });

  it('replaces a stale socket left by a dead runner, and refuses a file that is not a socket', async () => {
    const dir = stateDir();
    const stale = createServer();
    await new Promise<void>((r) => stale.listen(join(dir, 'control.sock'), r));
    // a dead runner: the socket file stays, nothing accepts on it
    (stale as unknown as { _handle: { close(): void } })._handle.close();
    const { server } = await serve(undefined, dir);
    expect(await askControl(server.endpoint, 'echo', 7, { timeoutMs: 2000 })).toMatchObject({
      ok: true,
      result: { echoed: 7 },
    });
    const other = stateDir();
    writeFileSync(join(other, 'control.sock'), 'not a socket');
    await expect(serve(undefined, other)).rejects.toThrow(/not a socket/);
  });

  it('listens on a short path elsewhere when the state directory is too deep for a Unix socket', async () => {
    const deep = join(stateDir(), 'd'.repeat(60), 'e'.repeat(60));
    mkdirSync(deep, { recursive: true });
    const { server } = await serve(undefined, deep);
    expect(server.endpoint.socket.startsWith(deep)).toBe(false);
    expect(readEndpoint(join(deep, 'control.json'))?.socket).toBe(server.endpoint.socket);
    expect(await askControl(server.endpoint, 'echo', 1, { timeoutMs: 2000 })).toMatchObject({ ok: true });
    await server.close();
    expect(existsSync(server.endpoint.socket)).toBe(false);
  });
});

describe('control client', () => {
  /** A listener that does something wrong with every connection. */
  async function misbehaving(onConnection: (c: Socket) => void): Promise<ControlEndpoint> {
    const socket = join(stateDir(), 's.sock');
    const server = createServer((c) => {
      rawConnections.push(c);
      c.on('error', () => undefined);
      onConnection(c);
    });
    raw.push(server);
    await new Promise<void>((r) => server.listen(socket, r));
    return { socket, secret: 'x' };
  }
  // `timeoutMs` is how long the client waits for an answer: short where waiting out the silence is the case, long
  // where the answer comes (a megabyte over a socket can take more than a second on a loaded machine)
  const cases: { name: string; endpoint: () => Promise<ControlEndpoint>; code: string; timeoutMs?: number }[] = [
    {
      name: 'nothing listens',
      endpoint: async () => ({ socket: join(stateDir(), 'none.sock'), secret: 'x' }),
      code: 'UNREACHABLE',
    },
    { name: 'the runner hangs', endpoint: () => misbehaving(() => undefined), code: 'NO_ANSWER' },
    { name: 'the runner hangs up', endpoint: () => misbehaving((c) => c.end()), code: 'NO_ANSWER' },
    {
      name: 'the runner answers garbage',
      endpoint: () => misbehaving((c) => c.end('{"allow": true}\n')),
      code: 'GARBAGE',
    },
    {
      name: 'the runner answers non-JSON',
      endpoint: () => misbehaving((c) => c.end('yes\n')),
      code: 'GARBAGE',
    },
    {
      name: 'the runner answers too much',
      endpoint: () => misbehaving((c) => c.write('x'.repeat(1024 * 1024 + 10))),
      code: 'GARBAGE',
      timeoutMs: 30_000,
    },
  ];
  it.each(cases)('gives no result when $name', async ({ endpoint, code, timeoutMs = 1000 }) => {
    const reply = await askControl(await endpoint(), 'echo', 1, { timeoutMs });
    expect(reply).toMatchObject({ ok: false, error: { code } });
  });

  it('reads no endpoint from a missing or malformed file', () => {
    const dir = stateDir();
    writeFileSync(join(dir, 'bad.json'), '{"socket": 1}');
    expect(readEndpoint(join(dir, 'none.json'))).toBeUndefined();
    expect(readEndpoint(join(dir, 'bad.json'))).toBeUndefined();
    expect(readFileSync(join(dir, 'bad.json'), 'utf8')).toContain('socket');
  });
});
