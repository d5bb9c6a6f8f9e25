import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { nightshift } from '../helpers/cli.js';

describe('fault: malformed or huge coordination file, binary garbage in a pane log, a torn journal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ns-bad-inputs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the report is still produced, with a warning line for each', async () => {
    const runDir = join(dir, 'state', 'nights', '2026-11-20');
    mkdirSync(join(runDir, 'logs'), { recursive: true });
    const start = '2026-11-20T23:00:00.000Z';
    const end = '2026-11-21T06:00:00.000Z';
    writeFileSync(
      join(runDir, 'night.json'),
      JSON.stringify({ id: '2026-11-20', start, end, agents: ['builder', 'tester'] }),
    );
    const events = [
      {
        t: start,
        type: 'night-start',
        night: '2026-11-20',
        runDir,
        configHash: 'x',
        resumed: false,
        start,
        end,
        agents: ['builder', 'tester'],
        dryRun: false,
      },
      {
        t: start,
        type: 'agent-started',
        agent: 'builder',
        paneId: '%0',
        command: 'claude',
        cwd: dir,
        cols: 80,
        rows: 24,
        adopted: false,
      },
      {
        t: start,
        type: 'agent-started',
        agent: 'tester',
        paneId: '%1',
        command: 'claude',
        cwd: dir,
        cols: 80,
        rows: 24,
        adopted: false,
      },
      {
        t: '2026-11-21T01:00:00.000Z',
        type: 'state',
        agent: 'builder',
        from: null,
        to: 'busy',
        rule: 'x',
        hash: 'h',
      },
    ];
    writeFileSync(
      join(runDir, 'events.jsonl'),
      `${events.map((e) => JSON.stringify(e)).join('\n')}\n{"t":"2026-11-21T02:00:00Z","type":"sta`,
    );
    writeFileSync(
      join(runDir, 'logs', 'builder.log'),
      Buffer.concat([Buffer.from('building…\r\n'), randomBytes(256 * 1024), Buffer.from('\r\ndone\r\n')]),
    );
    writeFileSync(join(runDir, 'logs', 'tester.log'), randomBytes(64 * 1024));
    const coordination = join(dir, 'COORDINATION.md');
    writeFileSync(
      coordination,
      Buffer.concat([
        Buffer.from('## [2026-11-21 01:00] builder → lead\n\nStatus: DONE\n'),
        randomBytes(4096),
      ]),
    );
    writeFileSync(
      join(dir, 'nightshift.config.yaml'),
      stringify({
        timezone: 'UTC',
        stateDir: './state',
        agents: [
          { name: 'builder', command: 'claude' },
          { name: 'tester', command: 'claude' },
        ],
        coordination: { file: coordination },
      }),
    );

    const result = await nightshift(['report', '--night', '2026-11-20'], { cwd: dir });
    expect(result.exitCode, result.all).toBe(0);
    const report = readFileSync(join(runDir, 'report.md'), 'utf8');
    expect(existsSync(join(runDir, 'report.html'))).toBe(true);
    expect(report).toMatch(/torn last line/);
    expect(report).toMatch(/coordination file[^\n]*binary/i);
    expect(report).toContain('## builder in detail');
  });
});
