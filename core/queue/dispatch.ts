// Which task a free agent gets next: the first queued task that is its own or anyone's, whose `after` tasks are
// done, and that shares no `paths` entry with a task still running (the lock, without lock files).
import type { TaskRun } from './types.js';

/** True when two path lists name a common file or folder (`src/` and `src/auth/x.ts` overlap). */
export function pathsOverlap(a: readonly string[], b: readonly string[]): boolean {
  const norm = (p: string) => p.replace(/^\.\//, '').replace(/\/+$/, '');
  return a.some((x) =>
    b.some((y) => {
      const [p, q] = [norm(x), norm(y)];
      return p === q || p === '' || q === '' || p.startsWith(`${q}/`) || q.startsWith(`${p}/`);
    }),
  );
}

/** Whether a task is on its way (workspace made, or text delivered). */
export function inFlight(run: TaskRun): boolean {
  return run.state === 'starting' || run.state === 'running';
}

/** The next task for `agent`, or undefined when none may start now. */
export function nextTask(runs: readonly TaskRun[], agent: string): TaskRun | undefined {
  const state = new Map(runs.map((r) => [r.task.id, r.state]));
  const busy = runs.filter(inFlight);
  return runs.find(
    (r) =>
      r.state === 'queued' &&
      (r.task.agent === undefined || r.task.agent === agent) &&
      r.task.after.every((dep) => state.get(dep) === 'done') &&
      !busy.some(
        (b) => b.task.paths.length && r.task.paths.length && pathsOverlap(b.task.paths, r.task.paths),
      ),
  );
}

/** Why a queued task has not started, for the report (`waits on logger (failed)`). */
export function waitingReason(run: TaskRun, runs: readonly TaskRun[]): string | undefined {
  const state = new Map(runs.map((r) => [r.task.id, r.state]));
  const deps = run.task.after.filter((d) => state.get(d) !== 'done');
  if (deps.length) return `waits on ${deps.map((d) => `${d} (${state.get(d) ?? 'unknown'})`).join(', ')}`;
  return undefined;
}
