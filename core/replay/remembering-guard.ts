// A guard for one replay that judges each distinct command once: a night shows the same dialog on every look while
// it waits (a held `npm publish` is judged 150 times in 5 minutes), and a replay re-reads all of them.
import type { Guard, GuardContext, GuardResult } from '../guard/types.js';

/**
 * Wraps `guard` so each (command, cwd, home, kind) is judged once; the answers live as long as the wrapper, which a
 * replay makes for itself, so another config (another guard) never sees them. Only for a replay: it reads today's
 * files for the whole night anyway, where a night must judge again in case a path or remote changed in between.
 */
export function rememberingGuard(guard: Guard): Guard {
  const verdicts = new Map<string, GuardResult>();
  return {
    check(command: string, context: GuardContext = {}) {
      const key = JSON.stringify([context.kind ?? 'command', context.cwd, context.home, command]);
      let verdict = verdicts.get(key);
      if (!verdict) verdicts.set(key, (verdict = guard.check(command, context)));
      return verdict;
    },
  };
}
