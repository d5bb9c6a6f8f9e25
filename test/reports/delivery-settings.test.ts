import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../config/schema.js';
import { buildNightRecord, classifySendError, isLoopback, parseSmtpUrl } from '../../reports/index.js';

describe('SMTP settings', () => {
  it.each([
    [
      'smtp://user:pw@mail.example.com',
      { host: 'mail.example.com', port: 587, secure: false, requireTLS: true, loopback: false },
    ],
    [
      'smtps://mail.example.com',
      { host: 'mail.example.com', port: 465, secure: true, requireTLS: false, loopback: false },
    ],
    [
      'smtp://127.0.0.1:2525',
      { host: '127.0.0.1', port: 2525, secure: false, requireTLS: false, loopback: true },
    ],
    [
      'smtp://localhost:25',
      { host: 'localhost', port: 25, secure: false, requireTLS: false, loopback: true },
    ],
    ['smtp://[::1]:25', { host: '::1', port: 25, secure: false, requireTLS: false, loopback: true }],
  ])('%s: STARTTLS required except on loopback', (url, expected) => {
    expect(parseSmtpUrl(url)).toMatchObject(expected);
  });

  it('decodes credentials and never echoes them in errors', () => {
    expect(parseSmtpUrl('smtp://me%40x.com:p%40ss@mail.example.com')).toMatchObject({
      auth: { user: 'me@x.com', pass: 'p@ss' },
    });
    expect(parseSmtpUrl('http://user:hunter2@mail.example.com')).toEqual({
      error: 'report.email.smtp must start with smtp:// or smtps://, not http://',
    });
  });

  it.each([
    ['127.8.9.10', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['mail.localhost', true],
    ['localhost.example.com', false],
  ])('%s is loopback: %s', (host, expected) => expect(isLoopback(host)).toBe(expected));
});

describe('classifying send errors', () => {
  it.each([
    [{ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'transient'],
    [{ code: 'ETIMEDOUT', message: 'Connection timeout' }, 'transient'],
    [{ code: 'EENVELOPE', responseCode: 421, response: '421 try later' }, 'transient'],
    [{ code: 'EMESSAGE', responseCode: 451, response: '451 local error' }, 'transient'],
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 no such user' }, 'permanent'],
    [{ code: 'EAUTH', responseCode: 535, response: '535 bad credentials' }, 'config'],
    [{ code: 'ETLS', message: 'STARTTLS required' }, 'config'],
  ])('%o is %s', (error, kind) => expect(classifySendError(error).kind).toBe(kind));
});

describe('buildNightRecord', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ns-record-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('falls back to the journal when night.json is missing, skips a torn line, and warns instead of throwing', () => {
    const runDir = join(dir, 'nights', '2026-04-10');
    mkdirSync(runDir, { recursive: true });
    const start = {
      t: '2026-04-10T21:00:00.000Z',
      type: 'night-start',
      night: '2026-04-10',
      runDir,
      configHash: 'x',
      resumed: false,
      start: '2026-04-10T21:00:00.000Z',
      end: '2026-04-11T04:00:00.000Z',
      agents: ['a', 'gone'],
      dryRun: false,
    };
    const started = {
      t: '2026-04-10T21:00:01.000Z',
      type: 'agent-started',
      agent: 'gone',
      paneId: '%2',
      command: 'codex',
      cwd: '/srv',
      cols: 100,
      rows: 30,
      adopted: false,
    };
    writeFileSync(
      join(runDir, 'events.jsonl'),
      `${JSON.stringify(start)}\n${JSON.stringify(started)}\n{"t":"2026-04-10T21:`,
    );
    const config = configSchema.parse({
      timezone: 'Europe/Berlin',
      agents: [{ name: 'a', command: 'claude' }],
    });
    const night = buildNightRecord(runDir, config);
    expect(night.id).toBe('2026-04-10');
    expect(night.end.toISOString()).toBe('2026-04-11T04:00:00.000Z');
    expect(night.agents.map((a) => [a.name, a.command, a.cwd])).toEqual([
      ['a', 'claude', '.'],
      ['gone', 'codex', '/srv'],
    ]);
    expect(night.logs.gone).toBe(join(runDir, 'logs', 'gone.log'));
    expect(night.warnings.join('\n')).toMatch(
      /night.json is missing[\s\S]*torn last line[\s\S]*no pane log for a/,
    );
  });
});
