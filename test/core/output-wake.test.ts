import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newAgentRuntime, type AgentRuntime } from '../../core/watch/agent-runtime.js';
import { OutputSettle, wakeOnOutput } from '../../core/watch/output-wake.js';
import { testConfig } from '../helpers/fixtures.js';

/** [when, whose log, how many bytes (1000 unless given)] */
type Write = [number, AgentRuntime, number?];

/** A scripted clock with timers: `run(events)` feeds growths at their times and returns when each agent was due. */
function scripted(o: { quietMs: number; perSecond: number }) {
  let now = 0;
  let timers: { at: number; run: () => void; live: boolean }[] = [];
  const due: [string, number][] = [];
  const settle = new OutputSettle({
    ...o,
    clock: () => now,
    setTimer: (run, ms) => {
      const timer = { at: now + ms, run, live: true };
      timers.push(timer);
      return { cancel: () => void (timer.live = false) };
    },
    due: (agent) => due.push([agent.config.name, now]),
  });
  const advance = (to: number) => {
    for (;;) {
      const next = timers.filter((t) => t.live && t.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      next.live = false;
      now = next.at;
      next.run();
    }
    timers = timers.filter((t) => t.live);
    now = to;
  };
  return (events: Write[], until: number) => {
    for (const [at, agent, bytes = 1000] of events) {
      advance(at);
      settle.grew(agent, bytes);
    }
    advance(until);
    return due;
  };
}

const agentNamed = (name: string) =>
  newAgentRuntime({ ...testConfig().agents[0]!, name }, `/tmp/ns-test/${name}.log`);
const a = agentNamed('a');
const b = agentNamed('b');
const every = (from: number, to: number, step: number, agent: AgentRuntime, bytes?: number) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i): Write => [
    from + i * step,
    agent,
    bytes,
  ]);

describe('OutputSettle: when a pane whose output grew is looked at', () => {
  it.each<[string, Write[], [string, number][]]>([
    ['one write: after the quiet delay', [[0, a]], [['a', 100]]],
    [
      'writes closer than the quiet delay: once, after the last',
      [
        [0, a],
        [50, a],
        [120, a],
      ],
      [['a', 220]],
    ],
    ['a stream every 50 ms for a second: once, after it ends', every(0, 1000, 50, a), [['a', 1100]]],
    [
      'bursts that each settle: at most 2 looks a second',
      [
        [0, a],
        [200, a],
        [400, a],
        [600, a],
      ],
      [
        ['a', 100],
        ['a', 300],
        ['a', 1100],
      ],
    ],
    [
      'two panes: each on its own',
      [
        [0, a],
        [30, b],
        [60, a],
      ],
      [
        ['b', 130],
        ['a', 160],
      ],
    ],
    ['no output: no look', [], []],
    [
      'a dialog drawn, then a spinner ticking under it: after the quiet delay from the dialog',
      [[0, a, 2000], ...every(40, 2000, 40, a, 30)],
      [['a', 100]],
    ],
    ['a spinner alone: one look when it starts, then none', every(0, 3000, 80, a, 30), [['a', 100]]],
    [
      'a short prompt after a silence: looked at',
      [
        [0, a, 2000],
        [3000, a, 20],
      ],
      [
        ['a', 100],
        ['a', 3100],
      ],
    ],
  ])('%s', (_, events, expected) => {
    expect(scripted({ quietMs: 100, perSecond: 2 })(events, 5000)).toEqual(expected);
  });
});

describe('wakeOnOutput: a real log directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ns-output-wake-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an append to an agent log makes that agent due; other files in the directory do not', async () => {
    const agents = ['one', 'two'].map((name) =>
      newAgentRuntime({ ...testConfig().agents[0]!, name }, join(dir, `${name}.log`)),
    );
    for (const agent of agents) writeFileSync(agent.logFile, '');
    const due: string[] = [];
    let wake!: () => void;
    const woke = new Promise<void>((resolve) => (wake = resolve));
    const watching = wakeOnOutput(agents, {
      quietMs: 20,
      due: (agent) => {
        due.push(agent.config.name);
        wake();
      },
    });
    try {
      appendFileSync(join(dir, 'one.log.writer'), '123\n');
      appendFileSync(agents[1]!.logFile, 'Do you want to proceed?\n');
      await woke;
      expect(due).toEqual(['two']);
    } finally {
      watching.close();
    }
  });
});
