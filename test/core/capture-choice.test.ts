// Which panes a night's tick captures: a pane whose log changed is captured on that tick; a quiet pane's screen is
// carried, and captured again within the safety net, so a screen changed without a byte of output is still seen.
import { appendFileSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/load.js';
import { createGuard } from '../../core/guard/index.js';
import { PluginStateStore } from '../../core/plugin/state.js';
import { classify } from '../../core/screen/index.js';
import { newAgentRuntime, type AgentRuntime, type LogMark } from '../../core/watch/agent-runtime.js';
import { FULL_LOOK_MS, fullLookPeriod, logMark, mustCapture } from '../../core/watch/capture-choice.js';
import { tick, type TickOptions } from '../../core/watch/tick.js';
import { createWatch } from '../../core/watch/watch.js';
import { silentLog } from '../helpers/fixtures.js';
import { CountingTmux } from './helpers/counting-tmux.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const T0 = Date.parse('2026-12-07T01:00:00Z');
const LOG: LogMark = { size: 100, mtimeMs: T0 - 5 };

/** An agent last captured at T0 on pane %1, whose log then had the mark LOG. */
function captured(o: { paneId?: string; dead?: boolean; seen?: boolean; pid?: number } = {}): AgentRuntime {
  const config = resolveConfig({ agents: [{ name: 'builder', command: 'x' }] }, { cwd: '/', env: {} }).config;
  const agent = newAgentRuntime(config.agents[0]!, '/nowhere/builder.log');
  agent.paneId = o.paneId ?? '%1';
  const snapshot = {
    dead: o.dead ?? false,
    pid: o.pid ?? process.pid,
  } as AgentRuntime['last'] extends infer L ? (L extends { snapshot: infer S } ? S : never) : never;
  agent.last = { snapshot, classification: {} as never, settled: true };
  if (o.seen !== false) agent.seen = { paneId: agent.paneId, at: T0, log: LOG };
  return agent;
}

const period = fullLookPeriod('builder');

const cases: {
  name: string;
  agent: () => AgentRuntime;
  log: LogMark | undefined;
  at: number;
  capture: boolean;
}[] = [
  {
    name: 'log unchanged, seen a second ago: carried',
    agent: captured,
    log: LOG,
    at: T0 + 1000,
    capture: false,
  },
  { name: 'log grew', agent: captured, log: { ...LOG, size: 101 }, at: T0 + 1000, capture: true },
  {
    name: 'log rewritten to the same size (a cut)',
    agent: captured,
    log: { ...LOG, mtimeMs: LOG.mtimeMs + 1 },
    at: T0 + 1000,
    capture: true,
  },
  {
    name: 'log missing (the pipe is re-armed)',
    agent: captured,
    log: undefined,
    at: T0 + 1000,
    capture: true,
  },
  { name: 'never captured', agent: () => captured({ seen: false }), log: LOG, at: T0 + 1000, capture: true },
  {
    name: 'a new pane',
    agent: () => Object.assign(captured(), { paneId: '%7' }),
    log: LOG,
    at: T0 + 1000,
    capture: true,
  },
  {
    name: "the program's process is gone (tmux marks the pane dead without a byte in the log)",
    agent: () => captured({ pid: 2 ** 22 + 1 }), // above Linux's largest pid: no such process
    log: LOG,
    at: T0 + 1000,
    capture: true,
  },
  {
    name: 'a pane on another host',
    agent: () => captured({ paneId: 'build-box:%1' }),
    log: LOG,
    at: T0 + 1000,
    capture: true,
  },
  {
    name: 'the program is dead',
    agent: () => captured({ dead: true }),
    log: LOG,
    at: T0 + 1000,
    capture: true,
  },
  {
    name: 'just inside its safety-net period',
    agent: captured,
    log: LOG,
    at: T0 + period - 1,
    capture: false,
  },
  { name: 'its safety-net period passed', agent: captured, log: LOG, at: T0 + period, capture: true },
  { name: 'FULL_LOOK_MS passed', agent: captured, log: LOG, at: T0 + FULL_LOOK_MS, capture: true },
];

describe.each(cases)('mustCapture: $name', ({ agent, log, at, capture }) => {
  it(capture ? 'captures' : 'carries the screen', () => expect(mustCapture(agent(), log, at)).toBe(capture));
});

describe('fullLookPeriod', () => {
  const names = Array.from({ length: 256 }, (_, i) => `agent-${i}`);
  const periods = names.map(fullLookPeriod);

  it('lies between half of FULL_LOOK_MS and FULL_LOOK_MS', () => {
    expect(Math.min(...periods)).toBeGreaterThanOrEqual(FULL_LOOK_MS / 2);
    expect(Math.max(...periods)).toBeLessThanOrEqual(FULL_LOOK_MS);
  });

  it('spreads a fleet: no second of the 5 s span holds more than a third of the panes', () => {
    const perSecond = new Map<number, number>();
    for (const p of periods)
      perSecond.set(Math.floor(p / 1000), (perSecond.get(Math.floor(p / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(names.length / 3);
  });

  it('is the same for the same name', () => expect(fullLookPeriod('builder')).toBe(period));
});

describe('logMark', () => {
  it('reads size and time, and nothing for a missing log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ns-choice-'));
    dirs.push(dir);
    appendFileSync(join(dir, 'a.log'), 'hello');
    expect(logMark(join(dir, 'a.log'))).toMatchObject({ size: 5 });
    expect(logMark(join(dir, 'b.log'))).toBeUndefined();
  });
});

/** Two agents on panes %1 and %2 with real (empty) logs, a tick with a clock the test moves. */
async function fleet() {
  const dir = mkdtempSync(join(tmpdir(), 'ns-choice-'));
  dirs.push(dir);
  const { config } = resolveConfig(
    {
      timezone: 'UTC',
      stateDir: join(dir, 'state'),
      agents: ['quiet', 'chatty'].map((name) => ({ name, command: 'node agent.mjs' })),
    },
    { cwd: dir, env: {} },
  );
  let clock = T0;
  const tmux = new CountingTmux();
  const agents = await Promise.all(
    config.agents.map(async (a) => {
      const agent = newAgentRuntime(a, join(dir, 'logs', `${a.name}.log`));
      agent.paneId = await tmux.createPane();
      await tmux.pipe(agent.paneId, agent.logFile);
      return agent;
    }),
  );
  const now = () => new Date(clock);
  const deps = createWatch({
    config,
    plugins: [],
    tmux,
    guard: createGuard(),
    classify: (s, a, previous) => classify(s, { profile: a.profile, timezone: 'UTC', now: s.at, previous }),
    journal: () => undefined,
    log: silentLog,
    state: new PluginStateStore(config.stateDir, 'test'),
    night: { id: 'test', runDir: dir, start: now(), end: new Date(T0 + 3_600_000) },
    now,
    sleep: async (ms) => void (clock += ms),
    signal: new AbortController().signal,
    lookAgain: () => undefined,
  });
  const [quiet, chatty] = agents as [AgentRuntime, AgentRuntime];
  /** one tick at `ms` after T0; the panes it captured */
  const tickAt = async (ms: number, o: TickOptions = { carryQuiet: true }) => {
    clock = T0 + ms;
    const before = new Map(tmux.captures);
    await tick(agents, deps, o);
    return agents
      .filter((a) => tmux.captures.get(a.paneId!) !== before.get(a.paneId!))
      .map((a) => a.config.name);
  };
  const shown = (a: AgentRuntime) => a.last!.snapshot.lines[0];
  /** output from the agent: its log grows (and its mtime moves, as a write on a coarse clock might not) */
  const output = (a: AgentRuntime, at: number) => {
    appendFileSync(a.logFile, 'step\r\n');
    utimesSync(a.logFile, new Date(at), new Date(at));
  };
  return { tmux, quiet, chatty, tickAt, shown, output };
}

describe('a night tick with quiet panes carried', () => {
  it('captures a pane on the tick after its log grew, and carries the quiet one', async () => {
    const f = await fleet();
    expect(await f.tickAt(0)).toEqual(['quiet', 'chatty']);
    f.output(f.chatty, T0 + 500);
    f.tmux.show(f.chatty.paneId!, ['step 2 done', '']);
    expect(await f.tickAt(1000)).toEqual(['chatty']);
    expect(f.shown(f.chatty)).toBe('step 2 done');
    expect(f.quiet.last!.snapshot.at.getTime()).toBe(T0 + 1000); // looked at (its checks ran), not captured
    f.output(f.chatty, T0 + 1500);
    expect(await f.tickAt(2000)).toEqual(['chatty']);
  });

  it('sees a screen changed without any output within the safety net, not before', async () => {
    const f = await fleet();
    await f.tickAt(0);
    f.tmux.show(f.quiet.paneId!, ['resized, redrawn by tmux', '']);
    const period = fullLookPeriod('quiet');
    const seenAt: number[] = [];
    for (let ms = 1000; ms <= FULL_LOOK_MS + 1000; ms += 1000) {
      f.output(f.chatty, T0 + ms - 500); // the other pane keeps printing: this tick captures something anyway
      if ((await f.tickAt(ms)).includes('quiet')) seenAt.push(ms);
    }
    expect(seenAt[0]).toBeGreaterThanOrEqual(period);
    expect(seenAt[0]).toBeLessThanOrEqual(FULL_LOOK_MS);
    expect(f.shown(f.quiet)).toBe('resized, redrawn by tmux');
  });

  it('never captures nothing: with every pane quiet, the one captured longest ago (a lost server is noticed)', async () => {
    const f = await fleet();
    await f.tickAt(0);
    const first = await f.tickAt(1000);
    expect(first).toHaveLength(1);
    const second = await f.tickAt(2000);
    expect(second).toHaveLength(1);
    expect(second).not.toEqual(first);
  });

  it('captures an extra look whatever the log says', async () => {
    const f = await fleet();
    await f.tickAt(0);
    expect(await f.tickAt(500, { carryQuiet: true, fresh: new Set([f.quiet]) })).toEqual(['quiet']);
  });

  it('captures every pane when the tick does not carry (a replay, a scripted pane)', async () => {
    const f = await fleet();
    await f.tickAt(0);
    expect(await f.tickAt(1000, {})).toEqual(['quiet', 'chatty']);
  });
});
