// PaneTester's expectations accept asymmetric matchers, and a failing expectation names what differs.
import { describe, expect, it } from 'vitest';
import { definePlugin } from '../../core/index.js';
import { matches } from '../../core/testing/match.js';
import { PaneTester, screen } from '../../core/testing/index.js';

const plugin = definePlugin<unknown, { at: number; note: string; list: number[] }>({
  name: 'stamp',
  check(_s, ctx) {
    ctx.agentState.set({ at: ctx.now().getTime(), note: 'seen 3 rows', list: [1, 2] });
  },
});

describe('matches', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['equal objects', { a: 1, b: [2] }, { a: 1, b: [2] }, true],
    ['a missing key', { a: 1 }, { a: 1, b: 2 }, false],
    ['an extra key', { a: 1, b: 2 }, { a: 1 }, false],
    ['expect.any', { a: 5 }, { a: expect.any(Number) }, true],
    ['expect.any of the wrong type', { a: '5' }, { a: expect.any(Number) }, false],
    ['stringMatching inside an array', ['x', 'abc'], ['x', expect.stringMatching(/^a/)], true],
    ['objectContaining', { a: 1, b: 2 }, expect.objectContaining({ a: 1 }), true],
    ['arrays of other lengths', [1], [1, 2], false],
  ];
  for (const [name, actual, expected, want] of cases)
    it(name, () => expect(matches(actual, expected)).toBe(want));
});

describe('PaneTester expectations', () => {
  /** Registers the cases and returns each test's outcome: 'ok' or its error message. */
  async function outcomes(state: unknown): Promise<string> {
    const tests: (() => void | Promise<void>)[] = [];
    new PaneTester({ describe: (_n, fn) => void fn(), it: (_n, fn) => void tests.push(fn) }).run(plugin, [
      { name: 'c', screens: [screen`> `], expect: { state } },
    ]);
    try {
      await tests[0]!();
      return 'ok';
    } catch (error) {
      return (error as Error).message;
    }
  }

  it('accepts asymmetric matchers in state', async () => {
    expect(
      await outcomes({
        at: expect.any(Number),
        note: expect.stringMatching(/rows$/),
        list: [1, expect.anything()],
      }),
    ).toBe('ok');
  });

  it('a mismatch shows what it got and what was expected', async () => {
    expect(await outcomes({ at: expect.any(String), note: 'seen 3 rows', list: [1, 2] })).toMatch(
      /state differs[\s\S]*got: +\{"at":\d+/,
    );
  });
});
