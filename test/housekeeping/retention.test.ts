// Retention through `nightshift prune`: the newest nights stay whole (logs gzipped after the first week), older ones
// leave their report and journal in archive/, and a night whose report is still in the outbox is not touched.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { adoptStateDir } from '../../core/files/private.js';
import { nightshift } from '../helpers/cli.js';

let dir: string;
let state: string;
const DAY = 86_400_000;
/** the dates of five nights, newest last: two of them more than a week old */
const nights = [12, 10, 8, 2, 1].map((ago) => new Date(Date.now() - ago * DAY).toISOString().slice(0, 10));

function writeNight(id: string): string {
  const run = join(state, 'nights', id);
  mkdirSync(join(run, 'logs'), { recursive: true });
  writeFileSync(join(run, 'night.json'), JSON.stringify({ id }));
  writeFileSync(join(run, 'events.jsonl'), `{"t":"${id}T23:00:00Z","type":"night-start","night":"${id}"}\n`);
  writeFileSync(join(run, 'report.md'), `# report of ${id}\n`);
  writeFileSync(join(run, 'report.html'), `<h1>${id}</h1>`);
  writeFileSync(join(run, 'logs', 'builder.log'), `output of ${id}\n`.repeat(1000));
  return run;
}

function config(retention: object) {
  const file = join(dir, 'nightshift.config.yaml');
  writeFileSync(
    file,
    stringify({
      timezone: 'UTC',
      stateDir: './state',
      agents: [{ name: 'builder', command: 'true' }],
      retention,
    }),
  );
  return file;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ns-retention-'));
  state = join(dir, 'state');
  nights.forEach(writeNight);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('nightshift prune', () => {
  it('--dry-run lists what it would do and removes nothing', async () => {
    const file = config({ nights: 3 });
    const before = readdirSync(join(state, 'nights')).sort();
    const result = await nightshift(['prune', '--dry-run', '--config', file], { cwd: dir });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain(`would remove night ${nights[0]}`);
    expect(result.stdout).toContain(`would remove night ${nights[1]}`);
    expect(result.stdout).toMatch(new RegExp(`would compress .*${nights[2]}/logs/builder\\.log`));
    expect(result.stdout).toMatch(/would free up to [\d.]+ MB/);
    expect(readdirSync(join(state, 'nights')).sort()).toEqual(before);
    expect(existsSync(join(state, 'archive'))).toBe(false);
  }, 180_000);

  it('with nights: 3 after 5 nights, 3 are left; the others keep report and journal in archive/', async () => {
    const file = config({ nights: 3 });
    const result = await nightshift(['prune', '--config', file], { cwd: dir });
    expect(result.exitCode, result.all).toBe(0);
    expect(readdirSync(join(state, 'nights')).sort()).toEqual(nights.slice(2));
    for (const id of nights.slice(0, 2)) {
      const archived = join(state, 'archive', id);
      expect(readdirSync(archived).sort()).toEqual(['events.jsonl.gz', 'night.json', 'report.md']);
      expect(gunzipSync(readFileSync(join(archived, 'events.jsonl.gz'))).toString()).toContain(id);
    }
    // older than a week: the pane log is gzipped, whole
    const logs = join(state, 'nights', nights[2]!, 'logs');
    expect(readdirSync(logs)).toEqual(['builder.log.gz']);
    expect(gunzipSync(readFileSync(join(logs, 'builder.log.gz'))).toString()).toBe(
      `output of ${nights[2]}\n`.repeat(1000),
    );
    expect(readdirSync(join(state, 'nights', nights[3]!, 'logs'))).toEqual(['builder.log']);
    // a compressed night's report can still be built from its log
    const report = await nightshift(['report', '--night', nights[2]!, '--config', file], { cwd: dir });
    expect(report.exitCode, report.all).toBe(0);
    expect(readFileSync(join(state, 'nights', nights[2]!, 'report.md'), 'utf8')).toContain(
      `output of ${nights[2]}`,
    );
    const again = await nightshift(['prune', '--config', file], { cwd: dir });
    expect(again.stdout).toContain('nothing to prune');
  }, 120_000);

  it('keeps a night whose report is still in the outbox, and archives no more than retention.archive', async () => {
    mkdirSync(join(state, 'outbox'), { recursive: true });
    const waiting = {
      id: 'x',
      runDir: join(state, 'nights', nights[0]!),
      state: 'pending',
      createdAt: '2026',
    };
    writeFileSync(join(state, 'outbox', 'x.json'), JSON.stringify(waiting));
    const file = config({ nights: 2, archive: 1 });
    const result = await nightshift(['prune', '--config', file], { cwd: dir });
    expect(result.exitCode, result.all).toBe(0);
    expect(result.stdout).toContain(`keep night ${nights[0]}: its report has not been delivered yet`);
    expect(readdirSync(join(state, 'nights')).sort()).toEqual([nights[0], ...nights.slice(3)]);
    // nights[1] would be the archive's second: it goes whole
    expect(result.stdout).toContain(`remove night ${nights[1]} whole`);
    expect(readdirSync(join(state, 'archive'))).toEqual([nights[2]]);
    expect(existsSync(join(state, 'nights', nights[1]!))).toBe(false);
  }, 180_000);
});

describe('adopting a state dir', () => {
  it('tightens what others could read, once, and leaves what is not nightshift’s alone', () => {
    const mine = join(state, 'my-notes.txt');
    writeFileSync(mine, 'not nightshift’s', { mode: 0o644 });
    const changed = adoptStateDir(state);
    expect(changed.length).toBeGreaterThan(10);
    expect(adoptStateDir(state)).toEqual([]);
    expect(readFileSync(mine, 'utf8')).toBe('not nightshift’s');
    expect(statSync(mine).mode & 0o777).toBe(0o644);
    expect(statSync(state).mode & 0o777).toBe(0o700);
  });
});
