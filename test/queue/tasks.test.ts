// Tasks as data: sources, validation with paths, and which task a free agent gets next.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../config/validate.js';
import { appendAddedTask } from '../../core/queue/added.js';
import { nextTask, pathsOverlap } from '../../core/queue/dispatch.js';
import { collectTasks } from '../../core/queue/tasks.js';
import type { Task, TaskRun, TaskState } from '../../core/queue/types.js';

const dir = mkdtempSync(join(tmpdir(), 'ns-tasks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const agents = [
  { name: 'builder', command: 'true' },
  { name: 'tester', command: 'true' },
];
const config = (extra: Record<string, unknown>) =>
  validateConfig({ stateDir: join(dir, `state-${Math.random()}`), agents, ...extra });

describe('the queue from its sources', () => {
  const problems: [string, Record<string, unknown>, string[]][] = [
    [
      'a duplicate id',
      {
        tasks: [
          { id: 'a', text: 'x' },
          { id: 'a', text: 'y' },
        ],
      },
      ['tasks[1].id: "a" is already the id of tasks[0]'],
    ],
    [
      'an unknown agent',
      { tasks: [{ id: 'a', text: 'x', agent: 'nobody' }] },
      ['tasks[0].agent: no agent is named "nobody"'],
    ],
    [
      'after naming no task',
      { tasks: [{ id: 'a', text: 'x', after: ['zzz'] }] },
      ['tasks[0].after: no task has the id "zzz"'],
    ],
    [
      'a cycle in after',
      {
        tasks: [
          { id: 'a', text: 'x', after: ['c'] },
          { id: 'b', text: 'y', after: ['a'] },
          { id: 'c', text: 'z', after: ['b'] },
        ],
      },
      ['tasks[0].after: tasks wait on each other in a circle (a → c → b → a)'],
    ],
    ['a task without text', { tasks: [{ id: 'a', text: ' ' }] }, ['tasks[0].text: required']],
    [
      'a queue file that does not exist',
      { queue: { file: '/nonexistent/tasks.yaml' } },
      ['queue.file: /nonexistent/tasks.yaml does not exist'],
    ],
    [
      'a good queue',
      {
        tasks: [
          { id: 'a', text: 'x', agent: 'builder' },
          { text: 'Fix the login test!', after: ['a'] },
        ],
      },
      [],
    ],
  ];
  it.each(problems)('%s', (_name, extra, expected) => {
    // the schema may catch some (text), the queue the rest: every problem has a path
    let found: string[];
    try {
      found = collectTasks(config(extra)).problems.map((p) => `${p.path}: ${p.message}`);
    } catch (error) {
      found = ((error as { problems: { path: string; message: string }[] }).problems ?? []).map(
        (p) => `${p.path}: ${p.message}`,
      );
    }
    expect(found.length).toBe(expected.length);
    expected.forEach((e, i) => expect(found[i]).toContain(e));
  });

  it('reads a markdown checklist (unchecked items, ids before a colon or slugs) and a YAML list', () => {
    const md = join(dir, 'night.md');
    writeFileSync(
      md,
      '# Tonight\n\n- [ ] fix-login: Fix the login test\n- [x] Done already\n- [ ] Write the export docs\n',
    );
    expect(collectTasks(config({ queue: { file: md } })).tasks.map((t) => [t.id, t.text])).toEqual([
      ['fix-login', 'Fix the login test'],
      ['write-the-export-docs', 'Write the export docs'],
    ]);
    const yaml = join(dir, 'night.yaml');
    writeFileSync(
      yaml,
      '- { id: logger, text: Upgrade pino }\n- { text: Document export, after: [logger], paths: [docs/] }\n',
    );
    const { tasks, problems } = collectTasks(config({ queue: { file: yaml } }));
    expect(problems).toEqual([]);
    expect(tasks.map((t) => [t.id, t.after, t.paths])).toEqual([
      ['logger', [], []],
      ['document-export', ['logger'], ['docs/']],
    ]);
  });

  it("an agent's task: is a one-task queue for that agent once the config has a queue; added tasks come last", () => {
    const c = validateConfig({
      stateDir: join(dir, 'state-one'),
      agents: [{ ...agents[0], task: 'Work through TASKS.md' }, agents[1]],
      queue: {},
    });
    appendAddedTask(c.stateDir, { id: 'late', text: 'Added at night', at: new Date().toISOString() });
    expect(collectTasks(c).tasks.map((t) => [t.id, t.agent, t.source])).toEqual([
      ['builder', 'builder', 'agent-task'],
      ['late', undefined, 'added'],
    ]);
    // without queue: or tasks:, the task stays kickoff's (today's behaviour)
    const plain = validateConfig({
      stateDir: join(dir, 'state-plain'),
      agents: [{ ...agents[0], task: 'x' }],
    });
    expect(collectTasks(plain).tasks).toEqual([]);
  });
});

describe('the next task for a free agent', () => {
  const task = (id: string, o: Partial<Task> = {}): Task => ({
    id,
    text: id,
    agent: undefined,
    after: [],
    paths: [],
    source: 'config',
    ...o,
  });
  const run = (t: Task, state: TaskState = 'queued', agent?: string): TaskRun => ({ task: t, state, agent });
  const cases: [string, TaskRun[], string, string | undefined][] = [
    ['the first queued task', [run(task('a')), run(task('b'))], 'builder', 'a'],
    [
      'not one pinned to another agent',
      [run(task('a', { agent: 'tester' })), run(task('b'))],
      'builder',
      'b',
    ],
    [
      'not before its after tasks are done',
      [run(task('a'), 'running', 'x'), run(task('b', { after: ['a'] }))],
      'builder',
      undefined,
    ],
    ['after a done task', [run(task('a'), 'done'), run(task('b', { after: ['a'] }))], 'builder', 'b'],
    [
      'never after a failed task',
      [run(task('a'), 'failed'), run(task('b', { after: ['a'] }))],
      'builder',
      undefined,
    ],
    [
      'not sharing a path with a running task',
      [
        run(task('a', { paths: ['src/'] }), 'running', 'x'),
        run(task('b', { paths: ['src/auth'] })),
        run(task('c', { paths: ['docs/'] })),
      ],
      'builder',
      'c',
    ],
    [
      'a path once its task ended',
      [run(task('a', { paths: ['src/'] }), 'done'), run(task('b', { paths: ['src/auth'] }))],
      'builder',
      'b',
    ],
  ];
  it.each(cases)('%s', (_name, runs, agent, expected) => {
    expect(nextTask(runs, agent)?.task.id).toBe(expected);
  });

  it.each([
    [['src/'], ['src/auth/x.ts'], true],
    [['./docs'], ['docs/'], true],
    [['src/a'], ['src/ab'], false],
    [['docs/'], ['src/'], false],
  ])('paths %j and %j overlap: %s', (a, b, expected) => expect(pathsOverlap(a, b)).toBe(expected));
});
