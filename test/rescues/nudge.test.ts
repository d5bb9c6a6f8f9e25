import { describe, it } from 'vitest';
import nudge from '../../plugins/rescues/nudge.js';
import { drawnBy, PaneTester, screen } from '../../core/testing/index.js';
import { captured } from '../fixtures/screens/index.js';

const idle = (idleMs: number, atInput = true) => ({
  kind: 'idle' as const,
  summary: 'idle',
  data: { idleMs, atInput },
});
const box = screen`
  ⏺ Done with the first task.
  ╭──────────────────────────────────────────╮
  │ > ▮                                      │
  ╰──────────────────────────────────────────╯`;
const working = screen`
  > Please continue with your task list.
  ✻ Thinking… (1s · esc to interrupt)`;
const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);

new PaneTester({ describe, it }).run(nudge, [
  {
    name: 'nudges an agent idle at its input box for `after`',
    finding: idle(10 * MIN),
    screens: [box, working],
    expect: {
      sent: [
        'Please continue with your task list. If you are blocked or done, append your status to the coordination file.',
        'Enter',
      ],
    },
  },
  {
    name: "types the agent's own continue message when it has one",
    agent: { continue: 'Carry on with TASKS.md' },
    finding: idle(10 * MIN),
    screens: [box, working],
    expect: { sent: ['Carry on with TASKS.md', 'Enter'] },
  },
  { name: 'not before `after`', finding: idle(9 * MIN), screens: [box], expect: { sent: [] } },
  {
    name: "not before the night's task was delivered: it goes first (kickoff)",
    agent: { task: 'Work through TASKS.md' },
    finding: idle(10 * MIN),
    screens: [box],
    expect: { sent: [] },
  },
  {
    name: 'not when the agent looks busy, only at its input box',
    finding: idle(60 * MIN, false),
    screens: [box],
    expect: { sent: [] },
  },
  {
    name: 'at most `max` per window',
    options: { max: 2 },
    state: { times: [at('2026-11-21T00:20:00Z'), at('2026-11-21T00:40:00Z')] },
    finding: idle(30 * MIN),
    screens: [box],
    expect: { sent: [] },
  },
  {
    name: 'backs off: the second nudge waits after × factor',
    state: { times: [at('2026-11-21T00:45:00Z')] },
    finding: idle(15 * MIN),
    screens: [box],
    expect: { sent: [] },
  },
  {
    name: 'screen changes before the send: a question menu drawn after the look gets no key',
    finding: idle(10 * MIN),
    screens: [box, drawnBy('look', captured('claude-asks-next-step'))],
    expect: { sent: [], refused: [/^screen: /] },
  },
  {
    name: 'screen changes before the send: a password prompt drawn by the first key gets nothing more',
    finding: idle(10 * MIN),
    screens: [box, drawnBy('keystroke', captured('sudo-password'))],
    expect: { sent: ['P'], refused: [/^screen: a secret screen .* came up after the first key/] },
  },
]);
