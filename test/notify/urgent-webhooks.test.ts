// Urgent escalations posted to webhooks, each kind against a real HTTP server on 127.0.0.1: the body each service
// expects, at most `perHour` an hour, planted secrets absent (in the body, and the webhook's own address in the journal).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/load.js';
import { urgentWebhooks } from '../../core/commands/urgent-webhooks.js';
import { readJournal } from '../../core/journal/journal.js';

interface Hit {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const hits: Hit[] = [];
let server: Server;
let base: string;
const dir = mkdtempSync(join(tmpdir(), 'ns-notify-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(req.url?.includes('broken') ? 500 : 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

// a secret from the environment (the Slack webhook's own path), and one the agent printed into the reason
const SLACK_SECRET = 'T000-B000-PLANTEDslackSECRET';
const PRINTED_TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
const DB_PASSWORD = 'PLANTED-db-pass-9931';

function setUp(perHour?: number) {
  const runDir = mkdtempSync(join(dir, 'night-'));
  const { config, secrets } = resolveConfig(
    {
      agents: [{ name: 'builder', command: 'claude', cwd: dir }],
      stateDir: join(dir, 'state'),
      notify: {
        ...(perHour ? { perHour } : {}),
        webhooks: [
          { kind: 'json', url: `${base}/json` },
          {
            kind: 'ntfy',
            url: `${base}/ntfy/nightshift-topic`,
            headers: { Authorization: 'Bearer ${NTFY_TOKEN}' },
          },
          { kind: 'slack', url: `${base}/slack/\${SLACK_PATH}` },
        ],
      },
    },
    { cwd: dir, env: { SLACK_PATH: SLACK_SECRET, NTFY_TOKEN: 'tk_PLANTEDntfy', DB_PASSWORD } },
  );
  let clock = Date.parse('2026-12-07T02:00:00Z');
  const post = urgentWebhooks(
    config,
    () => ({ id: '2026-12-06', runDir }),
    pino({ level: 'silent' }),
    [...secrets, DB_PASSWORD],
    () => clock,
  )!;
  return { post, runDir, advance: (ms: number) => void (clock += ms) };
}

const REASON = `builder asked to run a command the guard blocked: git push https://x:${PRINTED_TOKEN}@github.com/o/r --force (db ${DB_PASSWORD})`;

describe('urgent webhooks', () => {
  it('each kind gets the body its service expects, saying how to answer', async () => {
    hits.length = 0;
    const { post } = setUp();
    await post('builder', 'blocked-command', REASON);
    const by = (prefix: string) => hits.find((h) => h.path.startsWith(prefix))!;
    const json = JSON.parse(by('/json').body) as Record<string, unknown>;
    expect(json).toMatchObject({
      source: 'nightshift',
      night: '2026-12-06',
      agent: 'builder',
      kind: 'blocked-command',
      at: '2026-12-07T02:00:00.000Z',
      title: 'nightshift: builder needs you (blocked-command)',
    });
    expect(json.answer).toMatch(
      /^Answer from any terminal: nightshift answer builder <choice> \| --text "…" \| --decline/,
    );
    expect(json.reason).toMatch(/^builder asked to run a command the guard blocked: git push/);

    const ntfy = by('/ntfy/nightshift-topic');
    expect(ntfy.headers.title).toBe('nightshift: builder needs you (blocked-command)');
    expect(ntfy.headers.priority).toBe('high');
    expect(ntfy.headers.authorization).toBe('Bearer tk_PLANTEDntfy');
    expect(ntfy.body).toMatch(
      /^builder asked to run[^\n]*\n\nAnswer from any terminal: nightshift answer builder/,
    );

    const slack = JSON.parse(by(`/slack/${SLACK_SECRET}`).body) as { text: string };
    expect(slack.text).toMatch(
      /^\*nightshift: builder needs you \(blocked-command\)\*\nbuilder asked to run/,
    );
    expect(slack.text).toContain('nightshift answer builder');
  });

  it('planted secrets never leave: not in any body', async () => {
    hits.length = 0;
    const { post } = setUp();
    await post('builder', 'blocked-command', REASON);
    expect(hits).toHaveLength(3);
    for (const h of hits) {
      expect(h.body).not.toContain(PRINTED_TOKEN);
      expect(h.body).not.toContain(DB_PASSWORD);
      expect(h.body).not.toContain(SLACK_SECRET);
      expect(h.body).toContain('[REDACTED:');
    }
  });

  it('at most perHour an hour, like the urgent mail; the next hour they flow again', async () => {
    hits.length = 0;
    const { post, advance } = setUp(2);
    for (let i = 0; i < 5; i++) {
      await post('builder', 'secret', `asks for a password (${i})`);
      advance(60_000);
    }
    expect(
      hits.filter((h) => h.path === '/json').map((h) => (JSON.parse(h.body) as { reason: string }).reason),
    ).toEqual(['asks for a password (0)', 'asks for a password (1)']);
    advance(3_600_000);
    await post('builder', 'secret', 'asks again');
    expect(hits.filter((h) => h.path === '/json')).toHaveLength(3);
  });

  it('journals each attempt by kind and host, never the address with its secret path', async () => {
    const { post, runDir } = setUp();
    await post('builder', 'credit', 'credit exhausted');
    const { events } = readJournal(join(runDir, 'events.jsonl'));
    const deliveries = events.filter((e) => e.type === 'delivery');
    expect(deliveries.map((e) => (e.type === 'delivery' ? [e.channel, e.ok] : []))).toEqual(
      expect.arrayContaining([
        ['webhook:json', true],
        ['webhook:ntfy', true],
        ['webhook:slack', true],
      ]),
    );
    expect(JSON.stringify(events)).not.toContain(SLACK_SECRET);
    expect(JSON.stringify(events)).toContain(`from ${base}`);
  });

  it('a failing webhook is journaled as failed and does not stop the others', async () => {
    hits.length = 0;
    const runDir = mkdtempSync(join(dir, 'night-'));
    const { config } = resolveConfig(
      {
        agents: [{ name: 'builder', command: 'claude', cwd: dir }],
        stateDir: join(dir, 'state'),
        notify: {
          webhooks: [
            { kind: 'json', url: `${base}/broken` },
            { kind: 'json', url: `${base}/json` },
          ],
        },
      },
      { cwd: dir, env: {} },
    );
    await urgentWebhooks(config, () => ({ id: 'n', runDir }), pino({ level: 'silent' }))!(
      'builder',
      'other',
      'x',
    );
    const { events } = readJournal(join(runDir, 'events.jsonl'));
    expect(events.map((e) => (e.type === 'delivery' ? e.ok : null)).sort()).toEqual([false, true]);
    expect(hits.map((h) => h.path).sort()).toEqual(['/broken', '/json']);
  });

  it('without notify: nothing is set up', () => {
    const { config } = resolveConfig(
      { agents: [{ name: 'a', command: 'x', cwd: dir }], stateDir: join(dir, 'state') },
      { cwd: dir, env: {} },
    );
    expect(
      urgentWebhooks(config, () => ({ id: 'n', runDir: dir }), pino({ level: 'silent' })),
    ).toBeUndefined();
  });
});
