import { describe, it } from 'vitest';
import waitForReset from '../../plugins/rescues/wait-for-reset.js';
import { PaneTester, screen } from '../../core/testing/index.js';

const limit = (resetAt: string | null, needsHuman = false) => ({
  kind: 'limit' as const,
  summary: 'usage limit',
  data: {
    resetAt,
    needsHuman,
    text: needsHuman ? 'Credit balance is too low' : '5-hour limit reached ∙ resets 5am',
  },
});
const limited = screen`
  ⎿  5-hour limit reached ∙ resets 5am
  ╭──────────────────────────────────────────╮
  │ > ▮                                      │
  ╰──────────────────────────────────────────╯`;
const noJitter = { margin: '2m', jitter: '0s' };

new PaneTester({ describe, it }).run(waitForReset, [
  {
    name: 'waits until the reset plus the margin, typing nothing meanwhile',
    options: noJitter,
    finding: limit('2026-11-21T05:00:00.000Z'),
    screens: [limited],
    expect: {
      sent: [],
      state: { limits: 1, since: '2026-11-21T01:00:00.000Z', resumeAt: '2026-11-21T05:02:00.000Z' },
    },
  },
  {
    name: 'without a reset time it looks again after `recheck`',
    options: { ...noJitter, recheck: '15m' },
    finding: limit(null),
    screens: [limited],
    expect: {
      sent: [],
      state: { limits: 1, since: '2026-11-21T01:00:00.000Z', resumeAt: '2026-11-21T01:15:00.000Z' },
    },
  },
  {
    name: 'still limited after a wait: backs off, doubling the recheck',
    options: { ...noJitter, recheck: '15m' },
    state: { limits: 1, since: '2026-11-21T00:00:00.000Z' },
    finding: limit(null),
    screens: [limited],
    expect: { state: { limits: 2, since: '2026-11-21T00:00:00.000Z', resumeAt: '2026-11-21T01:30:00.000Z' } },
  },
  {
    name: 'credit exhausted needs a person: escalated, not waited out',
    finding: limit(null, true),
    screens: [limited],
    expect: { sent: [], escalated: ['credit'] },
  },
  {
    name: 'when the wait is over it resumes the agent with its continue message',
    agent: { continue: 'The usage limit has reset. Continue where you left off.' },
    state: { limits: 1, since: '2026-11-21T00:00:00.000Z', resumeAt: '2026-11-21T01:00:00.000Z' },
    finding: {
      kind: 'wait-over',
      summary: 'wait over',
      data: { since: '2026-11-21T01:00:00.000Z', reason: 'wait over' },
    },
    screens: [limited, screen`✻ Continuing… (1s · esc to interrupt)`],
    expect: { sent: ['The usage limit has reset. Continue where you left off.', 'Enter'] },
  },
]);
