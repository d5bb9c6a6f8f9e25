// Delivery through a real SMTP server on loopback: what arrives, retries, the outbox, permanent failures.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { simpleParser } from 'mailparser';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJournal } from '../../core/journal/journal.js';
import {
  Outbox,
  deliverReport,
  flushOutbox,
  outboxDir,
  smtpSender,
  parseSmtpUrl,
  type DeliveryConfig,
} from '../../reports/index.js';
import type { CompiledReport } from '../../core/index.js';
import { freePort, startSmtp, until, type TestSmtp } from './helpers/smtp-server.js';

let dir: string;
let runDir: string;
const servers: TestSmtp[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-delivery-'));
  runDir = join(dir, 'nights', '2026-04-10');
  // a run directory with a journal, so attempts can be journaled
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'events.jsonl'), '');
});

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const report: CompiledReport & { verdict: string } = {
  night: '2026-04-10',
  subject: '[nightshift] 2 need you · 5 done — night of Fri 10 – Sat 11 Apr 2026',
  markdown: '# Needs attention\n\n## Needs you\n\n1. **hermes** — review `rm -rf ~/data`\n',
  html: '<!DOCTYPE html><html><body><h1>2 need you</h1><p>review <code>rm -rf ~/data</code></p></body></html>',
  text: '# Needs attention\n\n1. hermes — review rm -rf ~/data\n',
  files: { markdown: '/tmp/report.md', html: '/tmp/report.html' },
  verdict: 'attention',
};

function config(smtp: string | undefined): DeliveryConfig {
  return {
    stateDir: dir,
    report: {
      email: {
        to: 'me@example.com',
        from: 'nightshift@example.com',
        subjectPrefix: 'nightshift',
        deadline: 6 * 3_600_000,
        ...(smtp ? { smtp } : {}),
      },
    },
  };
}

/** A clock the test moves by hand. */
function clock(start = Date.parse('2026-04-11T04:30:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

function deliveries() {
  return readJournal(join(runDir, 'events.jsonl')).events.filter((e) => e.type === 'delivery');
}

describe('delivery over SMTP (real server on loopback)', () => {
  it('delivers subject, HTML, text, the markdown attachment and a status header', async () => {
    const smtp = await startSmtp();
    servers.push(smtp);
    const outcome = await deliverReport(report, { config: config(`smtp://127.0.0.1:${smtp.port}`), runDir });
    expect(outcome.state).toBe('sent');
    await until(() => smtp.received.length === 1);
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe(report.subject);
    expect(mail.html).toContain('<h1>2 need you</h1>');
    expect(mail.text).toContain('hermes — review rm -rf ~/data');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['report.md', 'text/markdown'],
    ]);
    expect(mail.attachments[0]!.content.toString('utf8')).toBe(report.markdown);
    expect(mail.headers.get('x-nightshift-status')).toBe('attention');
    expect(deliveries()).toMatchObject([{ channel: 'email', ok: true, attempt: 1 }]);
    const item = new Outbox(outboxDir(dir), {
      send: smtpSender(parseSmtpUrl(`smtp://127.0.0.1:${smtp.port}`) as never),
    }).get(outcome.id!);
    expect(item?.state).toBe('sent');
  });

  it('a 421 is retried with backoff and then delivered once', async () => {
    const smtp = await startSmtp({ rejectMailFrom: [421] });
    servers.push(smtp);
    const c = clock();
    const cfg = config(`smtp://127.0.0.1:${smtp.port}`);
    const first = await deliverReport(report, { config: cfg, runDir, now: c.now });
    expect(first.state).toBe('pending');
    expect(first.detail).toMatch(/421/);

    expect(await flushOutbox(cfg, undefined, { now: c.now })).toEqual([
      { id: first.id, state: 'pending', detail: 'pending' },
    ]);
    c.advance(2 * 60_000); // past the first backoff (1 min ± 10 %)
    const [retry] = await flushOutbox(cfg, undefined, { now: c.now });
    expect(retry?.state).toBe('sent');
    await until(() => smtp.received.length === 1);
    await flushOutbox(cfg, undefined, { now: c.now });
    expect(smtp.received).toHaveLength(1);
    expect(deliveries().map((e) => (e.type === 'delivery' ? [e.ok, e.attempt, e.retry] : []))).toEqual([
      [false, 1, true],
      [true, 2, false],
    ]);
  });

  it('a server down at report time: the outbox delivers when it is up', async () => {
    const port = await freePort();
    const c = clock();
    const cfg = config(`smtp://127.0.0.1:${port}`);
    const first = await deliverReport(report, { config: cfg, runDir, now: c.now });
    expect(first.state).toBe('pending');
    expect(first.detail).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);

    const smtp = await startSmtp({ port });
    servers.push(smtp);
    c.advance(5 * 60_000);
    const results = await flushOutbox(cfg, undefined, { now: c.now });
    expect(results.map((r) => r.state)).toEqual(['sent']);
    await until(() => smtp.received.length === 1);
    expect(smtp.received[0]!.subject).toBe(report.subject);
  });

  it('a 550 is not retried and is reported', async () => {
    const smtp = await startSmtp({ rejectMailFrom: [550, 550] });
    servers.push(smtp);
    const c = clock();
    const cfg = config(`smtp://127.0.0.1:${smtp.port}`);
    const outcome = await deliverReport(report, { config: cfg, runDir, now: c.now });
    expect(outcome.state).toBe('failed');
    expect(outcome.detail).toMatch(/550/);
    c.advance(60 * 60_000);
    expect(await flushOutbox(cfg, undefined, { now: c.now })).toEqual([]);
    expect(smtp.received).toHaveLength(0);
    expect(deliveries()).toMatchObject([{ ok: false, attempt: 1, retry: false }]);
  });

  it('gives up at the deadline', async () => {
    const port = await freePort();
    const c = clock();
    const cfg = config(`smtp://127.0.0.1:${port}`);
    const first = await deliverReport(report, { config: cfg, runDir, now: c.now });
    expect(first.state).toBe('pending');
    c.advance(7 * 3_600_000);
    expect((await flushOutbox(cfg, undefined, { now: c.now })).map((r) => r.state)).toEqual(['expired']);
  });

  it('without an SMTP URL the email is written as report.eml next to the report', async () => {
    const outcome = await deliverReport(report, { config: config(undefined), runDir });
    expect(outcome.state).toBe('written');
    const eml = await simpleParser(readFileSync(join(runDir, 'report.eml')));
    expect(eml.subject).toBe(report.subject);
    expect(eml.attachments.map((a) => a.filename)).toEqual(['report.md']);
    expect(eml.html).toContain('<h1>2 need you</h1>');
    expect(existsSync(outboxDir(dir))).toBe(false);
    expect(deliveries()).toMatchObject([{ channel: 'eml', ok: true }]);
  });

  it('requires STARTTLS from a server that is not on loopback (a config error, not retried)', async () => {
    const address = nonLoopbackAddress();
    if (!address) return; // no other interface here
    const smtp = await startSmtp({ host: '0.0.0.0' });
    servers.push(smtp);
    const outcome = await deliverReport(report, { config: config(`smtp://${address}:${smtp.port}`), runDir });
    expect(outcome.state).toBe('failed');
    expect(outcome.detail).toMatch(/^config: ETLS/);
    expect(smtp.received).toHaveLength(0);
  });

  it('two flushes at once send one email (per-item lock, stored Message-ID)', async () => {
    const smtp = await startSmtp();
    servers.push(smtp);
    const cfg = config(`smtp://127.0.0.1:${smtp.port}`);
    const sender = smtpSender(parseSmtpUrl(`smtp://127.0.0.1:${smtp.port}`) as never);
    const a = new Outbox(outboxDir(dir), { send: sender });
    const b = new Outbox(outboxDir(dir), { send: sender });
    const { reportMessage } = await import('../../reports/index.js');
    const item = a.enqueue({
      night: '2026-04-10',
      runDir,
      message: reportMessage(report, cfg.report.email, new Date()),
      deadline: new Date(Date.now() + 3_600_000),
    });
    const results = await Promise.all([a.flush(), b.flush(), a.flush()]);
    await until(() => smtp.received.length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received).toHaveLength(1);
    // the third call joined the first one's run; the second process found the item locked or sent
    expect(results[2]).toBe(results[0]);
    expect([...results[0]!, ...results[1]!].filter((r) => r.state === 'sent')).toHaveLength(1);
    expect(smtp.received[0]!.messageId).toBe(item.message.messageId);
    expect(readdirSync(outboxDir(dir)).filter((f) => f.endsWith('.lock') || f.endsWith('.tmp'))).toEqual([]);
  });
});

function nonLoopbackAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return undefined;
}
