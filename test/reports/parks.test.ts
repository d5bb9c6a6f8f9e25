// Parks in the morning report: every wait for a person, from the journal, with what it was, since when, how long and
// how it ended; the headline counts the time lost to them.
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../core/index.js';
import { parks } from '../../reports/model/parks.js';
import { lostToParks, parksSection } from '../../reports/sections/parks.js';
import { headline } from '../../reports/compile/header.js';
import type { NightModel } from '../../reports/model/types.js';

const T0 = Date.parse('2026-04-10T21:00:00Z');
const t = (min: number) => new Date(T0 + min * 60_000).toISOString();
const END = new Date(T0 + 8 * 60 * 60_000);
const id = (s: string) => s;
type E = JournalEvent;

const state = (min: number, agent: string, to: string, rule = `claude-code.${to}`): E =>
  ({ t: t(min), type: 'state', agent, from: null, to, rule, hash: 'h' }) as E;
const escalation = (min: number, agent: string, kind: string, command?: string): E =>
  ({
    t: t(min),
    type: 'escalation',
    agent,
    plugin: 'dangerous',
    kind,
    reason: 'r',
    command,
    urgent: false,
  }) as E;
const action = (min: number, agent: string, plugin: string, act: string, text?: string): E =>
  ({
    t: t(min),
    type: 'action',
    agent,
    plugin,
    action: act,
    reason: 'r',
    screenHash: 'h',
    dryRun: false,
    ...(text ? { text } : {}),
  }) as E;

describe('parks from the journal', () => {
  it.each([
    [
      'a question answered by policy after 15 minutes',
      [
        state(10, 'a', 'question'),
        action(25, 'a', 'parked', 'answer', 'Nobody can answer'),
        state(25, 'a', 'busy'),
      ],
      [{ agent: 'a', what: 'question', min: 15, ending: 'answered by policy' }],
    ],
    [
      'a held force push declined by policy (the note typed after it does not count as the ending)',
      [
        state(30, 'b', 'confirm', 'claude-code.permission'),
        escalation(30, 'b', 'blocked-command', 'git push --force origin main'),
        action(45, 'b', 'parked', 'decline'),
        action(45, 'b', 'parked', 'type', 'That needs a person.'),
        state(46, 'b', 'input'),
      ],
      [{ agent: 'b', what: 'held command', min: 16, ending: 'declined by policy' }],
    ],
    [
      'a plan approval answered by the person from another terminal',
      [
        state(60, 'c', 'confirm', 'claude-code.plan'),
        action(150, 'c', 'person:alice', 'answer'),
        state(150, 'c', 'busy'),
      ],
      [{ agent: 'c', what: 'plan', min: 90, ending: 'answered by the person', by: 'alice' }],
    ],
    [
      'a question still waiting at dawn',
      [state(300, 'd', 'question')],
      [{ agent: 'd', what: 'question', min: 180, ending: 'still waiting at dawn' }],
    ],
    [
      'a limit menu nightshift escalated, gone when the limit reset',
      [state(100, 'e', 'limit'), escalation(100, 'e', 'credit'), state(160, 'e', 'busy')],
      [{ agent: 'e', what: 'limit menu', min: 60, ending: 'went away' }],
    ],
    [
      'a dialog approved by rule is no park; a limit waited out without asking anyone is none either',
      [
        state(10, 'f', 'confirm', 'claude-code.permission'),
        action(10, 'f', 'auto-confirm', 'answer'),
        state(10, 'f', 'busy'),
        state(20, 'f', 'limit'),
        state(80, 'f', 'busy'),
      ],
      [],
    ],
    [
      'a question redrawn for a moment is one park',
      [
        state(10, 'g', 'question'),
        state(20, 'g', 'output'),
        state(20.05, 'g', 'question'),
        state(40, 'g', 'busy'),
      ],
      [{ agent: 'g', what: 'question', min: 30, ending: 'went away' }],
    ],
  ] as const)('%s', (_name, events, expected) => {
    const found = parks(events as readonly E[], END, id);
    expect(
      found.map((p) => ({
        agent: p.agent,
        what: p.what,
        min: Math.round(p.ms / 60_000),
        ending: p.ending,
        ...(p.by ? { by: p.by } : {}),
      })),
    ).toEqual(expected);
  });

  it('keeps the command, redacted', () => {
    const [p] = parks(
      [
        state(0, 'b', 'confirm'),
        escalation(0, 'b', 'held-command', 'curl -H "Authorization: Bearer s3cr3t" x'),
      ],
      END,
      (s) => s.replace('s3cr3t', '[redacted]'),
    );
    expect(p?.command).toBe('curl -H "Authorization: Bearer [redacted]" x');
  });
});

describe('the parks section and the headline', () => {
  const items = parks(
    [
      state(10, 'a', 'question'),
      action(25, 'a', 'parked', 'answer'),
      state(25, 'a', 'busy'),
      state(300, 'b', 'confirm'),
      escalation(300, 'b', 'blocked-command', 'git push --force origin main'),
    ],
    END,
    id,
  );
  const model = {
    parks: items,
    timeZone: 'UTC',
    counts: { needsYou: 1, done: 3, failed: 0, rescues: 1 },
    failures: [],
    plugins: [],
    dryRun: false,
    wouldDo: [],
    work: [],
  } as unknown as NightModel;

  it('lists each park with what, since, how long and the ending', () => {
    const section = parksSection(model)!;
    expect(section.title).toBe('Parks (2) · 3.3 h lost to parks');
    expect(section.markdown.split('\n').slice(2)).toEqual([
      '| a | question | 21:10 | 15m | answered by policy |',
      '| b | held command: git push --force origin main | 02:00 | 3h\u00a000m | still waiting at dawn |',
    ]);
  });

  it('the headline counts the time lost', () => {
    expect(headline(model)).toBe('1 needs you · 3 done · 3.3 h lost to parks');
    expect(lostToParks(items.slice(0, 1))).toBe('15 min lost to parks');
  });

  it('no parks, no section and nothing in the headline', () => {
    const none = { ...model, parks: [] } as NightModel;
    expect(parksSection(none)).toBeUndefined();
    expect(headline(none)).toBe('1 needs you · 3 done');
  });
});
