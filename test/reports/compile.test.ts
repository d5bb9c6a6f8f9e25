// The whole report from a generated night: subject, order of sections, HTML email rules, size limit.
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../config/schema.js';
import { buildNightRecord, compileReport, HTML_LIMIT } from '../../reports/index.js';
import { REPORTERS } from '../../plugins/reporters/index.js';
import { generateNight } from '../fixtures/reports/night-generator.js';
import { collectSections } from './helpers/report-context.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ns-compile-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const reporters = REPORTERS.filter((p) => p.report);
const titles = (markdown: string) => [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);

describe('compileReport on a night with several agents', async () => {
  const g = generateNight({ dir: tempDir(), agents: 5, git: true });
  const night = buildNightRecord(g.runDir, g.config);
  const sections = await collectSections(reporters, g.config, night);
  const report = await compileReport(night, sections, {
    config: g.config,
    now: () => new Date('2026-04-11T04:30:00Z'),
  });

  it('puts the verdict and the counts in the subject', () => {
    expect(report.subject).toBe(
      '[nightshift] 4 need you · 40 done · 3 failed · 20 min lost to parks · 1 plugin failed — night of Fri 10 – Sat 11 Apr 2026',
    );
    expect(report.verdict).toBe('failed');
  });

  it('orders the sections: needs you, parks, failures, produced, rescues, agents, timeline, …, detail', () => {
    expect(titles(report.markdown)).toEqual([
      'Needs you (4)',
      'Parks (1) · 20 min lost to parks',
      'Failures (3)',
      'Produced',
      'Rescues (64)',
      'Agents',
      'Timeline',
      'Coordination',
      'Failed plugins',
      'orpheus in detail',
      'hermes in detail',
      'athena in detail',
      'prometheus in detail',
      'apollo in detail',
    ]);
  });

  it('phrases each "needs you" item as an action with the agent that asked', () => {
    const needs = report.markdown.slice(
      report.markdown.indexOf('## Needs you'),
      report.markdown.indexOf('## Failures'),
    );
    expect(needs).toContain('**hermes** · since 00:23 — Review the command the guard blocked');
    expect(needs).toContain('`rm -rf ~/data/backups`');
    expect(needs).toContain("Answer hermes's WAIT entry for human: clean old backups.");
    expect(needs).toContain('**prometheus** · since 01:56 — Look at its pane and restart it');
    expect(needs).toContain('**athena** · since 05:41 — Type the secret into its pane yourself');
  });

  it('lists commits made overnight in the agents’ repository', () => {
    expect(report.markdown).toContain('6 commits');
    expect(report.markdown).toMatch(
      /\| \d\d:\d\d \| orpheus, hermes, athena, prometheus, apollo \| `[0-9a-f]{10}` \| orpheus: fix flaky retry test \|/,
    );
    expect(report.markdown).not.toContain('yesterday: initial import');
  });

  it('renders an email-safe HTML: no scripts, SVG or images, agent HTML escaped, timeline cells coloured twice and lettered', () => {
    expect(report.html).not.toMatch(/<script|<svg|<img|<style/i);
    expect(report.html).toContain('&lt;b&gt;(3.2 GB)&lt;/b&gt;');
    expect(report.html).toMatch(
      /<td colspan="\d+" bgcolor="#a5d6a7" style="background:#a5d6a7;color:#1b5e20;[^"]*">A+<\/td>/,
    );
    expect(report.html).toMatch(/bgcolor="#616161"[^>]*>X+</);
    expect(Buffer.byteLength(report.html)).toBeLessThan(HTML_LIMIT);
    expect(report.text).toContain('## Needs you (4)');
  });

  it('writes report.md and report.html into the run directory', () => {
    expect(readFileSync(join(g.runDir, 'report.md'), 'utf8')).toBe(report.markdown);
    expect(readFileSync(join(g.runDir, 'report.html'), 'utf8')).toBe(report.html);
  });

  it('places transcript lines in time from the journal offset marks', () => {
    const detail = report.markdown.slice(report.markdown.indexOf('## prometheus in detail'));
    expect(detail).toMatch(/at 0[0-2]:\d\d:\n\n```text\n[^`]*>> Error: ENOMEM/);
  });
});

describe('compileReport size limit', async () => {
  const g = generateNight({ dir: tempDir(), agents: 16, hours: 8, seed: 3, logBytesPerHour: 60_000 });
  const night = buildNightRecord(g.runDir, g.config);
  const sections = await collectSections(reporters, g.config, night);
  const report = await compileReport(night, sections, {
    config: g.config,
    now: () => new Date('2026-04-11T05:30:00Z'),
  });

  it('keeps 16 agents × 8 hours under 100 KB of HTML by cutting detail sections with a note, never "needs you"', () => {
    expect(Buffer.byteLength(report.html)).toBeLessThan(HTML_LIMIT);
    expect(report.truncated.length).toBeGreaterThan(0);
    expect(
      report.truncated.every(
        (id) => id.startsWith('agent-') || id === 'produced' || id === 'rescues' || id === 'warnings',
      ),
    ).toBe(true);
    expect(report.truncated).not.toContain('needs-you');
    expect(report.html).toContain('Cut to fit the email');
    const needs = sections.find((s) => s.id === 'needs-you')!;
    expect(report.text).toContain(needs.markdown);
    // the file on disk keeps everything
    for (const s of sections) expect(report.markdown).toContain(s.markdown);
  });
});

describe('compileReport on small nights', () => {
  function quietNight(extra: object[] = [], end = true) {
    const dir = tempDir();
    const runDir = join(dir, 'nights', '2026-04-10');
    mkdirSync(join(runDir, 'logs'), { recursive: true });
    const config = configSchema.parse({
      timezone: 'UTC',
      stateDir: dir,
      agents: [{ name: 'solo', command: 'claude', cwd: dir }],
    });
    const events = [
      {
        t: '2026-04-10T23:00:00.000Z',
        type: 'night-start',
        night: '2026-04-10',
        runDir,
        configHash: 'x',
        resumed: false,
        start: '2026-04-10T23:00:00.000Z',
        end: '2026-04-11T06:00:00.000Z',
        agents: ['solo'],
        dryRun: false,
      },
      {
        t: '2026-04-10T23:00:05.000Z',
        type: 'agent-started',
        agent: 'solo',
        paneId: '%1',
        command: 'claude',
        cwd: dir,
        cols: 80,
        rows: 24,
        adopted: false,
      },
      {
        t: '2026-04-10T23:00:10.000Z',
        type: 'state',
        agent: 'solo',
        from: null,
        to: 'busy',
        rule: 'r',
        hash: 'h',
      },
      ...extra,
      ...(end ? [{ t: '2026-04-11T06:00:00.000Z', type: 'night-end', reason: 'schedule' }] : []),
    ];
    writeFileSync(join(runDir, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    writeFileSync(join(runDir, 'logs', 'solo.log'), 'hello from solo\r\nall done\r\n');
    return { config, night: buildNightRecord(runDir, config) };
  }

  it('says "All good" when all is good, never a blank', async () => {
    const { config, night } = quietNight();
    const report = await compileReport(night, await collectSections(reporters, config, night), {
      config,
      now: () => new Date('2026-04-11T06:30:00Z'),
    });
    expect(report.subject).toBe('[nightshift] All good · 0 done — night of Fri 10 – Sat 11 Apr 2026');
    expect(report.markdown).toContain('**All good.** Nothing needs you this morning.');
    expect(report.markdown).toContain('No failures.');
    expect(report.markdown).toContain('No rescues were needed.');
    expect(report.verdict).toBe('ok');
  });

  it('says so when the journal stops without a night end (the runner died)', async () => {
    const { config, night } = quietNight(
      [
        {
          t: '2026-04-11T01:12:00.000Z',
          type: 'state',
          agent: 'solo',
          from: 'busy',
          to: 'input',
          rule: 'r',
          hash: 'h2',
        },
      ],
      false,
    );
    const report = await compileReport(night, [], { config, now: () => new Date('2026-04-11T06:30:00Z') });
    expect(report.verdict).toBe('failed');
    expect(report.markdown).toContain('the journal stops at 01:12');
  });

  it('includes a user plugin section in its order, redacted like everything else', async () => {
    const { config, night } = quietNight();
    const custom = {
      id: 'deploys',
      title: 'Deploys',
      markdown: 'deployed with token ghp_R4nd0mT0k3nV4lu3F0rT3st1ngPurp0s3s12 <img src=x onerror=alert(1)>',
      order: 35,
    };
    const sections = [...(await collectSections(reporters, config, night)), custom];
    const report = await compileReport(night, sections, {
      config,
      now: () => new Date('2026-04-11T06:30:00Z'),
    });
    expect(titles(report.markdown).slice(0, 5)).toEqual([
      'Needs you',
      'Failures',
      'Produced',
      'Deploys',
      'Rescues',
    ]);
    expect(report.markdown).not.toContain('ghp_R4nd0m');
    expect(report.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(existsSync(join(night.runDir, 'report.html'))).toBe(true);
  });
});
