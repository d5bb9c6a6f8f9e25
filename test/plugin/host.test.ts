import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewJournalEvent } from '../../core/journal/events.js';
import { PluginHost, type AgentView } from '../../core/plugin/host.js';
import type { LoadedPlugin } from '../../core/plugin/loader.js';
import { PluginStateStore } from '../../core/plugin/state.js';
import type { Actions, Finding, Plugin } from '../../core/plugin/types.js';
import { classified, silentLog, snapshotOf, testConfig } from '../helpers/fixtures.js';
import { emptyScreen } from '../checks/check-context.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function hostWith(plugins: Plugin<unknown, unknown>[], timeout = 200) {
  const dir = mkdtempSync(join(tmpdir(), 'ns-host-'));
  dirs.push(dir);
  const events: NewJournalEvent[] = [];
  const config = { ...testConfig(), watch: { interval: 1000, pluginTimeout: timeout } };
  const host = new PluginHost({
    plugins: plugins.map((plugin): LoadedPlugin => ({ plugin, options: {}, from: 'inline' })),
    config,
    night: { id: '2026-11-21', runDir: dir, start: new Date(), end: new Date() },
    log: silentLog,
    state: new PluginStateStore(dir, '2026-11-21'),
    guard: () => ({ verdict: 'hold', rule: null, reason: 'test' }),
    journal: (e) => events.push(e),
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
  return { host, events, view };
}

const finds: Plugin<unknown, unknown> = {
  name: 'finds-idle',
  check: () => ({ kind: 'idle', summary: 'idle', data: { idleMs: 1, atInput: true } }),
};
const noActions = () => ({ revoke: () => undefined }) as Actions & { revoke(): void };

describe('plugin isolation', () => {
  it.each<[string, Plugin<unknown, unknown>, string]>([
    [
      'a throwing check',
      {
        name: 'throws',
        check: () => {
          throw new Error('boom');
        },
      },
      'PLUGIN_THREW',
    ],
    ['a hanging check', { name: 'hangs', check: () => new Promise(() => undefined) }, 'PLUGIN_TIMEOUT'],
    [
      'a check returning garbage',
      { name: 'garbage', check: () => [{ nope: true }] as never },
      'PLUGIN_BAD_RESULT',
    ],
  ])('%s is journaled by name and does not stop the other checks', async (_, bad, code) => {
    const { host, events, view } = hostWith([bad, finds]);
    const findings = await host.check(snapshotOf('> '), view);
    expect(findings.map((f) => f.source)).toEqual(['finds-idle']);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'plugin-failure', plugin: bad.name, hook: 'check', code }),
    );
  });

  it('switches a plugin off after 3 failures in a row and names it', async () => {
    let calls = 0;
    const flaky: Plugin<unknown, unknown> = {
      name: 'flaky',
      check: () => {
        calls++;
        throw new Error(`failure ${calls}`);
      },
    };
    const { host, events, view } = hostWith([flaky]);
    for (let i = 0; i < 5; i++) await host.check(snapshotOf('> '), view);
    expect(calls).toBe(3);
    expect(events.filter((e) => e.type === 'plugin-disabled')).toEqual([
      { type: 'plugin-disabled', plugin: 'flaky', failures: 3, firstError: 'check: failure 1' },
    ]);
    expect(host.disabled).toEqual([{ plugin: 'flaky', failures: 3, firstError: 'check: failure 1' }]);
  });

  it('a success resets the failure streak', async () => {
    let calls = 0;
    const sometimes: Plugin<unknown, unknown> = {
      name: 'sometimes',
      check: () => {
        calls++;
        if (calls % 3 === 0) return [];
        throw new Error('x');
      },
    };
    const { host, view } = hostWith([sometimes]);
    for (let i = 0; i < 9; i++) await host.check(snapshotOf('> '), view);
    expect(host.disabled).toEqual([]);
  });

  it('runs every teardown in reverse order even when one throws', async () => {
    const order: string[] = [];
    const { host, events } = hostWith([
      { name: 'first', teardown: () => void order.push('first') },
      {
        name: 'second',
        teardown: () => {
          order.push('second');
          throw new Error('teardown failed');
        },
      },
      { name: 'third', teardown: () => void order.push('third') },
    ]);
    await host.teardown();
    expect(order).toEqual(['third', 'second', 'first']);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'plugin-failure', plugin: 'second', hook: 'teardown' }),
    );
  });
});

describe('rescue dispatch', () => {
  it('offers a finding in order pre, unordered, post; the first "handled" wins', async () => {
    const seen: string[] = [];
    const rescuer = (
      name: string,
      result: 'handled' | 'pass',
      order?: 'pre' | 'post',
    ): Plugin<unknown, unknown> => ({
      name,
      ...(order ? { order } : {}),
      rescue: () => {
        seen.push(name);
        return result;
      },
    });
    const { host, view } = hostWith([
      rescuer('late', 'handled', 'post'),
      rescuer('normal', 'pass'),
      rescuer('early', 'pass', 'pre'),
      rescuer('normal-2', 'handled'),
      rescuer('never', 'handled'),
    ]);
    const [finding] = await hostWith([finds]).host.check(snapshotOf('> '), view);
    const handledBy = await host.rescue(finding as Finding, view, noActions);
    expect(seen).toEqual(['early', 'normal', 'normal-2']);
    expect(handledBy).toBe('normal-2');
  });

  it('skips rescues whose `handles` does not include the finding kind', async () => {
    const { host, view } = hostWith([{ name: 'limits-only', handles: ['limit'], rescue: () => 'handled' }]);
    const [finding] = await hostWith([finds]).host.check(snapshotOf('> '), view);
    expect(await host.rescue(finding as Finding, view, noActions)).toBeUndefined();
  });

  it('revokes the actions when the rescue returns', async () => {
    let revoked = 0;
    const { host, view } = hostWith([{ name: 'acts', rescue: () => 'pass' }]);
    const [finding] = await hostWith([finds]).host.check(snapshotOf('> '), view);
    await host.rescue(
      finding as Finding,
      view,
      () => ({ revoke: () => void revoked++ }) as Actions & { revoke(): void },
    );
    expect(revoked).toBe(1);
  });
});
