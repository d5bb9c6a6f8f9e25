import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCREENS_FILE } from '../../core/journal/screen-record.js';
import { pruneScreenRecords } from '../../core/night/record-night.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

// `record.nights`: the night starting and the newest others keep their screen record; older nights lose only it
const cases: {
  name: string;
  nights: string[];
  recorded: string[];
  starting: string;
  keep: number;
  kept: string[];
}[] = [
  {
    name: 'a new night and keep 2: the newest other night keeps its record',
    nights: ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'],
    recorded: ['2026-12-01', '2026-12-02', '2026-12-03'],
    starting: '2026-12-04',
    keep: 2,
    kept: ['2026-12-03'],
  },
  {
    name: 'a resumed night counts itself once',
    nights: ['2026-12-01', '2026-12-02', '2026-12-03'],
    recorded: ['2026-12-01', '2026-12-02', '2026-12-03'],
    starting: '2026-12-03',
    keep: 2,
    kept: ['2026-12-02', '2026-12-03'],
  },
  {
    name: 'a second night on one date sorts after the first (.10 after .2)',
    nights: ['2026-12-01.2', '2026-12-01.10', '2026-12-02'],
    recorded: ['2026-12-01.2', '2026-12-01.10'],
    starting: '2026-12-02',
    keep: 2,
    kept: ['2026-12-01.10'],
  },
  {
    name: 'keep 1: only the starting night',
    nights: ['2026-12-01', '2026-12-02'],
    recorded: ['2026-12-01'],
    starting: '2026-12-02',
    keep: 1,
    kept: [],
  },
  {
    name: 'fewer recorded nights than kept: nothing removed',
    nights: ['2026-12-01', '2026-12-02'],
    recorded: ['2026-12-01'],
    starting: '2026-12-02',
    keep: 14,
    kept: ['2026-12-01'],
  },
];

describe('screen record retention (record.nights)', () => {
  it.each(cases)('$name', ({ nights, recorded, starting, keep, kept }) => {
    const root = mkdtempSync(join(tmpdir(), 'ns-record-retention-'));
    dirs.push(root);
    for (const n of nights) {
      mkdirSync(join(root, n));
      writeFileSync(join(root, n, 'events.jsonl'), '');
      if (recorded.includes(n)) writeFileSync(join(root, n, SCREENS_FILE), '');
    }
    pruneScreenRecords(join(root, starting), keep);
    expect(nights.filter((n) => existsSync(join(root, n, SCREENS_FILE)))).toEqual(kept);
    // the journals stay
    for (const n of nights) expect(existsSync(join(root, n, 'events.jsonl'))).toBe(true);
  });
});
