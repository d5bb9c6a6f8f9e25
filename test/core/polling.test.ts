import { describe, expect, it } from 'vitest';
import { newAgentRuntime } from '../../core/watch/agent-runtime.js';
import { lookDue, RARE_LOOK_MS, wakeAt } from '../../core/watch/polling.js';
import { classified, snapshotOf, testConfig } from '../helpers/fixtures.js';

const T = Date.parse('2026-11-21T02:00:00Z');

/** An agent last looked at `seenAgo` ms before T (never, when undefined), waiting until T+`waitsFor` or given up. */
function agent(o: { seenAgo?: number; waitsFor?: number; givenUp?: boolean }) {
  const a = newAgentRuntime(testConfig().agents[0]!, '/tmp/ns-test/builder.log');
  if (o.seenAgo !== undefined)
    a.last = {
      snapshot: snapshotOf('> ', { at: new Date(T - o.seenAgo) }),
      classification: classified('input'),
      settled: true,
    };
  if (o.waitsFor !== undefined) a.status.waitingUntil = new Date(T + o.waitsFor);
  a.status.givenUp = o.givenUp ?? false;
  return a;
}

describe('lookDue: which agents a regular tick looks at', () => {
  it.each<[string, Parameters<typeof agent>[0], boolean]>([
    ['an agent at work', { seenAgo: 2000 }, true],
    ['an agent never looked at', {}, true],
    ['a waiting agent seen lately', { seenAgo: 2000, waitsFor: 3_600_000 }, false],
    ['a waiting agent not seen for RARE_LOOK_MS', { seenAgo: RARE_LOOK_MS, waitsFor: 3_600_000 }, true],
    ['a waiting agent whose wait is over', { seenAgo: 2000, waitsFor: 0 }, true],
    ['a waiting agent never looked at', { waitsFor: 3_600_000 }, true],
    ['a given-up agent seen lately', { seenAgo: 2000, givenUp: true }, false],
    ['a given-up agent not seen for RARE_LOOK_MS', { seenAgo: RARE_LOOK_MS + 1, givenUp: true }, true],
  ])('%s: %s', (_, o, due) => {
    expect(lookDue(agent(o), T)).toBe(due);
  });
});

describe('wakeAt: the look between ticks at the end of a wait', () => {
  it.each<[string, Parameters<typeof agent>[0], number | undefined]>([
    ['an agent at work', { seenAgo: 2000 }, undefined],
    ['a waiting agent', { seenAgo: 2000, waitsFor: 90_000 }, T + 90_000],
    ['a wait already over', { seenAgo: 2000, waitsFor: 0 }, undefined],
    ['a given-up agent that was waiting', { seenAgo: 2000, waitsFor: 90_000, givenUp: true }, undefined],
  ])('%s', (_, o, at) => {
    expect(wakeAt(agent(o), T)).toBe(at);
  });
});
