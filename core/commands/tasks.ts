// `nightshift tasks [--night DATE] [--json]` and `nightshift tasks add "TEXT" [--id ID] [--agent A] [--after ID]`.
import { basename, join } from 'node:path';
import { taskSchema } from '../../config/queue-schema.js';
import type { Config } from '../../config/schema.js';
import { NightshiftError, type Problem } from '../errors.js';
import { readJournal } from '../journal/journal.js';
import { appendAddedTask } from '../queue/added.js';
import { readStore, withStoredState } from '../queue/store.js';
import { collectTasks, queueActive, slug } from '../queue/tasks.js';
import type { TaskRun } from '../queue/types.js';
import { nightDirs } from './nights.js';
import { configFrom } from './runtime.js';
import { defineCommand, type CommandIO } from './types.js';

export default defineCommand({
  name: 'tasks',
  summary: "the night's task queue, each task's state; `tasks add` appends one",
  usage: `Usage: nightshift tasks [--night YYYY-MM-DD] [--json]
       nightshift tasks add "TEXT" [--id ID] [--agent NAME] [--after ID]... [--path PATH]...

Lists the queue (the config's tasks:, queue.file, and tasks added here) with each task's state
(queued, starting, running, done, failed, blocked, timed-out, not-reached), agent and branch.
With --night, the tasks as that night's journal left them.

\`tasks add\` appends a task; a running night picks it up within one watch interval. Its id
defaults to a slug of the text; --agent pins it to one agent; --after (repeatable) names tasks
that must be done first; --path (repeatable) names the files or folders it works on.
See docs/queue.md.`,
  options: {
    night: { type: 'string' },
    id: { type: 'string' },
    agent: { type: 'string' },
    after: { type: 'string', multiple: true },
    path: { type: 'string', multiple: true },
  },
  allowPositionals: true,
  async run(args, io) {
    const { config } = await configFrom(args, io);
    const [verb, ...rest] = args.positionals;
    if (verb === 'add') return add(config, rest, args.values, io);
    if (verb !== undefined)
      throw new NightshiftError(
        'USAGE',
        `unknown subcommand "${verb}": use \`nightshift tasks\` or \`nightshift tasks add "TEXT"\``,
      );
    const runs =
      typeof args.values.night === 'string' ? nightRuns(config, args.values.night) : currentRuns(config);
    if (args.values.json) for (const r of runs) io.stdout.write(`${JSON.stringify(row(r))}\n`);
    else if (!runs.length)
      io.stdout.write('the queue is empty: add tasks under `tasks:` or with `nightshift tasks add "TEXT"`\n');
    else
      for (const r of runs)
        io.stdout.write(
          `${r.task.id.padEnd(24)} ${r.state.padEnd(11)} ${(r.agent ?? r.task.agent ?? 'any').padEnd(12)} ${r.branch && !r.removed ? r.branch : ''}\n`,
        );
    return 0;
  },
});

/** One task as `--json` prints it. */
function row(r: TaskRun) {
  return {
    id: r.task.id,
    text: r.task.text,
    state: r.state,
    agent: r.agent ?? r.task.agent ?? null,
    after: r.task.after,
    paths: r.task.paths,
    night: r.night ?? null,
    branch: r.branch ?? null,
    startedAt: r.startedAt ?? null,
    endedAt: r.endedAt ?? null,
    endedBy: r.endedBy ?? null,
    summary: r.summary ?? null,
  };
}

/** The queue now: every task with its stored state. Bad task data stops with every problem listed (exit 2). */
function currentRuns(config: Config): TaskRun[] {
  const { tasks, problems } = collectTasks(config);
  if (problems.length) throw invalid(problems);
  return withStoredState(tasks, readStore(config.stateDir));
}

/** The tasks as a night's journal left them. */
function nightRuns(config: Config, night: string): TaskRun[] {
  const dir = nightDirs(config.stateDir)
    .filter((d) => basename(d) === night || basename(d).startsWith(`${night}.`))
    .at(-1);
  if (!dir)
    throw new NightshiftError(
      'NIGHT_NOT_FOUND',
      `no night ${night} under ${join(config.stateDir, 'nights')}`,
    );
  const last = new Map<string, TaskRun>();
  for (const e of readJournal(join(dir, 'events.jsonl')).events) if (e.type === 'task') last.set(e.id, e.run);
  return [...last.values()];
}

/** Appends a task after checking it against the queue: a valid id not taken, a known agent, known `after` tasks. */
function add(
  config: Config,
  words: readonly string[],
  values: Record<string, unknown>,
  io: CommandIO,
): number {
  const text = words.join(' ').trim();
  const { tasks, problems } = collectTasks(config);
  if (problems.length) throw invalid(problems);
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const raw = {
    id: typeof values.id === 'string' ? values.id : undefined,
    text,
    agent: typeof values.agent === 'string' ? values.agent : undefined,
    after: strings(values.after),
    paths: strings(values.path),
  };
  const parsed = taskSchema.safeParse(raw);
  const found: Problem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        path: i.path.length ? `--${String(i.path[0])}` : 'TEXT',
        message: i.message,
      }));
  const ids = new Set(tasks.map((t) => t.id));
  let id = raw.id ?? slug(text);
  if (!raw.id) for (let n = 2; ids.has(id); n++) id = `${slug(text)}-${n}`;
  if (raw.id && ids.has(raw.id))
    found.push({ path: '--id', message: `a task "${raw.id}" is already queued: pick another id` });
  if (raw.agent && !config.agents.some((a) => a.name === raw.agent))
    found.push({
      path: '--agent',
      message: `no agent is named "${raw.agent}": use one of ${config.agents.map((a) => a.name).join(', ')}`,
    });
  for (const dep of raw.after)
    if (!ids.has(dep)) found.push({ path: '--after', message: `no task has the id "${dep}"` });
  if (found.length) throw invalid(found);
  appendAddedTask(config.stateDir, { ...raw, id, at: new Date().toISOString() });
  io.stdout.write(`queued ${id}\n`);
  if (!queueActive(config))
    io.stderr.write(
      'note: the config has no `queue:` or `tasks:`, so a night does not run a queue: add `queue: {}` to it\n',
    );
  return 0;
}

function invalid(problems: readonly Problem[]): NightshiftError {
  return new NightshiftError(
    'CONFIG_INVALID',
    `the task queue has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    {
      problems,
    },
  );
}
