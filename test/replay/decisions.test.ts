import { describe, expect, it } from 'vitest';
import { diffDecisions, type Decision } from '../../core/replay/decisions.js';

const T0 = Date.UTC(2026, 11, 7, 1, 0, 0);
const d = (agent: string, s: number, outcome: string, key = `screen-${s}`): Decision => ({
  agent,
  t: T0 + s * 1000,
  outcome,
  key,
  plugin: 'p',
  rule: undefined,
  command: undefined,
  reason: '',
});
const diff = (before: Decision[], after: Decision[]) =>
  diffDecisions(before, after, { toleranceMs: 10_000, excerpt: () => [] }).map(
    (x) => `${x.agent}: ${x.change}`,
  );

describe('diffDecisions', () => {
  it.each([
    ['the same decisions', [d('a', 0, 'answered')], [d('a', 0, 'answered')], []],
    ['the same decision a tick later on another screen', [d('a', 0, 'typed')], [d('a', 2, 'typed')], []],
    ['held became answered', [d('a', 0, 'held')], [d('a', 0, 'answered')], ['a: held → answered']],
    ['answered became held', [d('a', 0, 'answered')], [d('a', 0, 'held')], ['a: answered → held']],
    ['a new nudge', [], [d('a', 100, 'typed')], ['a: nothing → typed']],
    ['a restart no longer made', [d('b', 50, 'restarted')], [], ['b: restarted → nothing']],
    [
      'far apart in time on different screens: two differences',
      [d('a', 0, 'answered')],
      [d('a', 300, 'answered')],
      ['a: answered → nothing', 'a: nothing → answered'],
    ],
    [
      'other agents never pair',
      [d('a', 0, 'answered')],
      [d('b', 0, 'answered')],
      ['a: answered → nothing', 'b: nothing → answered'],
    ],
    [
      'an escalation beside the decision is not the headline',
      [d('a', 0, 'held'), d('a', 0, 'escalated:stuck')],
      [d('a', 0, 'answered')],
      ['a: held → answered'],
    ],
  ] as const)('%s', (_name, before, after, expected) => {
    expect(diff([...before], [...after])).toEqual(expected);
  });
});
