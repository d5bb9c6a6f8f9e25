// Every agent's task and continue message is judged at dusk: a first, cold verdict that ran out of its time budget is
// asked again once; every other verdict stands.
import { describe, expect, it } from 'vitest';
import type { AgentConfig } from '../../config/schema.js';
import { checkTypedTexts } from '../../core/commands/runtime.js';
import { createGuard } from '../../core/guard/create-guard.js';
import type { Guard, GuardResult } from '../../core/guard/types.js';

const TOO_SLOW: GuardResult = {
  verdict: 'hold',
  rule: 'core.parse.too-complex',
  reason: 'the command is too large or took too long to analyse; a person has to look at it',
};

/** The real guard, whose first `slow` verdicts come back as a time-budget hold (what a loaded machine does). */
function coldGuard(slow: number): Guard & { calls: number } {
  const real = createGuard({});
  const guard = {
    calls: 0,
    check(command: string, context?: Parameters<Guard['check']>[1]) {
      guard.calls++;
      return guard.calls <= slow ? TOO_SLOW : real.check(command, context);
    },
  };
  return guard;
}

const agent = (task: string) => ({ name: 'a', cwd: '/tmp', task }) as unknown as AgentConfig;

describe('checkTypedTexts', () => {
  it.each([
    ['a task held once for time is asked again and passes', 'Please do the next task.', 1, []],
    [
      'a task held twice for time is a problem',
      'Please do the next task.',
      2,
      ['agents[0].task: the guard says hold (core.parse.too-complex'],
    ],
    [
      'a dangerous task is a problem at once',
      'git push --force origin main',
      0,
      ['agents[0].task: the guard says block'],
    ],
  ])('%s', (_name, task, slow, want) => {
    const problems = checkTypedTexts([agent(task)], coldGuard(slow));
    expect(problems.map((p) => `${p.path}: ${p.message}`.slice(0, want[0]?.length ?? 0))).toEqual(want);
  });
});
