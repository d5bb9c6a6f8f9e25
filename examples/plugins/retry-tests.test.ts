import { describe, it } from 'vitest';
import { PaneTester, screen } from 'nightshift/testing';
import retryTests from './retry-tests.js';

const failed = (line: string) => ({
  kind: 'error' as const,
  summary: line,
  data: { line, context: [], pattern: 'failed', fatal: false },
});
const idleBox = screen`
  ⏺ Bash(npm test)
    ⎿  3 tests failed
  ╭────────────────────────────────────────╮
  │ > ▮                                    │
  ╰────────────────────────────────────────╯`;
const working = screen`
  > The tests failed. Fix the failures and run the test suite again before moving on.
  ✻ Fixing… (3s · esc to interrupt)`;

new PaneTester({ describe, it }).run(retryTests, [
  {
    name: 'tells the agent to fix failing tests and rerun them',
    finding: failed('3 tests failed'),
    screens: [idleBox, working],
    expect: {
      sent: ['The tests failed. Fix the failures and run the test suite again before moving on.', 'Enter'],
      escalated: [],
    },
  },
  {
    name: 'leaves other errors to other plugins',
    finding: failed('Error: ENOSPC: no space left on device'),
    screens: [idleBox],
    expect: { sent: [] },
  },
  {
    name: 'after the retries are used up it escalates instead of typing',
    options: { max: 1 },
    state: { sent: 1, last: '1 test failed' },
    finding: failed('3 tests failed'),
    screens: [idleBox],
    expect: { sent: [], escalated: ['stuck'] },
  },
  {
    name: 'a custom message that the guard refuses is never typed',
    options: { message: 'rm -rf ~/src' },
    finding: failed('3 tests failed'),
    screens: [idleBox],
    expect: { sent: [], refused: [/guard: block/] },
  },
]);
