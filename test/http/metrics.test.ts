// FleetMetrics: which journal events move which counters, read back through a real Prometheus parser.
import parsePrometheus from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import type { NewJournalEvent } from '../../core/journal/events.js';
import { FleetMetrics } from '../../core/http/metrics.js';

const at = (s: number) => new Date(Date.UTC(2026, 11, 7, 1, 0, s));
const state = (agent: string, from: string | null, to: string): NewJournalEvent =>
  ({ type: 'state', agent, from, to, rule: 'r', hash: 'h' }) as NewJournalEvent;
const action = (agent: string, act: string, channel = 'screen'): NewJournalEvent =>
  ({
    type: 'action',
    agent,
    plugin: 'p',
    action: act,
    reason: 'r',
    screenHash: 'h',
    channel,
    dryRun: false,
  }) as NewJournalEvent;

async function samples(m: FleetMetrics, name: string) {
  return parsePrometheus(await m.text()).find((f) => f.name === name)?.metrics ?? [];
}

describe('FleetMetrics', () => {
  it.each([
    {
      name: 'an answered dialog: allow, a sent answer, and the time from the dialog to the answer',
      events: [
        [state('a', 'busy', 'confirm'), 0],
        [action('a', 'answer'), 3],
      ] as const,
      expect: {
        nightshift_decisions_total: [{ labels: { verdict: 'allow', channel: 'screen' }, value: '1' }],
        nightshift_rescues_total: [{ labels: { kind: 'answer', outcome: 'sent' }, value: '1' }],
        // 3 s: above the 2 s bucket, within the 5 s one
        nightshift_dialog_answer_latency_seconds: [
          expect.objectContaining({ buckets: expect.objectContaining({ '2': '0', '5': '1', '+Inf': '1' }) }),
        ],
      },
    },
    {
      name: 'a blocked command left for a person, and one held through the hook',
      events: [
        [
          {
            type: 'escalation',
            agent: 'a',
            plugin: 'dangerous',
            kind: 'blocked-command',
            reason: 'r',
            urgent: false,
            channel: 'screen',
          },
          0,
        ],
        [
          {
            type: 'escalation',
            agent: 'a',
            plugin: 'dangerous',
            kind: 'held-command',
            reason: 'r',
            urgent: false,
            channel: 'hook',
          },
          1,
        ],
      ] as const,
      expect: {
        nightshift_decisions_total: [
          { labels: { verdict: 'block', channel: 'screen' }, value: '1' },
          { labels: { verdict: 'hold', channel: 'hook' }, value: '1' },
        ],
        nightshift_escalations_total: [
          { labels: { kind: 'blocked-command' }, value: '1' },
          { labels: { kind: 'held-command' }, value: '1' },
        ],
      },
    },
    {
      name: 'a restart, a limit wait and a refused send',
      events: [
        [{ type: 'agent-restarted', agent: 'a', attempt: 1, command: 'x', plugin: 'restart' }, 0],
        [{ type: 'wait', agent: 'a', plugin: 'limit', until: at(60).toISOString(), reason: 'r' }, 1],
        [
          {
            type: 'refusal',
            agent: 'a',
            plugin: 'p',
            action: 'type',
            why: 'guard',
            verdict: 'hold',
            reason: 'r',
            screenHash: 'h',
          },
          2,
        ],
      ] as const,
      expect: {
        nightshift_restarts_total: [{ labels: { agent: 'a' }, value: '1' }],
        nightshift_limit_waits_total: [{ labels: { agent: 'a' }, value: '1' }],
        nightshift_rescues_total: [{ labels: { kind: 'type', outcome: 'refused' }, value: '1' }],
        nightshift_decisions_total: [{ labels: { verdict: 'hold', channel: 'screen' }, value: '1' }],
      },
    },
  ])('$name', async ({ events, expect: expected }) => {
    const m = new FleetMetrics(() => undefined, '/nonexistent');
    m.open(['a']);
    for (const [event, s] of events) m.event(event as NewJournalEvent, at(s));
    for (const [name, want] of Object.entries(expected)) expect(await samples(m, name), name).toEqual(want);
  });
});
