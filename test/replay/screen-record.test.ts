import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { recordRedactor } from '../../core/commands/record-redactor.js';
import { readScreenRecord, ScreenRecorder } from '../../core/journal/screen-record.js';
import type { RawCapture } from '../../core/tmux/types.js';
import {
  PLANTED_KEY_BLOCK,
  PLANTED_KEY_NEEDLES,
  PLANTED_SECRETS,
} from '../fixtures/reports/planted-secrets.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function file(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ns-record-'));
  dirs.push(dir);
  return join(dir, 'screens.jsonl.gz');
}

const raw = (lines: string[], extra: Partial<RawCapture> = {}): RawCapture => ({
  paneId: '%1',
  lines,
  cursorX: 0,
  cursorY: 0,
  cursorVisible: true,
  width: 80,
  height: lines.length,
  dead: false,
  deadStatus: undefined,
  inMode: false,
  alternateOn: false,
  currentCommand: 'node',
  pid: 1,
  tty: '/dev/pts/1',
  piped: true,
  ...extra,
});
const at = (s: number) => new Date(Date.UTC(2026, 11, 7, 1, 0, s));
const recorder = (f: string, maxMB = 200) =>
  new ScreenRecorder(f, { maxBytes: maxMB * 1024 * 1024, redact: recordRedactor(['hunter2-config-secret']) });

describe('the screen record', () => {
  it('keeps each distinct screen once and each change of an agent once', async () => {
    const f = file();
    const r = recorder(f);
    r.saw('a', raw(['one']), at(0));
    r.saw('a', raw(['one']), at(2)); // unchanged: nothing
    r.saw('b', raw(['one']), at(2)); // the same screen on another agent: seen, not stored again
    r.saw('a', raw(['two']), at(4));
    r.saw('a', raw(['one']), at(6)); // back to a known screen: seen only
    r.saw('a', raw(['one'], { dead: true }), at(8)); // same rows, now dead: a different screen
    r.flush();
    const lines = (await readScreenRecord(f)).lines;
    expect(lines.filter((l) => l.k === 'screen')).toHaveLength(3);
    expect(
      lines.filter((l) => l.k === 'seen').map((l) => (l.k === 'seen' ? `${l.a}@${l.t.slice(17, 19)}` : '')),
    ).toEqual(['a@00', 'b@02', 'a@04', 'a@06', 'a@08']);
    expect(statSync(f).mode & 0o777).toBe(0o600);
  });

  it('never writes a planted secret, in screens or hook requests', () => {
    const f = file();
    const r = recorder(f);
    const texts = PLANTED_SECRETS.map((s) => s.text);
    r.saw('a', raw([...texts, ...PLANTED_KEY_BLOCK, 'password: hunter2-config-secret']), at(0));
    r.hook('a', { agent: 'a', call: { kind: 'permission', command: `curl -H "${texts[0]}" x` } }, at(1));
    r.flush();
    const text = gunzipSync(readFileSync(f)).toString('utf8');
    for (const s of PLANTED_SECRETS) expect(text, s.kind).not.toContain(s.needle);
    for (const needle of [...PLANTED_KEY_NEEDLES, 'hunter2-config-secret'])
      expect(text).not.toContain(needle);
    expect(text).toContain('[REDACTED:');
  });

  it('stops at the size cap with a mark saying when', async () => {
    const f = file();
    const r = recorder(f, 1);
    let i = 0;
    while (!r.capped && i < 5000) {
      // incompressible rows, so the cap is reached quickly
      r.saw(
        'a',
        raw([Array.from({ length: 60 }, () => Math.random().toString(36).slice(2)).join('')]),
        at(i++ % 60),
      );
      r.flush(at(59));
    }
    expect(r.capped).toBe(true);
    expect(statSync(f).size).toBeLessThanOrEqual(1024 * 1024 + 200);
    expect((await readScreenRecord(f)).lines.at(-1)).toEqual({ k: 'cap', t: at(59).toISOString(), maxMB: 1 });
    // a night resumed after the cap stays capped: nothing after the mark
    const resumed = await ScreenRecorder.open(f, { maxBytes: 1024 * 1024, redact: recordRedactor([]) });
    expect(resumed.capped).toBe(true);
  });

  it('reads a record whose last write was torn, and a resumed night appends without storing screens twice', async () => {
    const f = file();
    const r = recorder(f);
    r.saw('a', raw(['one']), at(0));
    r.flush();
    const again = await ScreenRecorder.open(f, { maxBytes: 200 * 1024 * 1024, redact: recordRedactor([]) }); // the runner restarted
    again.saw('a', raw(['one']), at(10));
    again.flush();
    appendFileSync(f, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01])); // a torn gzip member
    const record = await readScreenRecord(f);
    expect(record.lines.filter((l) => l.k === 'screen')).toHaveLength(1);
    expect(record.lines.filter((l) => l.k === 'seen')).toHaveLength(2);
  });

  it("reads back whole the screens written against their agent's previous one, each shared row written once", async () => {
    const f = file();
    const r = recorder(f);
    const header = 'a long transcript row that the next screens share with the first one';
    const seen = [
      ['a', [header, '✻ Working… (0s)', 'password: hunter2-config-secret', '> ']],
      ['b', ['another agent', '']],
      ['a', [header, '✻ Working… (2s)', 'password: hunter2-config-secret', '> ']],
      ['a', ['✻ Working… (2s)', header, 'a new row', '> ', '']], // rows moved up: found wherever they are in the base
      ['b', ['another agent', 'its second screen']],
    ] as const;
    seen.forEach(([agent, lines], i) => r.saw(agent, raw([...lines]), at(i)));
    r.flush();
    const screens = (await readScreenRecord(f)).lines.flatMap((l) => (l.k === 'screen' ? [l.s.lines] : []));
    expect(screens).toEqual(
      seen.map(([, lines]) => lines.map((row) => row.replace('hunter2-config-secret', '[REDACTED:config]'))),
    );
    expect(screens.flat().join('\n')).not.toContain('hunter2-config-secret');
    const text = gunzipSync(readFileSync(f)).toString('utf8');
    expect(text.split(header)).toHaveLength(2);
    expect(text).not.toContain('hunter2-config-secret');
  });

  it('reads a record written before screens had bases (every row written out)', async () => {
    const f = file();
    const screen = {
      ...raw(['one', 'two']),
      pid: undefined,
      tty: undefined,
      paneId: undefined,
      piped: undefined,
    };
    const lines = [
      { k: 'screen', id: 'h1:node', h: 'h1', s: screen },
      { k: 'seen', a: 'a', p: '%1', id: 'h1:node', t: at(0).toISOString() },
    ];
    writeFileSync(f, gzipSync(lines.map((l) => JSON.stringify(l)).join('\n') + '\n'));
    const record = await readScreenRecord(f);
    expect(record.damaged).toBe(false);
    expect(record.lines.map((l) => (l.k === 'screen' ? l.s.lines : l.k))).toEqual([['one', 'two'], 'seen']);
  });

  it('leaves out a screen whose base could not be read, and says the record is damaged', async () => {
    const f = file();
    const r = recorder(f);
    r.saw('a', raw(['one', 'shared']), at(0));
    r.saw('a', raw(['two', 'shared']), at(1)); // written against the first
    r.flush();
    const text = gunzipSync(readFileSync(f)).toString('utf8').split('\n');
    const first = text.findIndex((l) => l.startsWith('{"k":"screen"'));
    text[first] = text[first]!.slice(0, 20); // the base's line torn
    writeFileSync(f, gzipSync(text.join('\n')));
    const record = await readScreenRecord(f);
    expect(record.damaged).toBe(true);
    expect(record.lines.filter((l) => l.k === 'screen')).toEqual([]);
    expect(record.lines.filter((l) => l.k === 'seen')).toHaveLength(2);
  });
});
