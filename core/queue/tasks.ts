// The whole queue from its sources (agents' `task:`, `tasks:`, the queue file, added tasks), validated:
// ids set and unique, agents known, `after` naming known tasks without a cycle. Every problem has a path.
import type { Config } from '../../config/schema.js';
import { taskSchema } from '../../config/queue-schema.js';
import type { Problem } from '../errors.js';
import { formatIssuePath } from '../plugin/schema.js';
import { readAddedTasks } from './added.js';
import { readTaskFile, type WrittenTask } from './task-file.js';
import type { Task, TaskSource } from './types.js';

/** The config fields the queue reads. */
export type QueueSourceConfig = Pick<Config, 'agents' | 'tasks' | 'queue' | 'stateDir'>;

/** Whether the config asks for a queue (`queue:` or `tasks:`); otherwise an agent's `task:` is typed by kickoff. */
export function queueActive(config: Pick<Config, 'tasks' | 'queue'>): boolean {
  return config.queue !== undefined || config.tasks.length > 0;
}

/** A task id made from its text: `Fix the login test!` → `fix-the-login-test`. */
export function slug(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (words.slice(0, 40).replace(/-+$/, '') || 'task').replace(/^[^a-z0-9]+/, '');
}

/** Every task in queue order, and every problem with its path. */
export function collectTasks(config: QueueSourceConfig): { tasks: Task[]; problems: Problem[] } {
  const written: { raw: unknown; path: string; source: TaskSource }[] = [];
  config.agents.forEach((a, i) => {
    if (a.task && queueActive(config))
      written.push({
        raw: { id: a.name, text: a.task, agent: a.name },
        path: `agents[${i}].task`,
        source: 'agent-task',
      });
  });
  config.tasks.forEach((raw, i) => written.push({ raw, path: `tasks[${i}]`, source: 'config' }));
  const problems: Problem[] = [];
  if (config.queue?.file) {
    const file = readTaskFile(config.queue.file);
    problems.push(...file.problems);
    written.push(...file.tasks.map((t: WrittenTask) => ({ ...t, source: 'file' as const })));
  }
  readAddedTasks(config.stateDir).forEach((raw) =>
    written.push({ raw, path: `added task "${raw.id}"`, source: 'added' }),
  );
  const tasks: Task[] = [];
  const taken = new Map<string, string>();
  for (const w of written) {
    const parsed = taskSchema.safeParse(stripAt(w.raw));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const sub = formatIssuePath(issue.path);
        problems.push({
          path: sub ? `${w.path}.${sub}` : w.path,
          message: issue.message.replace(/^Invalid input: /, ''),
        });
      }
      continue;
    }
    const t = parsed.data;
    let id = t.id ?? slug(t.text);
    if (!t.id) for (let n = 2; taken.has(id); n++) id = `${slug(t.text)}-${n}`;
    const first = taken.get(id);
    if (first !== undefined) {
      problems.push({
        path: `${w.path}.id`,
        message: `"${id}" is already the id of ${first}: give each task its own id`,
      });
      continue;
    }
    taken.set(id, w.path);
    tasks.push({ id, text: t.text, agent: t.agent, after: t.after, paths: t.paths, source: w.source });
  }
  const paths = new Map(tasks.map((t) => [t.id, taken.get(t.id)!]));
  const agents = new Set(config.agents.map((a) => a.name));
  for (const t of tasks) {
    if (t.agent !== undefined && !agents.has(t.agent))
      problems.push({
        path: `${paths.get(t.id)}.agent`,
        message: `no agent is named "${t.agent}": use one of ${[...agents].join(', ')}, or leave it out for any agent`,
      });
    for (const dep of t.after)
      if (!paths.has(dep))
        problems.push({ path: `${paths.get(t.id)}.after`, message: `no task has the id "${dep}"` });
  }
  for (const cycle of cycles(tasks))
    problems.push({
      path: `${paths.get(cycle[0]!)}.after`,
      message: `tasks wait on each other in a circle (${[...cycle, cycle[0]].join(' → ')}): none of them could start`,
    });
  return { tasks, problems };
}

/** `tasks add` stamps its lines with `at`; the schema does not know it. */
function stripAt(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || !('at' in raw)) return raw;
  const { at: _at, ...rest } = raw as Record<string, unknown>;
  return rest;
}

/** Each cycle in the `after` graph once, as the ids along it. */
function cycles(tasks: readonly Task[]): string[][] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const colour = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  const visit = (id: string, stack: string[]) => {
    if (colour.get(id) === 'done') return;
    if (colour.get(id) === 'open') {
      found.push(stack.slice(stack.indexOf(id)));
      return;
    }
    colour.set(id, 'open');
    for (const dep of byId.get(id)?.after ?? []) if (byId.has(dep)) visit(dep, [...stack, id]);
    colour.set(id, 'done');
  };
  for (const t of tasks) visit(t.id, []);
  return found;
}
