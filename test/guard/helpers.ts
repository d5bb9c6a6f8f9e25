import { createGuard, type GuardOptions, type GuardResult } from '../../core/guard/index.js';

/** The project and home every guard test classifies paths against. */
export const PLACES = { cwd: '/work/project', home: '/home/dev' } as const;

const defaultGuard = createGuard();

/** The guard's verdict for a command run in the test project. */
export function check(command: string, options?: GuardOptions): GuardResult {
  const guard = options ? createGuard(options) : defaultGuard;
  return guard.check(command, PLACES);
}

/** Just the verdict. */
export function verdict(command: string, options?: GuardOptions): GuardResult['verdict'] {
  return check(command, options).verdict;
}

/** Quotes text for a shell as one word. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
