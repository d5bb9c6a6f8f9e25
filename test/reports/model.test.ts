// The night model from hand-written journal events: minutes, timeline slots, needs-you items, failures.
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../core/index.js';
import {
  activitySpans,
  dominantBySlot,
  minutesByActivity,
  slotMinutesFor,
  slotStarts,
} from '../../reports/model/activity.js';
import { failures } from '../../reports/model/failures.js';
import { needsYou, openAsks } from '../../reports/model/needs-you.js';
import { longestSilence } from '../../reports/model/silence.js';
import type { CoordinationEntry } from '../../reports/index.js';

const T0 = Date.parse('2026-04-10T21:00:00Z');
const t = (min: number) => new Date(T0 + min * 60_000).toISOString();
const window = { start: new Date(T0), end: new Date(T0 + 120 * 60_000) };
const id = (s: string) => s;

const events: JournalEvent[] = [
  {
    t: t(0),
    type: 'agent-started',
    agent: 'a',
    paneId: '%1',
    command: 'claude',
    cwd: '/w',
    cols: 80,
    rows: 24,
    adopted: false,
  },
  { t: t(1), type: 'state', agent: 'a', from: null, to: 'busy', rule: 'r', hash: 'h' },
  { t: t(31), type: 'state', agent: 'a', from: 'busy', to: 'input', rule: 'r', hash: 'h' },
  { t: t(41), type: 'state', agent: 'a', from: 'input', to: 'confirm', rule: 'r', hash: 'h' },
  { t: t(42), type: 'state', agent: 'a', from: 'confirm', to: 'limit', rule: 'r', hash: 'h' },
  { t: t(72), type: 'state', agent: 'a', from: 'limit', to: 'busy', rule: 'r', hash: 'h' },
  { t: t(100), type: 'agent-exited', agent: 'a', status: 1, detail: 'exited with status 1' },
];

describe('activity', () => {
  const spans = activitySpans(events, 'a', window);

  it('counts minutes per activity from state changes, starts and exits', () => {
    expect(minutesByActivity(spans)).toEqual({
      active: 59,
      idle: 10,
      waiting: 1,
      limited: 30,
      error: 0,
      down: 20,
    });
  });

  it.each([
    [30, 1],
    [7 * 60, 15],
    [8 * 60, 15],
    [12 * 60, 30],
  ])('uses at most 32 cells: a %i-minute night gets %i-minute slots', (length, slot) => {
    expect(slotMinutesFor({ start: new Date(T0), end: new Date(T0 + length * 60_000) })).toBe(slot);
  });

  it('colours each slot by the activity that filled most of it, ties to what a person must see', () => {
    const slots = slotStarts(window, 15);
    expect(dominantBySlot(spans, slots, 15)).toEqual([
      'active',
      'active',
      'idle',
      'limited',
      'limited',
      'active',
      'active',
      'down',
    ]);
  });
});

describe('needs you', () => {
  const none = { entries: [], statusLines: [], agentOfTag: () => undefined };
  it('merges repeated escalations into one item with a count, and turns dawn prompts into items', () => {
    const esc = (min: number): JournalEvent => ({
      t: t(min),
      type: 'escalation',
      agent: 'a',
      plugin: 'p',
      kind: 'blocked-command',
      reason: 'deletes outside',
      command: 'rm -rf /data',
      urgent: false,
    });
    const items = needsYou([esc(10), esc(20), esc(30)], { ...none, atDawn: new Map([['b', 'secret']]) }, id);
    expect(items.map((i) => [i.kind, i.agent, i.count, i.command])).toEqual([
      ['blocked-command', 'a', 3, 'rm -rf /data'],
      ['still-waiting', 'b', 1, undefined],
    ]);
  });

  it('counts an agent given up on once, whether escalated, journaled as given up, or both', () => {
    const items = needsYou(
      [
        { t: t(5), type: 'agent-given-up', agent: 'a', restarts: 3, plugin: 'restart', reason: 'crashed' },
        {
          t: t(5),
          type: 'escalation',
          agent: 'a',
          plugin: 'restart',
          kind: 'given-up',
          reason: 'crashed (oom)',
          urgent: false,
        },
      ],
      { ...none, atDawn: new Map() },
      id,
    );
    expect(items).toHaveLength(1);
  });

  it('treats a later entry about the same task as settling a WAIT', () => {
    const entry = (line: number, status: string, task: string): CoordinationEntry => ({
      at: new Date(T0 + line * 60_000),
      written: '',
      from: 'orpheus',
      to: 'all',
      status,
      task,
      output: undefined,
      notes: undefined,
      fields: {},
      line,
    });
    expect(
      openAsks([entry(1, 'WAIT', 'deploy'), entry(2, 'DONE', 'deploy'), entry(3, 'HELP', 'migrate')]).map(
        (e) => e.task,
      ),
    ).toEqual(['migrate']);
  });
});

describe('failures', () => {
  it('lists a final exit but not one followed by a restart', () => {
    const list = failures(
      [
        { t: t(10), type: 'agent-exited', agent: 'a', status: 1, detail: 'oom' },
        { t: t(11), type: 'agent-restarted', agent: 'a', attempt: 1, command: 'claude', plugin: 'restart' },
        { t: t(50), type: 'agent-exited', agent: 'b', status: 2, detail: 'bad flag' },
      ],
      { entries: [], statusLines: [], agentOfTag: () => undefined, cutShort: undefined },
      id,
    );
    expect(list.map((f) => [f.agent, f.what])).toEqual([['b', 'exited with status 2 and was not restarted']]);
  });

  it('a quick exit is "could not start" only when the program never drew a screen of its own', () => {
    const started = (agent: string) =>
      ({
        t: t(0),
        type: 'agent-started',
        agent,
        paneId: '%1',
        command: `run ${agent}`,
        adopted: false,
      }) as const;
    const exited = (agent: string) =>
      ({
        t: t(0.1),
        type: 'finding',
        agent,
        kind: 'exited',
        plugin: 'exit',
        severity: 'error',
        data: { status: 1 },
      }) as const;
    const list = failures(
      [
        started('silent'),
        started('worked'),
        { t: t(0.05), type: 'state', agent: 'worked', from: null, to: 'busy', rule: 'x', hash: 'h' },
        exited('silent'),
        exited('worked'),
      ] as unknown as Parameters<typeof failures>[0],
      { entries: [], statusLines: [], agentOfTag: () => undefined, cutShort: undefined },
      id,
    );
    expect(list.filter((f) => f.couldNotStart).map((f) => f.agent)).toEqual(['silent']);
  });
});

describe('coordination silence', () => {
  it('flags an agent busy for hours without a word, not one that kept writing', () => {
    const busy = [{ from: T0, to: T0 + 4 * 3_600_000, activity: 'active' as const }];
    const long = { start: new Date(T0), end: new Date(T0 + 4 * 3_600_000) };
    expect(longestSilence('a', [new Date(T0 + 30 * 60_000)], busy, long)).toMatchObject({
      agent: 'a',
      busyMinutes: 210,
    });
    const words = [1, 2, 3].map((h) => new Date(T0 + h * 3_600_000));
    expect(longestSilence('a', words, busy, long)).toBeUndefined();
  });
});
