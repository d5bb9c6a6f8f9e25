// Guard stand-ins for screen tests: the real guard is tested on its own.
import type { Guard, GuardResult } from '../../core/guard/types.js';

/** Allows nothing: what `decide` must be safe with. */
export const denyAll: Guard = {
  check: (): GuardResult => ({
    verdict: 'hold',
    rule: 'test.stand-in',
    reason: 'the stand-in guard allows nothing',
  }),
};

/** Allows everything: shows what `decide` would send if the guard said yes. */
export const allowAll: Guard = {
  check: (): GuardResult => ({ verdict: 'allow', rule: null, reason: 'test: allowed' }),
};

/** Blocks commands matching `pattern`, allows the rest. */
export function blocking(pattern: RegExp): Guard {
  return {
    check: (command: string): GuardResult =>
      pattern.test(command)
        ? { verdict: 'block', rule: 'test.block', reason: `matches ${pattern}` }
        : { verdict: 'allow', rule: null, reason: 'test: allowed' },
  };
}
