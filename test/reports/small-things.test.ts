// The report's small things: timeline labels whole, coordination outputs kept whole unless they are a list of paths.
import { describe, expect, it } from 'vitest';
import { parseTimelineBlock, timelineBlock } from '../../reports/render/timeline-block.js';
import { failures } from '../../reports/model/failures.js';
import { outputItems } from '../../reports/sections/produced.js';

describe('timeline labels', () => {
  it.each([
    ['a label at the last slot', [{ slot: 2, text: '21:50' }], 3, '21:50'],
    ['a label on a one-slot night', [{ slot: 0, text: '23:10' }], 1, '23:10'],
    [
      'hour labels',
      [
        { slot: 0, text: '23' },
        { slot: 6, text: '00' },
      ],
      8,
      '00',
    ],
  ])('%s is never cut', (_name, labels, cells, whole) => {
    const block = timelineBlock({
      labels,
      rows: [{ name: 'builder', cells: 'A'.repeat(cells) }],
      slotMinutes: 10,
    });
    expect(block.split('\n')[1]).toContain(whole);
    const grid = parseTimelineBlock(block.split('\n').slice(1, -1).join('\n'));
    expect(grid?.labels.map((l) => l.text)).toContain(whole);
  });
});

describe('coordination Output field', () => {
  it.each([
    ['prose with commas stays whole', 'tests pass, 3 files changed', ['tests pass, 3 files changed']],
    [
      'a list of paths is split',
      'src/app.ts, src/db.ts, README.md',
      ['src/app.ts', 'src/db.ts', 'README.md'],
    ],
    ['a bullet is unwrapped', '- dist/', ['dist/']],
    [
      'a sentence with one path stays whole',
      'wrote src/app.ts, then stopped',
      ['wrote src/app.ts, then stopped'],
    ],
  ])('%s', (_name, line, items) => {
    expect(outputItems(line)).toEqual(items);
  });
});

describe('failures', () => {
  const entry = (from: string, at: string, status: string, task: string) => ({
    at: new Date(at),
    written: at,
    from,
    to: 'all',
    status,
    task,
    output: undefined,
    notes: undefined,
    fields: {},
    line: 1,
  });
  const line = (tag: string, at: string, text: string) => ({
    at: new Date(at),
    tag,
    status: 'ERROR',
    text,
    line: 1,
  });
  const run = (entries: ReturnType<typeof entry>[], statusLines: ReturnType<typeof line>[]) =>
    failures([], { entries, statusLines, agentOfTag: (t) => t, cutShort: undefined }, (t) => t);

  it('one failure written to the coordination file and the status log is listed once', () => {
    const list = run(
      [entry('hermes', '2026-04-11T00:00:00Z', 'ERROR', 'migrate sessions table')],
      [line('hermes', '2026-04-11T00:01:00Z', 'migration failed: duplicate key')],
    );
    expect(list).toHaveLength(1);
    expect(list[0]!.what).toContain('migrate sessions table');
  });

  it('failures of different agents, or hours apart, are each listed', () => {
    const list = run(
      [entry('hermes', '2026-04-11T00:00:00Z', 'ERROR', 'migrate sessions table')],
      [
        line('athena', '2026-04-11T00:01:00Z', 'tests failed'),
        line('hermes', '2026-04-11T03:00:00Z', 'disk full'),
      ],
    );
    expect(list).toHaveLength(3);
  });
});
