import { describe, it } from 'vitest';
import { idle } from 'nightshift/plugins';
import { PaneTester, drawnBy, screen } from 'nightshift/testing';
import remind from './remind-failing-tests.js';

const failing = screen`
  ⏺ Bash(npm test)
    ⎿  Tests: 2 failed, 40 passed, 42 total
  ⏺ I will look at the parser next.
  ╭──────────────────────────────────────────╮
  │ > ▮                                      │
  ╰──────────────────────────────────────────╯`;
const working = screen`
  > The tests still fail (⎿  Tests: 2 failed, 40 passed, 42 total). Fix them before you move on.
  ✻ Fixing… (1s · esc to interrupt)`;
const reminder =
  'The tests still fail (⎿  Tests: 2 failed, 40 passed, 42 total). Fix them before you move on.';
const MIN = 60_000;

new PaneTester({ describe, it, checks: [idle] }).run(remind, [
  {
    name: 'an agent idle at its input for 10 minutes is reminded of the failing summary',
    agent: { profile: 'claude-code' },
    screens: [failing, working],
    ticks: 2,
    tickMs: 10 * MIN,
    expect: { sent: [reminder, 'Enter'] },
  },
  {
    name: 'once per summary: idle again with the same summary, no second reminder',
    agent: { profile: 'claude-code' },
    screens: [failing, working, drawnBy('look', failing)],
    ticks: 6,
    tickMs: 10 * MIN,
    expect: { sent: [reminder, 'Enter'] },
  },
  {
    name: 'no failing summary on screen: nothing to remind of',
    agent: { profile: 'claude-code' },
    screens: [failing.text.replace('Tests: 2 failed, 40 passed', 'Tests: 42 passed')],
    ticks: 2,
    tickMs: 10 * MIN,
    expect: { sent: [] },
  },
]);
