// The node's own gate: keys go to a pane only when its re-capture still hashes to the screen the controller judged;
// a request sent again (after a reconnect) is never carried out twice; a send without a judged screen is refused.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveNode } from '../../core/hosts/node.js';
import { screenHash, type NodeReply } from '../../core/hosts/protocol.js';
import type { RawCapture } from '../../core/tmux/types.js';
import { startTmuxServer, type TmuxTestServer } from '../helpers/tmux-server.js';
import { waitFor } from '../helpers/wait.js';

describe('the node sends only to the screen the controller judged', () => {
  let server: TmuxTestServer;
  let dir: string;
  let input: PassThrough;
  let served: Promise<void>;
  const replies = new Map<string, NodeReply>();
  let n = 0;
  let pane = '';

  const ask = async (body: Record<string, unknown>, id = `r${++n}`): Promise<NodeReply> => {
    input.write(`${JSON.stringify({ id, ...body })}\n`);
    const reply = await waitFor(
      () => replies.get(id),
      `the node's reply to ${String(body.op)} ${id}`,
      30_000,
      25,
    );
    replies.delete(id);
    return reply;
  };
  const value = async <T>(body: Record<string, unknown>): Promise<T> => {
    const reply = await ask(body);
    if (!reply.ok) throw new Error(reply.message);
    return reply.value as T;
  };
  const look = async () =>
    new Map(await value<[string, RawCapture][]>({ op: 'tmux', method: 'capture', args: [[pane]] })).get(
      pane,
    )!;
  const typed = async () => (await server.run(['capture-pane', '-p', '-t', pane])).trim();

  beforeAll(async () => {
    server = await startTmuxServer();
    dir = mkdtempSync(join(tmpdir(), 'ns-node-'));
    input = new PassThrough();
    const output = new PassThrough();
    createInterface({ input: output }).on('line', (l) => {
      const r = JSON.parse(l) as NodeReply;
      replies.set(r.id, r);
    });
    served = serveNode({
      stateDir: join(dir, 'state'),
      socket: server.socket,
      version: 'test',
      input,
      output,
      tmuxConfigFile: '/dev/null',
    });
    pane = await value<string>({
      op: 'tmux',
      method: 'createPane',
      args: [{ session: 's', window: 'cat', cwd: dir, cols: 60, rows: 10 }],
    });
    await value({ op: 'tmux', method: 'start', args: [pane, { command: 'cat', cwd: dir }] });
    await waitFor(async () => (await look()).currentCommand === 'cat', 'cat to run in the pane', 30_000, 50);
  });
  afterAll(async () => {
    input?.end();
    await served;
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends to the same screen, and refuses once the screen changed since the look', async () => {
    const judged = screenHash(await look());
    expect((await ask({ op: 'send', paneId: pane, text: 'one', expect: judged })).ok).toBe(true);
    await sleep(300); // the next key of another action, well after: the screen shows "one" now
    const late = await ask({ op: 'send', paneId: pane, keys: ['Enter'], expect: 'a-screen-from-before' });
    expect(late).toMatchObject({ ok: false, message: expect.stringContaining('screen changed') });
    expect(await typed()).toBe('one');
  });

  it('a request sent again with the same id is not carried out twice', async () => {
    const judged = screenHash(await look());
    const first = await ask({ op: 'send', paneId: pane, text: 'X', expect: judged }, 'same-id');
    const again = await ask({ op: 'send', paneId: pane, text: 'X', expect: judged }, 'same-id');
    expect(first.ok && again.ok).toBe(true);
    expect(again).toMatchObject({ value: { sent: true, again: true } });
    expect(await typed()).toBe('oneX');
  });

  it('a send without a judged screen, and a key that is no key name, are refused', async () => {
    expect(await ask({ op: 'send', paneId: pane, text: 'Z' })).toMatchObject({ ok: false, code: 'USAGE' });
    const judged = screenHash(await look());
    expect(await ask({ op: 'send', paneId: pane, keys: ['rm -rf ~'], expect: judged })).toMatchObject({
      ok: false,
      code: 'USAGE',
    });
    expect(await ask({ op: 'pipe', paneId: pane, key: '../../etc/x.log' })).toMatchObject({ ok: false });
    expect(await typed()).toBe('oneX');
  });

  it("the node's journal holds each send and refusal, replayed until acknowledged", async () => {
    const events = await value<{ seq: number; event: string; detail: string }[]>({ op: 'events', after: -1 });
    expect(events.map((e) => e.event)).toEqual(['node-start', 'intent', 'sent', 'refused', 'intent', 'sent']);
    await value({ op: 'ack', seq: events.at(-1)!.seq });
    expect(await value({ op: 'events', after: -1 })).toEqual([]);
    expect(readFileSync(join(dir, 'state', 'node', 'acked'), 'utf8')).toBe(String(events.at(-1)!.seq));
  });
});
