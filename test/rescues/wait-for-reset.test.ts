import { describe, it } from 'vitest';
import waitForReset from '../../plugins/rescues/wait-for-reset.js';
import { drawnBy, PaneTester, screen } from '../../core/testing/index.js';

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

const limitMenu = screen`
  ⎿  You've hit your session limit · resets 12:50am (America/Los_Angeles)
  ────────────────────────────────────────────────────────────────────────
    What do you want to do?
    ❯ 1. Stop and wait for limit to reset
      2. Add funds to continue with extra usage
    Enter to confirm · Esc to cancel`;

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
  {
    name: 'screen changes before the send: a limit menu drawn after the look gets no resume text',
    agent: { continue: 'The usage limit has reset. Continue where you left off.' },
    state: { limits: 1, since: '2026-11-21T00:00:00.000Z', resumeAt: '2026-11-21T01:00:00.000Z' },
    finding: {
      kind: 'wait-over',
      summary: 'wait over',
      data: { since: '2026-11-21T01:00:00.000Z', reason: 'wait over' },
    },
    screens: [limited, drawnBy('look', limitMenu)],
    expect: { sent: [], refused: [/^screen: a limit screen/] },
  },
]);
