import { describe, it } from 'vitest';
import { error } from 'nightshift/plugins';
import { PaneTester, drawnBy, screen } from 'nightshift/testing';
import retryNetwork from './retry-network.js';

const busy = screen`
  ⏺ Bash(npm install)
    ⎿  npm error network read ECONNRESET
  ✻ Installing… (12s · esc to interrupt)`;
const atInput = screen`
  ⏺ Bash(npm install)
    ⎿  npm error network read ECONNRESET
  ⏺ The install failed.
  ╭──────────────────────────────────────────╮
  │ > ▮                                      │
  ╰──────────────────────────────────────────╯`;
const working = screen`
  > That step failed on a transient network error. Please try it again.
  ✻ Installing… (1s · esc to interrupt)`;
const retry = 'That step failed on a transient network error. Please try it again.';

new PaneTester({ describe, it, checks: [error] }).run(retryNetwork, [
  {
    name: 'an error seen while busy is retried once the agent is back at its input',
    agent: { profile: 'claude-code' },
    screens: [busy, drawnBy('look', atInput), working],
    ticks: 3,
    expect: { sent: [retry, 'Enter'] },
  },
  {
    name: 'other errors are left to other plugins',
    agent: { profile: 'claude-code' },
    screens: [
      busy.text.replace('npm error network read ECONNRESET', 'Error: Cannot find module ./x'),
      atInput,
    ],
    ticks: 3,
    expect: { sent: [] },
  },
  {
    name: 'a finding handed in directly, at the input box',
    agent: { profile: 'claude-code' },
    finding: {
      kind: 'error',
      summary: 'ETIMEDOUT',
      data: { line: 'Error: connect ETIMEDOUT 10.0.0.7:443', context: [], pattern: 'js-error', fatal: false },
    },
    screens: [atInput, working],
    expect: { sent: [retry, 'Enter'] },
  },
]);
