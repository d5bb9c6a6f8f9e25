import { loadedFrom } from '../../../config/load.js';
import { collectTasks } from '../../queue/tasks.js';
import { taskText } from '../../queue/trailer.js';
import { guardFor } from '../runtime.js';
import { repoTop } from '../../queue/git.js';
import { error, warning, type CheckProblem, type ConfigCheck } from './types.js';

/**
 * The task queue: ids unique, agents known, `after` naming known tasks without a cycle, the queue file readable,
 * and with `workspace: worktree` a git repository to branch from. Runs once the schema passed.
 */
export const queueCheck: ConfigCheck = {
  name: 'task queue',
  async run(draft) {
    const config = draft.config;
    if (!config) return { problems: [] };
    const { tasks, problems: found } = collectTasks(config);
    const problems: CheckProblem[] = found.map((p) => error(p.path, p.message));
    // each task is typed with its trailer: the guard must allow the whole text, or the night would refuse it
    const guard = guardFor(loadedFrom(draft));
    for (const task of tasks) {
      if (task.source === 'agent-task') continue; // typedTextsCheck judges those
      const agent = config.agents.find((a) => a.name === task.agent) ?? config.agents[0];
      const text = taskText(task, {
        agent: agent?.name ?? 'agent',
        coordinationFile: config.coordination.file,
        statusLog: config.coordination.statusLog,
      });
      const verdict = guard.check(text, { cwd: agent?.cwd ?? draft.dir, kind: 'message' });
      if (verdict.verdict !== 'allow')
        problems.push(
          // a warning: the night's actuator judges the text again before typing it, and refuses it then
          warning(
            `task "${task.id}"`,
            `the guard says ${verdict.verdict} (${verdict.rule ?? 'no rule'}: ${verdict.reason}); rephrase it`,
          ),
        );
    }
    if (config.queue?.workspace === 'worktree') {
      if (config.queue.repo) {
        if (!(await repoTop(config.queue.repo)))
          problems.push(
            error(
              'queue.repo',
              `${config.queue.repo} is not a git repository: give the repository tasks branch from`,
            ),
          );
      } else
        for (const [i, a] of config.agents.entries())
          if (!(await repoTop(a.cwd)))
            problems.push(
              error(
                `agents[${i}].cwd`,
                `${a.cwd} is not in a git repository, and workspace: worktree branches each task from one: set queue.repo`,
              ),
            );
    }
    return { problems };
  },
};
