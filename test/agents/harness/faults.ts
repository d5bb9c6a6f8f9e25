// Faults the bench does to a running agent: a crash is the agent's process killed in its pane.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Live } from './scenario.js';

/** The process ids of `pid` and its descendants whose command name is `name` (Linux /proc). */
export function processesNamed(pid: number, name: string): number[] {
  const found: number[] = [];
  const visit = (p: number, depth: number) => {
    if (depth > 8) return;
    try {
      if (readFileSync(`/proc/${p}/comm`, 'utf8').startsWith(name)) found.push(p);
      for (const c of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean))
        visit(Number(c), depth + 1);
    } catch {
      // gone meanwhile
    }
  };
  visit(pid, 0);
  return found;
}

/** Once `when` holds, kills the agent process named `name` in the pane with SIGKILL (as a crash leaves it). */
export function crashAgent(name: string, when: (live: Live) => boolean, timeout = 60_000) {
  return async (live: Live): Promise<void> => {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline && !when(live)) await sleep(200);
    await sleep(1000);
    const pid = live.panePid();
    if (!pid) return;
    for (const p of processesNamed(pid, name)) process.kill(p, 'SIGKILL');
  };
}
