import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightshift } from '../helpers/cli.js';
import { makeFleet, simAgent } from '../helpers/fleet.js';
import { startSmtp, type TestSmtp } from '../reports/helpers/smtp-server.js';

const TASK = 'Work through TASKS.md and append a status entry to COORDINATION.md after each task';

describe('a night with email configured (real tmux, real SMTP on loopback)', () => {
  let smtp: TestSmtp;
  let fleet: ReturnType<typeof makeFleet>;
  beforeAll(async () => {
    smtp = await startSmtp();
    fleet = makeFleet(
      [simAgent('publisher', 'secret', { task: TASK }), simAgent('reviewer', 'risky', { task: TASK })],
      {
        report: {
          email: {
            to: 'me@example.com',
            from: 'nightshift@example.com',
            smtp: `smtp://127.0.0.1:${smtp.port}`,
          },
        },
      },
    );
  });
  afterAll(async () => {
    await fleet.cleanup();
    await smtp.close();
  });

  it('mails the secret prompt at once, never answers it, and mails the morning report with report.md attached', async () => {
    const result = await nightshift(['night', '--now', '--for', '15s', '--config', fleet.configFile], {
      cwd: fleet.dir,
    });
    expect(result.exitCode, result.all).toBe(0);
    const subjects = smtp.received.map((m) => m.subject ?? '');
    expect(subjects).toContainEqual(expect.stringMatching(/needs you now: publisher \(secret\)/));
    const report = smtp.received.find(
      (m) => /need you|needs you/.test(m.subject ?? '') && !/now:/.test(m.subject ?? ''),
    );
    expect(report, `subjects: ${subjects.join(' | ')}`).toBeDefined();
    expect(report?.attachments.map((a) => a.filename)).toContain('report.md');
    expect(report?.text).toContain('rm -rf ~/ .cache/webapp');
    const events = fleet.events(fleet.runDir());
    const secretAt = events.find((e) => e.type === 'escalation' && e.kind === 'secret')?.t ?? '';
    expect(secretAt).not.toBe('');
    const typedAfter = events.filter((e) => e.type === 'action' && e.agent === 'publisher' && e.t > secretAt);
    expect(typedAfter).toEqual([]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'delivery', channel: 'urgent', ok: true }));
  }, 180_000); // a loaded machine spends 10 s and more starting the CLI through tsx
});
