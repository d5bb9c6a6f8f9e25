import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCoordination, parseStatusLog, readCoordination, readStatusLog } from '../../reports/index.js';

const TZ = 'Europe/Berlin';
const dir = mkdtempSync(join(tmpdir(), 'ns-coord-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILE = `# Fleet coordination

## [2026-04-11 01:14] Orpheus → Prometheus
Status: DONE
Task: Refactor the auth module
Output: src/auth/, docs/auth.md
Notes: Tests pass.
  The session store moved to redis.

## [2026-04-11 02:00] Hermes -> all
- **Status:** WAIT
- **Task:** Deploy to staging
- **Notes**: <script>alert(1)</script> needs a human
- **Reviewer:** Athena

## Random heading
text that is not an entry

## [2026-04-11 02:30] Athena → Orpheus
Task: no status line here

## [2026-13-45 25:00] Broken → Date
Status: DONE
`;

describe('the coordination file (marked lexer)', () => {
  const parsed = parseCoordination(FILE, TZ);

  it('reads entries with their time in the night time zone and their fields', () => {
    expect(parsed.items.map((e) => [e.written, e.from, e.to, e.status, e.task])).toEqual([
      ['2026-04-11 01:14', 'Orpheus', 'Prometheus', 'DONE', 'Refactor the auth module'],
      ['2026-04-11 02:00', 'Hermes', 'all', 'WAIT', 'Deploy to staging'],
      ['2026-04-11 02:30', 'Athena', 'Orpheus', undefined, 'no status line here'],
    ]);
    expect(parsed.items[0]!.at.toISOString()).toBe('2026-04-10T23:14:00.000Z');
    expect(parsed.items[0]!.line).toBe(3);
  });

  it('keeps multi-line notes, unknown keys, and agent HTML as plain text', () => {
    expect(parsed.items[0]!.notes).toBe('Tests pass.\nThe session store moved to redis.');
    expect(parsed.items[0]!.output).toBe('src/auth/, docs/auth.md');
    expect(parsed.items[1]!.fields.reviewer).toBe('Athena');
    expect(parsed.items[1]!.notes).toBe('<script>alert(1)</script> needs a human');
  });

  it('reports malformed entries without failing', () => {
    expect(parsed.malformed.map((m) => [m.line, m.problem])).toEqual([
      [16, 'heading is not "[YYYY-MM-DD HH:MM] From → To"'],
      [19, 'no Status line'],
      [22, 'not a real date and time: 2026-13-45 25:00'],
    ]);
  });

  it('keeps only the entries of the night', () => {
    const file = join(dir, 'COORDINATION.md');
    writeFileSync(
      file,
      `## [2026-04-09 23:00] Orpheus → all\nStatus: DONE\nTask: yesterday\n\n## Old junk\n\n${FILE}`,
    );
    const read = readCoordination(file, {
      timeZone: TZ,
      window: { start: new Date('2026-04-10T23:30:00Z'), end: new Date('2026-04-11T04:00:00Z') },
    });
    expect(read.items.map((e) => e.from)).toEqual(['Hermes', 'Athena']);
    // "Old junk" lies before tonight's part of the file; the malformed ones after it are reported
    expect(read.malformed.map((m) => m.text)).toEqual([
      'Random heading',
      '[2026-04-11 02:30] Athena → Orpheus',
      '[2026-13-45 25:00] Broken → Date',
    ]);
  });

  it.each([
    ['a missing file', undefined, /does not exist/],
    ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]), /looks binary/],
  ])('handles %s with a warning', (_what, content, warning) => {
    const file = join(dir, `odd-${Math.random()}.md`);
    if (content) writeFileSync(file, content);
    const read = readCoordination(file, { timeZone: TZ, window: { start: new Date(0), end: new Date() } });
    expect(read.items).toEqual([]);
    expect(read.warnings.join('\n')).toMatch(warning);
  });

  it('reads only the end of a huge file, with a warning', () => {
    const file = join(dir, 'huge.md');
    const filler = 'x'.repeat(1000) + '\n';
    writeFileSync(file, filler.repeat(3000) + FILE);
    const read = readCoordination(file, {
      timeZone: TZ,
      window: { start: new Date('2026-04-10T22:00:00Z'), end: new Date('2026-04-11T04:00:00Z') },
      maxBytes: 64 * 1024,
    });
    expect(read.items).toHaveLength(3);
    expect(read.warnings.join('\n')).toMatch(/only its last 64 KiB were read/);
  });
});

const LOG = `[23:10:00] [0:1] [START] Starting data-service code audit
[23:55:12] [0:2] [START] Writing docs
[00:20:30] [0:1] [DONE] Audit finished
not a status line
[01:15:00] [0:2] [HELP] Which style guide?
[01:15:00] [0:3] [PAUSED] unknown status kept
[05:59:59] [0:1] [WAIT] waiting for review
`;

describe('the status log (times without dates)', () => {
  it('infers dates across midnight from the file time', () => {
    const parsed = parseStatusLog(LOG, { timeZone: TZ, anchor: new Date('2026-04-11T04:30:00Z') });
    expect(parsed.items.map((l) => [l.at.toISOString(), l.tag, l.status])).toEqual([
      ['2026-04-10T21:10:00.000Z', '0:1', 'START'],
      ['2026-04-10T21:55:12.000Z', '0:2', 'START'],
      ['2026-04-10T22:20:30.000Z', '0:1', 'DONE'],
      ['2026-04-10T23:15:00.000Z', '0:2', 'HELP'],
      ['2026-04-10T23:15:00.000Z', '0:3', 'PAUSED'],
      ['2026-04-11T03:59:59.000Z', '0:1', 'WAIT'],
    ]);
    expect(parsed.malformed).toEqual([
      { line: 4, text: 'not a status line', problem: 'not "[HH:MM:SS] [source] [STATUS] text"' },
    ]);
  });

  it('places a last line later in the day than the file time on the day before', () => {
    const parsed = parseStatusLog('[23:50:00] [a] [DONE] late\n', {
      timeZone: TZ,
      anchor: new Date('2026-04-11T05:00:00Z'),
    });
    expect(parsed.items[0]!.at.toISOString()).toBe('2026-04-10T21:50:00.000Z');
  });

  it('keeps only the lines of the night (an earlier night in the same file is dropped)', () => {
    const file = join(dir, 'status.log');
    writeFileSync(
      file,
      `[23:00:00] [0:1] [START] last night\n[04:00:00] [0:1] [DONE] last night done\n${LOG}`,
    );
    utimesSync(file, new Date('2026-04-11T04:00:00Z'), new Date('2026-04-11T04:00:00Z'));
    const read = readStatusLog(file, {
      timeZone: TZ,
      window: { start: new Date('2026-04-10T21:00:00Z'), end: new Date('2026-04-11T05:00:00Z') },
    });
    expect(read.items.map((l) => l.text)).toEqual([
      'Starting data-service code audit',
      'Writing docs',
      'Audit finished',
      'Which style guide?',
      'unknown status kept',
      'waiting for review',
    ]);
    expect(read.malformed).toHaveLength(1);
  });
});
