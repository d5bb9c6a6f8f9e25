// A night that stopped early on an error says so first: a "needs you" item with the error, the verdict "failed" and
// the headline, whatever else the night did. A night that ran to its end says nothing of the kind.
import { describe, expect, it } from 'vitest';
import type { JournalEvent, NightRecord } from '../../core/index.js';
import { headline } from '../../reports/compile/header.js';
import { analyzeNight } from '../../reports/model/analyze.js';

const T0 = Date.parse('2026-04-10T21:00:00Z');
const t = (min: number) => new Date(T0 + min * 60_000).toISOString();

const night = (events: JournalEvent[]): NightRecord => ({
  id: '2026-04-10',
  runDir: '/nonexistent/nights/2026-04-10',
  start: new Date(T0),
  end: new Date(T0 + 8 * 60 * 60_000),
  timezone: 'UTC',
  agents: [],
  events,
  warnings: [],
  logs: {},
});

const started: JournalEvent = {
  t: t(0),
  type: 'agent-started',
  agent: 'a',
  paneId: '%1',
  command: 'claude',
  cwd: '/w',
  cols: 80,
  rows: 24,
  adopted: false,
};

describe('a night that stopped on an error', () => {
  it.each([
    [
      'stopped on an error, with its message',
      { reason: 'error', detail: 'host box is unreachable (down)' },
      'host box is unreachable (down)',
    ],
    ['stopped on an error without a message', { reason: 'error' }, 'unknown error'],
  ] as const)(
    '%s: first on the "needs you" list, verdict failed, said in the headline',
    async (_, end, detail) => {
      const model = await analyzeNight(night([started, { t: t(17), type: 'night-end', ...end }]));
      expect(model.stoppedOnError).toBe(detail);
      expect(model.verdict).toBe('failed');
      expect(model.needsYou[0]).toMatchObject({ kind: 'night-error', agent: undefined, detail });
      expect(model.needsYou[0]!.action).toMatch(/nightshift night --now/);
      expect(headline(model)).toMatch(/^stopped early on an error · 1 needs you/);
    },
  );

  it.each([
    ['ran to its end', { reason: 'duration' }],
    ['stopped by a signal', { reason: 'signal' }],
  ] as const)('%s: nothing of the kind', async (_, end) => {
    const model = await analyzeNight(night([started, { t: t(480), type: 'night-end', ...end }]));
    expect(model.stoppedOnError).toBeUndefined();
    expect(model.needsYou.some((n) => n.kind === 'night-error')).toBe(false);
    expect(headline(model)).not.toMatch(/error/);
  });

  it("the error's message is redacted like everything else in the report", async () => {
    const model = await analyzeNight(
      night([
        started,
        { t: t(17), type: 'night-end', reason: 'error', detail: 'bad token sk-live-1234567890abcdef' },
      ]),
      { secrets: ['sk-live-1234567890abcdef'] },
    );
    expect(model.stoppedOnError).not.toContain('sk-live-1234567890abcdef');
    expect(JSON.stringify(model.needsYou)).not.toContain('sk-live-1234567890abcdef');
  });
});
