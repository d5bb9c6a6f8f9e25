import { describe, it } from 'vitest';
import exited from '../../plugins/checks/exited.js';
import restart from '../../plugins/rescues/restart.js';
import { drawnBy, PaneTester, type Screen } from '../../core/testing/index.js';

const dead: Screen = { text: 'Error: connect ECONNREFUSED 127.0.0.1:5432', dead: true, deadStatus: 1 };
const running: Screen = { text: '✻ Migrating… (2s · esc to interrupt)' };
const agent = { command: 'claude', resume: 'claude --continue' };

new PaneTester({ describe, it, checks: [exited] }).run(restart, [
  {
    name: 'waits the initial delay, then restarts with the resume command',
    agent,
    screens: [dead, running],
    ticks: 4,
    tickMs: 2000,
    expect: { findings: [], sent: ['restart: claude --continue'] },
  },
  {
    name: 'falls back to the start command when there is no resume command',
    agent: { command: 'aider --yes-always=false' },
    options: { delay: '0s' },
    screens: [dead, running],
    expect: { sent: ['restart: aider --yes-always=false'] },
  },
  {
    name: 'backs off ×1.5 per restart: the third restart waits 2.25× the delay',
    agent,
    options: { delay: '10s' },
    state: { times: [Date.parse('2026-11-21T00:58:00Z'), Date.parse('2026-11-21T00:59:00Z')] },
    screens: [dead, running],
    ticks: 11,
    tickMs: 2000,
    expect: { sent: [] },
  },
  {
    name: 'gives up and escalates after max restarts within the window',
    agent,
    options: { max: 3 },
    state: {
      times: [
        Date.parse('2026-11-21T00:50:00Z'),
        Date.parse('2026-11-21T00:55:00Z'),
        Date.parse('2026-11-21T00:59:00Z'),
      ],
    },
    screens: [dead],
    ticks: 3,
    expect: { sent: [], escalated: ['given-up'] },
  },
  {
    name: 'restarts counted outside the window no longer count',
    agent,
    options: { max: 3, delay: '0s', window: '30m' },
    state: {
      times: [
        Date.parse('2026-11-20T20:00:00Z'),
        Date.parse('2026-11-20T20:05:00Z'),
        Date.parse('2026-11-20T20:10:00Z'),
      ],
    },
    screens: [dead, running],
    expect: { sent: ['restart: claude --continue'], escalated: [] },
  },
  {
    name: 'screen changes before the send: a restart replaces the program, it never types into what came up',
    agent,
    options: { delay: '0s' },
    screens: [dead, drawnBy('look', { text: 'Password: ', dead: true, deadStatus: 1 }), running],
    expect: { sent: ['restart: claude --continue'] },
  },
]);
