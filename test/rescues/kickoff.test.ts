import { describe, expect, it } from 'vitest';
import kickoff from '../../plugins/rescues/kickoff.js';
import { drawnBy, PaneTester, screen } from '../../core/testing/index.js';
import { permission } from '../fixtures/screens/index.js';

const box = screen`
  ✻ Welcome to Claude Code!
  ╭──────────────────────────────────────────╮
  │ > ▮                                      │
  ╰──────────────────────────────────────────╯`;
const working = screen`
  > Work through TASKS.md
  ✻ Reading TASKS.md… (1s · esc to interrupt)
  ╭──────────────────────────────────────────╮
  │ > ▮                                      │
  ╰──────────────────────────────────────────╯`;
const task = 'Work through TASKS.md and append a status entry to COORDINATION.md after each task';

new PaneTester({ describe, it }).run(kickoff, [
  {
    name: "types the night's task once the input box is ready",
    agent: { task },
    screens: [box, working],
    expect: { sent: [task, 'Enter'] },
  },
  {
    name: 'a send that left the box unverified counts as given: never typed twice',
    agent: { task },
    // after Enter the box is empty, but the agent is never seen working
    screens: [box, box],
    expect: {
      sent: [task, 'Enter'],
      state: expect.objectContaining({ attempts: 1, sentAt: expect.any(String) }),
    },
  },
  { name: 'does nothing for an agent without a task', screens: [box], expect: { sent: [] } },
  {
    name: 'does not type the task twice',
    agent: { task },
    state: { attempts: 1, sentAt: '2026-11-21T00:00:00Z' },
    screens: [box],
    expect: { sent: [] },
  },
  {
    name: 'waits while someone has the pane in copy mode',
    agent: { task },
    screens: [{ ...box, inMode: true }],
    expect: { sent: [], escalated: [] },
  },
  {
    name: 'escalates when the task cannot be delivered after the last attempt',
    agent: { task: 'Free some space with `rm -rf /`' },
    options: { attempts: 1 },
    screens: [box],
    expect: { sent: [], refused: [/guard: block/], escalated: ['other'] },
  },
  {
    name: 'screen changes before the send: a dialog drawn after the look gets no key',
    agent: { task },
    screens: [box, drawnBy('look', permission('git push --force origin main'))],
    expect: { sent: [], refused: [/^screen: a confirm screen/] },
  },
  {
    name: 'screen changes before the send: a dialog drawn by the first key gets nothing more, no Enter',
    agent: { task },
    screens: [box, drawnBy('keystroke', permission('git push --force origin main'))],
    expect: { sent: ['W'], refused: [/^screen: .* came up after the first key/], escalated: [] },
  },
]);
