import { describe, it } from 'vitest';
import rules from '../../plugins/rescues/rules.js';
import { drawnBy, PaneTester, screen } from '../../core/testing/index.js';
import { permission } from '../fixtures/screens/index.js';

const MIN = 60_000;
const idle = {
  kind: 'idle' as const,
  summary: 'idle since 00:30',
  data: { idleMs: 30 * MIN, atInput: true },
};
const exitedFinding = {
  kind: 'exited' as const,
  summary: 'exited with status 1',
  data: { status: 1, detail: 'exited with status 1' },
};
const box = screen`
  ╭──────────────────────────────────────────╮
  │ > ▮                                      │
  ╰──────────────────────────────────────────╯`;
const after = screen`✻ Thinking… (1s · esc to interrupt)`;

new PaneTester({ describe, it }).run(rules, [
  {
    name: 'idle → nudge with the rule text',
    config: { rules: [{ when: 'idle', do: 'nudge', text: 'Keep going with TASKS.md', max: 2, per: '1h' }] },
    finding: idle,
    screens: [box, after],
    expect: { sent: ['Keep going with TASKS.md', 'Enter'] },
  },
  {
    name: 'a rule with `for` waits until the finding has lasted that long',
    config: { rules: [{ when: 'idle', for: '20m', do: 'nudge' }] },
    finding: idle,
    screens: [box],
    expect: { sent: [] },
  },
  {
    name: 'at most `max` per `per`',
    config: { rules: [{ when: 'idle', do: 'nudge', max: 1, per: '1h' }] },
    state: { appeared: {}, actions: { 0: [Date.parse('2026-11-21T00:30:00Z')] } },
    finding: idle,
    screens: [box],
    expect: { sent: [] },
  },
  {
    name: 'exited 3 times within 30m → give up and escalate',
    config: { rules: [{ when: 'exited', times: 3, within: '30m', do: 'give-up' }] },
    state: {
      appeared: { exited: [Date.parse('2026-11-21T00:40:00Z'), Date.parse('2026-11-21T00:50:00Z')] },
      actions: {},
    },
    finding: exitedFinding,
    screens: [{ text: 'bye', dead: true }],
    expect: { sent: [], escalated: ['given-up'] },
  },
  {
    name: 'findings no rule names pass on to the other rescues',
    config: { rules: [{ when: 'exited', do: 'restart' }] },
    finding: idle,
    screens: [box],
    expect: { sent: [], escalated: [] },
  },
  {
    name: 'screen changes before the send: a rule nudge meets a dialog drawn after the look, nothing sent',
    config: { rules: [{ when: 'idle', do: 'nudge', text: 'Keep going with TASKS.md', max: 2, per: '1h' }] },
    finding: idle,
    screens: [box, drawnBy('look', permission('git push --force origin main'))],
    expect: { sent: [], refused: [/^screen: a confirm screen/] },
  },
]);
