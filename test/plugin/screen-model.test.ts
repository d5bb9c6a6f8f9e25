// ctx.screen: the transcript above the input box, new rows, nightshift's own typed text, the input box, scrollback.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_SCROLLBACK } from '../../core/plugin/log-tail.js';
import { screenModel } from '../../core/watch/screen-model.js';
import { typedRows } from '../../core/plugin/typed-record.js';
import { classify } from '../../core/screen/classify.js';
import { snapshotOf } from '../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-screen-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The model of `text` (claude-code), after `before`, with `typed` as what nightshift typed. */
function model(text: string, o: { before?: string; typed?: string[]; log?: string } = {}) {
  const snapshot = snapshotOf(text);
  return screenModel({
    snapshot,
    previous: o.before === undefined ? undefined : snapshotOf(o.before),
    classification: classify(snapshot, { profile: 'claude-code' }),
    profile: 'claude-code',
    profiles: undefined,
    typed: o.typed ?? [],
    logFile: o.log ?? join(dir, 'missing.log'),
  });
}

const box = [
  '╭──────────────────────────────────────────╮',
  '│ > half-written note                      │',
  '╰──────────────────────────────────────────╯',
  '  ? for shortcuts',
];
const nudge = 'The tests failed. Fix the failures and run the test suite again before moving on.';

describe('screen model', () => {
  it('the transcript is what lies above the input box, without borders or blank rows', () => {
    const m = model(['⏺ Bash(npm test)', '  ⎿  3 tests failed', '', ...box].join('\n'));
    expect(m.transcript.map((r) => r.text)).toEqual(['⏺ Bash(npm test)', '  ⎿  3 tests failed']);
    expect(m.transcript.map((r) => r.row)).toEqual([0, 1]);
    expect(m.input).toEqual({ text: 'half-written note', rows: ['half-written note'], start: 4 });
  });

  it('without an input box the transcript is the whole screen and input is null', () => {
    const m = model('$ npm test\n│ FAIL src/a.test.ts │\n✻ Running… (esc to interrupt)');
    expect(m.input).toBeNull();
    expect(m.transcript.map((r) => r.text)).toEqual([
      '$ npm test',
      ' FAIL src/a.test.ts',
      '✻ Running… (esc to interrupt)',
    ]);
  });

  const attribution: { name: string; rows: string[]; typed: string[]; by: string[] }[] = [
    {
      name: 'an echoed message, wrapped over rows, is nightshift’s',
      rows: [`> ${nudge.slice(0, 50)}`, `  ${nudge.slice(50)}`, '⏺ I will fix them.'],
      typed: [nudge],
      by: ['nightshift', 'nightshift', 'agent'],
    },
    {
      name: 'a short last piece counts only right under the message’s start',
      rows: ['> The tests failed. Fix the failures', 'again.', 'again.'],
      typed: ['The tests failed. Fix the failures again.'],
      by: ['nightshift', 'nightshift', 'agent'],
    },
    {
      name: 'agent output that shares a few words is the agent’s',
      rows: ['3 tests failed', 'The tests failed in CI as well'],
      typed: [nudge],
      by: ['agent', 'agent'],
    },
    {
      name: 'a short message typed whole is recognised',
      rows: ['> go on', 'Continuing with task 4'],
      typed: ['go on'],
      by: ['nightshift', 'agent'],
    },
    { name: 'nothing typed: every row is the agent’s', rows: ['a', 'b'], typed: [], by: ['agent', 'agent'] },
  ];
  for (const c of attribution)
    it(`attribution: ${c.name}`, () => {
      expect(typedRows(c.rows, c.typed).map((m) => (m ? 'nightshift' : 'agent'))).toEqual(c.by);
    });

  it('new rows are the transcript rows not on the previous look; newOutput leaves out nightshift’s', () => {
    const before = ['⏺ Bash(npm test)', '  ⎿  3 tests failed', ...box].join('\n');
    const after = [
      '⏺ Bash(npm test)',
      '  ⎿  3 tests failed',
      `> ${nudge}`,
      '⏺ Error: the build failed too',
      ...box,
    ].join('\n');
    const m = model(after, { before, typed: [nudge] });
    expect(m.newRows.map((r) => [r.text, r.by])).toEqual([
      [`> ${nudge}`, 'nightshift'],
      ['⏺ Error: the build failed too', 'agent'],
    ]);
    expect(m.newOutput).toEqual(['⏺ Error: the build failed too']);
  });

  it('scrollback renders the end of the pane log, what scrolled away included, bounded', async () => {
    const log = join(dir, 'agent.log');
    const rows = Array.from({ length: 60 }, (_, i) => `\x1b[32mline ${i}\x1b[0m`);
    writeFileSync(log, `${rows.join('\r\n')}\r\n\x1b[2K\rpartial`);
    const m = model('line 59\npartial', { log });
    expect(await m.scrollback(3)).toEqual(['line 58', 'line 59', 'partial']);
    const all = await m.scrollback(MAX_SCROLLBACK + 100);
    expect(all).toHaveLength(61);
    expect(all[0]).toBe('line 0');
    expect(await model('x').scrollback()).toEqual([]);
  });
});
