// The night's work per task, from the journal's `task` events, with commits and diffstat read from git
// (not from the agent's word).
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import type { JournalEvent } from '../../core/index.js';
import type { NeedsYouItem, WorkItem, WorkState } from './types.js';

type TaskEvent = Extract<JournalEvent, { type: 'task' }>;

/** Each task the night touched, in queue order, as its last event left it. */
export async function workItems(
  events: readonly JournalEvent[],
  clean: (text: string) => string,
): Promise<WorkItem[]> {
  const last = new Map<string, TaskEvent>();
  for (const e of events) if (e.type === 'task') last.set(e.id, e);
  const items: WorkItem[] = [];
  for (const { run } of last.values()) {
    const state: WorkState = run.state === 'starting' ? 'running' : run.state;
    const git =
      run.repo && run.branch && run.baseCommit && existsSync(run.repo)
        ? await branchFacts(run.repo, run.baseCommit, run.branch)
        : { commits: [], diffstat: '' };
    items.push({
      id: run.task.id,
      text: clean(run.task.text),
      agent: run.agent,
      state,
      start: run.startedAt ? new Date(run.startedAt) : undefined,
      end: run.endedAt ? new Date(run.endedAt) : undefined,
      endedBy: run.endedBy,
      branch: run.branch,
      removed: run.removed === true,
      commits: git.commits.map((c) => ({ sha: c.sha, subject: clean(c.subject) })),
      diffstat: git.diffstat,
      summary: run.summary === undefined ? undefined : clean(run.summary),
      blockedOn: run.blockedOn === undefined ? undefined : clean(run.blockedOn),
      uncommitted: (run.uncommitted ?? []).map(clean),
    });
  }
  return items;
}

/** The commits on a task's branch since it started, and its diffstat against that start. */
async function branchFacts(
  repo: string,
  base: string,
  branch: string,
): Promise<{ commits: { sha: string; subject: string }[]; diffstat: string }> {
  const run = (args: string[]) => execa('git', ['-C', repo, ...args], { reject: false, timeout: 10_000 });
  const log = await run(['log', '--format=%h%x1f%s', `${base}..refs/heads/${branch}`, '-n', '50']);
  const stat = await run(['diff', '--shortstat', base, `refs/heads/${branch}`]);
  const commits =
    log.exitCode === 0
      ? String(log.stdout)
          .split('\n')
          .filter(Boolean)
          .map((l) => {
            const [sha, subject] = l.split('\x1f');
            return { sha: sha ?? '', subject: subject ?? '' };
          })
      : [];
  return { commits, diffstat: stat.exitCode === 0 ? String(stat.stdout).trim() : '' };
}

/** Blocked, failed and timed-out tasks, as things a person has to look at in the morning. */
export function workNeeds(work: readonly WorkItem[]): NeedsYouItem[] {
  return work.flatMap((w): NeedsYouItem[] => {
    if (w.state !== 'blocked' && w.state !== 'failed' && w.state !== 'timed-out') return [];
    const where = w.branch && !w.removed ? ` Its work is on branch ${w.branch}.` : '';
    const action =
      w.state === 'blocked'
        ? `Task ${w.id} is blocked on you${w.blockedOn ? `: ${w.blockedOn}` : ''}.${where}`
        : w.state === 'failed'
          ? `Task ${w.id} failed; read why and queue it again if it should be done.${where}`
          : `Task ${w.id} timed out and was stopped.${where}`;
    return [
      {
        kind: 'task',
        agent: w.agent,
        since: w.end ?? w.start ?? new Date(0),
        count: 1,
        action,
        detail: w.summary,
        command: undefined,
      },
    ];
  });
}
