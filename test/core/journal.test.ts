import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal, parseJournal, readJournal } from '../../core/journal/journal.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ns-journal-'));
  dirs.push(dir);
  return join(dir, 'events.jsonl');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('Journal', () => {
  it('appends one complete JSON object per line, stamped with the time', () => {
    const file = tempFile();
    const journal = new Journal(file, { now: () => new Date('2026-11-21T01:00:00Z') });
    journal.append({ type: 'note', text: 'hello' });
    journal.append({ type: 'tmux-lost', detail: 'gone' });
    journal.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { t: '2026-11-21T01:00:00.000Z', type: 'note', text: 'hello' },
      { t: '2026-11-21T01:00:00.000Z', type: 'tmux-lost', detail: 'gone' },
    ]);
  });

  it('after a crash tore the last line, a reopened journal starts on a fresh line and loses only that line', () => {
    const file = tempFile();
    const first = new Journal(file);
    first.append({ type: 'note', text: 'before the crash' });
    first.close();
    appendFileSync(file, '{"t":"2026-11-21T01:00:00Z","type":"no'); // torn mid-write
    const second = new Journal(file);
    second.append({ type: 'note', text: 'after the restart' });
    second.close();
    const read = readJournal(file);
    expect(read.events.map((e) => (e.type === 'note' ? e.text : e.type))).toEqual([
      'before the crash',
      'after the restart',
    ]);
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings[0]).toMatch(/:2: malformed line/);
  });

  it('notifies subscribers of each event', () => {
    const journal = new Journal(tempFile());
    const seen: string[] = [];
    const stop = journal.subscribe((e) => seen.push(e.type));
    journal.append({ type: 'note', text: 'a' });
    stop();
    journal.append({ type: 'note', text: 'b' });
    journal.close();
    expect(seen).toEqual(['note']);
  });
});

describe('parseJournal', () => {
  it.each([
    ['a torn last line', '{"t":"x","type":"note","text":"ok"}\n{"t":"x","ty', 1, /torn last line/],
    [
      'a malformed middle line',
      '{"t":"x","type":"note","text":"ok"}\nnot json\n{"t":"y","type":"note","text":"ok"}\n',
      2,
      /malformed line/,
    ],
    [
      'a JSON value that is not an event',
      '{"t":"x","type":"note","text":"ok"}\n[1,2]\n',
      1,
      /not a journal event/,
    ],
  ])('skips %s with a warning', (_, text, events, warning) => {
    const read = parseJournal(text);
    expect(read.events).toHaveLength(events);
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings[0]).toMatch(warning);
  });

  it('reads a missing file as empty, with a warning', () => {
    const read = readJournal('/nonexistent/events.jsonl');
    expect(read.events).toEqual([]);
    expect(read.warnings[0]).toMatch(/does not exist/);
  });
});
