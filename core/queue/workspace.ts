// `workspace: worktree`: each task in a new git worktree on its own branch, kept when it holds work.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makePrivateDir } from '../files/private.js';
import { addWorktree, commitOf, commitsSince, removeIfEmpty, repoTop, uncommitted } from './git.js';

/**
 * Where a task's worktree is made, and its branch. The default folder is beside the repository
 * (`~/src/app.worktrees/<night>/<id>`): not in the state directory, which the guard keeps agents out of.
 */
export function taskPlace(o: { repo: string; root: string | undefined; night: string; id: string }): {
  folder: string;
  branch: string;
} {
  const root = o.root ?? join(dirname(o.repo), `${basename(o.repo)}.worktrees`);
  return { folder: join(root, o.night, o.id), branch: `nightshift/${o.night}/${o.id}` };
}

/** A worktree made for a task, or why not. */
export type Made = { repo: string; folder: string; branch: string; baseCommit: string } | { error: string };

/** Makes the task's worktree on a new branch from `base` (default HEAD) of the repository holding `repo`. */
export async function makeWorktree(o: {
  repo: string;
  base: string | undefined;
  root: string | undefined;
  night: string;
  id: string;
}): Promise<Made> {
  const top = await repoTop(o.repo);
  if (!top) return { error: `${o.repo} is not in a git repository: set queue.repo to one` };
  const base = await commitOf(top, o.base ?? 'HEAD');
  if ('error' in base) return { error: `${base.error}: fix queue.base` };
  const { folder, branch } = taskPlace({ repo: top, root: o.root, night: o.night, id: o.id });
  if (existsSync(folder)) return { repo: top, folder, branch, baseCommit: base.sha }; // made before a restart
  makePrivateDir(dirname(folder));
  const added = await addWorktree(top, folder, branch, base.sha);
  if (!added.ok) return { error: `git worktree add ${folder} failed: ${added.err}` };
  return { repo: top, folder, branch, baseCommit: base.sha };
}

/** What a task left in its worktree: commits, uncommitted changes; the worktree removed when it left nothing. */
export interface Left {
  readonly commits: number;
  readonly uncommitted: readonly string[];
  readonly removed: boolean;
}

/** Looks at what a finished task left and removes its worktree and branch only when that is nothing at all. */
export async function closeWorktree(o: {
  repo: string;
  folder: string;
  branch: string;
  baseCommit: string;
}): Promise<Left> {
  if (!existsSync(o.folder)) return { commits: 0, uncommitted: [], removed: false };
  const top = o.repo;
  const changes = (await uncommitted(o.folder)) ?? ['(git status failed)'];
  const commits = (await commitsSince(top, o.baseCommit, o.branch)).length;
  if (changes.length || commits) return { commits, uncommitted: changes, removed: false };
  const gone = await removeIfEmpty(top, o.folder, o.branch, o.baseCommit);
  return { commits, uncommitted: changes, removed: gone.removed };
}
