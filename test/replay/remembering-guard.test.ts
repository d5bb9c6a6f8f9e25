import { describe, expect, it } from 'vitest';
import { createGuard, type Guard, type GuardContext } from '../../core/guard/index.js';
import { rememberingGuard } from '../../core/replay/remembering-guard.js';

const PROJECT = { cwd: '/work/project', home: '/home/dev' } as const;

/** A guard that counts the verdicts it was asked for. */
function counted(guard: Guard): { guard: Guard; asked: () => number } {
  let n = 0;
  return {
    guard: { check: (command, context) => (n++, guard.check(command, context)) },
    asked: () => n,
  };
}

describe('rememberingGuard', () => {
  it.each([
    ['the same command in the same place', ['npm publish', PROJECT], ['npm publish', PROJECT], 1],
    ['another command', ['npm publish', PROJECT], ['npm test', PROJECT], 2],
    ['another working tree', ['rm -rf build', PROJECT], ['rm -rf build', { ...PROJECT, cwd: '/srv' }], 2],
    ['another home', ['rm -rf ~/x', PROJECT], ['rm -rf ~/x', { ...PROJECT, home: '/root' }], 2],
    [
      'typed text, not a command',
      ['npm publish', PROJECT],
      ['npm publish', { ...PROJECT, kind: 'message' }],
      2,
    ],
    [
      'no home given vs an empty one',
      ['rm -rf ~/x', { cwd: '/w' }],
      ['rm -rf ~/x', { cwd: '/w', home: '' }],
      2,
    ],
  ] as [string, [string, GuardContext], [string, GuardContext], number][])(
    '%s: judged %i time(s), same verdicts as the guard',
    (_name, first, second, judged) => {
      const plain = createGuard();
      const { guard, asked } = counted(createGuard());
      const remembering = rememberingGuard(guard);
      for (const [command, context] of [first, second, first, second])
        expect(remembering.check(command, context)).toEqual(plain.check(command, context));
      expect(asked()).toBe(judged);
    },
  );

  it('answers per guard: a config that allows publishing is not told what another config held', () => {
    const held = rememberingGuard(createGuard());
    const allowed = rememberingGuard(
      createGuard({ allow: [{ rule: 'core.egress.publish', reason: 'we publish from this box' }] }),
    );
    expect(held.check('npm publish', PROJECT).verdict).toBe('hold');
    expect(allowed.check('npm publish', PROJECT).verdict).toBe('allow');
    expect(held.check('npm publish', PROJECT).verdict).toBe('hold');
  });
});
