// Secrets planted in the pane logs, the journal, the coordination file and the status log reach
// none of the markdown, the HTML, the text part, the files on disk, or the email as received.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNightRecord, compileReport, deliverReport } from '../../reports/index.js';
import { REPORTERS } from '../../plugins/reporters/index.js';
import { generateNight } from '../fixtures/reports/night-generator.js';
import {
  PLANTED_KEY_BLOCK,
  PLANTED_KEY_NEEDLES,
  PLANTED_SECRETS,
} from '../fixtures/reports/planted-secrets.js';
import { collectSections } from './helpers/report-context.js';
import { startSmtp, until } from './helpers/smtp-server.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const texts = PLANTED_SECRETS.map((s) => s.text);
const needles = [...PLANTED_SECRETS.map((s) => s.needle), ...PLANTED_KEY_NEEDLES];
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('no planted secret leaves', async () => {
  const smtp = await startSmtp();
  afterAll(() => smtp.close());
  const g = generateNight({ dir, agents: 4, secrets: texts, smtp: `smtp://127.0.0.1:${smtp.port}` });
  const { coordination, agents } = g.config;

  // every format, in every input the report reads
  for (const agent of agents) {
    const log = join(g.runDir, 'logs', `${agent.name}.log`);
    appendFileSync(
      log,
      `\r\n${texts.join('\r\n')}\r\n${PLANTED_KEY_BLOCK.join('\r\n')}\r\nError: auth failed with ${texts[16]}\r\n${texts[0]}\r\n`,
    );
  }
  appendFileSync(
    coordination.file!,
    `\n## [2026-04-11 05:30] orpheus → human\nStatus: HELP\nTask: rotate ${texts[4]}\nOutput: ${texts[16]}\nNotes: ${texts.join('\n')}\n${PLANTED_KEY_BLOCK.join('\n')}\n`,
  );
  appendFileSync(
    coordination.statusLog!,
    `[05:40:00] [fleet:hermes] [HELP] cannot log in with ${texts[17]}\n[05:41:00] [fleet:athena] [ERROR] ${texts[2]} rejected\n`,
  );
  utimesSync(coordination.statusLog!, g.end, g.end);
  const journal = join(g.runDir, 'events.jsonl');
  appendFileSync(
    journal,
    [
      {
        t: '2026-04-11T03:50:00.000Z',
        type: 'escalation',
        agent: 'hermes',
        plugin: 'approve-safe',
        kind: 'blocked-command',
        reason: `blocked: ${texts[19]}`,
        command: `mysql ${texts[19]}`,
        urgent: false,
      },
      { t: '2026-04-11T03:51:00.000Z', type: 'note', agent: 'hermes', plugin: 'x', text: `saw ${texts[5]}` },
      {
        t: '2026-04-11T03:52:00.000Z',
        type: 'refusal',
        agent: 'athena',
        plugin: 'approve-safe',
        action: 'answer',
        why: 'guard',
        reason: `env ${texts[17]}`,
        command: `export ${texts[17]}`,
        screenHash: 's',
      },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n') + '\n',
  );

  const night = buildNightRecord(g.runDir, g.config);
  const sections = await collectSections(REPORTERS, g.config, night);
  const report = await compileReport(night, sections, {
    config: g.config,
    now: () => new Date('2026-04-11T04:30:00Z'),
  });
  const outcome = await deliverReport(report, { config: g.config, runDir: g.runDir });
  await until(() => smtp.received.length === 1);
  const mail = smtp.received[0]!;

  const outputs: [string, string][] = [
    ['markdown', report.markdown],
    ['html', report.html],
    ['text', report.text],
    ['subject', report.subject],
    ['report.md', readFileSync(report.files.markdown, 'utf8')],
    ['report.html', readFileSync(report.files.html, 'utf8')],
    ['received html', String(mail.html)],
    ['received text', mail.text ?? ''],
    ['received attachment', mail.attachments.map((a) => a.content.toString('utf8')).join('\n')],
    ['received raw', smtp.raw.join('\n')],
  ];

  it('plants the secrets where the report reads them (the report does show those places)', () => {
    expect(outcome.state).toBe('sent');
    expect(needles.length).toBeGreaterThanOrEqual(20);
    expect(report.markdown).toContain('cannot log in with');
    expect(report.markdown).toContain('[REDACTED:');
    expect(report.markdown).toContain('blocked: ');
  });

  it.each(outputs.map(([where]) => [where]))('finds no secret in the %s', (where) => {
    const text = outputs.find(([w]) => w === where)![1];
    const leaks = needles.filter((n) => text.includes(n) || text.includes(escapeHtml(n)));
    expect(leaks).toEqual([]);
  });
});
