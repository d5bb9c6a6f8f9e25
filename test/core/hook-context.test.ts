// The contexts the plugin host builds for check hooks, and when host.check answers without a promise.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PluginHost, type AgentView } from '../../core/plugin/host.js';
import { PluginStateStore } from '../../core/plugin/state.js';
import type { CheckContext, Plugin } from '../../core/plugin/types.js';
import { classified, silentLog, snapshotOf, testConfig } from '../helpers/fixtures.js';
import { emptyScreen } from '../checks/check-context.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function hostWith(plugins: Plugin<unknown, unknown>[]) {
  const dir = mkdtempSync(join(tmpdir(), 'ns-hook-context-'));
  dirs.push(dir);
  const config = testConfig();
  const state = new PluginStateStore(dir, '2026-11-21');
  const host = new PluginHost({
    plugins: plugins.map((plugin) => ({ plugin, options: { answer: 42 }, from: 'inline' })),
    config,
    night: { id: '2026-11-21', runDir: dir, start: new Date(), end: new Date() },
    log: silentLog,
    state,
    guard: () => ({ verdict: 'hold', rule: null, reason: 'test' }),
    journal: () => undefined,
    now: () => new Date(),
    signal: new AbortController().signal,
  });
  const view: AgentView = {
    agent: config.agents[0]!,
    status: {
      name: 'builder',
      state: 'input',
      stateSince: null,
      changedAt: null,
      waitingUntil: null,
      restarts: 0,
      givenUp: false,
      taskSentAt: null,
    },
    classification: classified('input'),
    previous: undefined,
    lookAgain: () => undefined,
    screen: emptyScreen,
  };
  return { host, view, state };
}

describe('check contexts', () => {
  it('carry every field as a plain property, and the call signal on first use', () => {
    const contexts: CheckContext<unknown, unknown>[] = [];
    const { host, view } = hostWith([{ name: 'keeps', check: (_s, ctx) => void contexts.push(ctx) }]);
    host.check(snapshotOf('> '), view);
    host.check(snapshotOf('> '), view);
    const [first, second] = contexts;
    expect(Object.keys(first!)).toEqual(
      expect.arrayContaining([
        'options',
        'log',
        'now',
        'config',
        'night',
        'state',
        'guard',
        'agent',
        'status',
      ]),
    );
    expect(Object.keys(first!)).toEqual(
      expect.arrayContaining(['classification', 'previous', 'agentState', 'lookAgain']),
    );
    expect(first!.options).toEqual({ answer: 42 });
    expect(first!.signal).toBeInstanceOf(AbortSignal);
    expect(first!.log.bindings()).toEqual({ plugin: 'keeps', agent: 'builder' });
    // made once per plugin and agent for the night, not per call
    expect(second!.log).toBe(first!.log);
    expect(second!.agentState).toBe(first!.agentState);
    expect(second).not.toBe(first);
  });

  it("keep one agent's state apart from another's", () => {
    const { host, view, state } = hostWith([
      { name: 'counts', check: (_s, ctx) => void ctx.agentState.update((n) => ((n as number) ?? 0) + 1) },
    ]);
    const other: AgentView = { ...view, agent: { ...view.agent, name: 'tester' } };
    host.check(snapshotOf('> '), view);
    host.check(snapshotOf('> '), view);
    host.check(snapshotOf('> '), other);
    expect(state.agent('counts', 'builder').get()).toBe(2);
    expect(state.agent('counts', 'tester').get()).toBe(1);
  });
});

describe('host.check', () => {
  it('answers without a promise when every check is synchronous', () => {
    const { host, view } = hostWith([
      { name: 'finds', check: () => ({ kind: 'idle', summary: 'idle', data: { idleMs: 1, atInput: true } }) },
    ]);
    const found = host.check(snapshotOf('> '), view);
    expect(Array.isArray(found)).toBe(true);
    expect(found).toMatchObject([{ kind: 'idle', source: 'finds', agent: 'builder' }]);
  });

  it('answers with a promise, in plugin order, when one check is asynchronous', async () => {
    const { host, view } = hostWith([
      {
        name: 'slow',
        check: async () => ({ kind: 'idle', summary: 'slow', data: { idleMs: 1, atInput: true } }),
      },
      { name: 'fast', check: () => ({ kind: 'idle', summary: 'fast', data: { idleMs: 1, atInput: true } }) },
    ]);
    const found = host.check(snapshotOf('> '), view);
    expect(found).toBeInstanceOf(Promise);
    expect((await found).map((f) => f.source)).toEqual(['slow', 'fast']);
  });
});
