// The few git commands the queue runs: worktrees and branches of its own, and facts about them for the report.
// Nothing here checks out, resets, merges, pushes, prunes or forces anything.
import { execa } from 'execa';

/** The result of one git command. */
interface Run {
  readonly ok: boolean;
  readonly out: string;
  readonly err: string;
}

async function git(cwd: string, args: readonly string[], timeout = 20_000): Promise<Run> {
  const r = await execa('git', ['-C', cwd, ...args], { reject: false, timeout, stdin: 'ignore' });
  return {
    ok: r.exitCode === 0,
    out: String(r.stdout).trim(),
    err: String(r.stderr).trim().split('\n')[0] ?? '',
  };
}

/** The repository's top folder when `dir` is inside a git work tree, else undefined. */
export async function repoTop(dir: string): Promise<string | undefined> {
  const r = await git(dir, ['rev-parse', '--show-toplevel'], 5000).catch(() => undefined);
  return r?.ok ? r.out : undefined;
}

/** The commit `rev` names (default HEAD), or the reason it names none. */
export async function commitOf(repo: string, rev = 'HEAD'): Promise<{ sha: string } | { error: string }> {
  const r = await git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  return r.ok ? { sha: r.out } : { error: `${rev} names no commit in ${repo}` };
}

/** `git worktree add -b <branch> <folder> <commit>`: a new branch and folder; never reuses or moves an existing one. */
export async function addWorktree(
  repo: string,
  folder: string,
  branch: string,
  commit: string,
): Promise<Run> {
  return git(repo, ['worktree', 'add', '-b', branch, folder, commit]);
}

/** What `git status --porcelain` lists in a worktree (changes nobody committed); undefined when git failed. */
export async function uncommitted(folder: string): Promise<string[] | undefined> {
  const r = await git(folder, ['status', '--porcelain', '--untracked-files=all']);
  return r.ok ? r.out.split('\n').filter(Boolean) : undefined;
}

/** One commit on a task's branch. */
export interface BranchCommit {
  readonly sha: string;
  readonly subject: string;
}

/** The commits on `branch` since `base`, newest first. */
export async function commitsSince(repo: string, base: string, branch: string): Promise<BranchCommit[]> {
  const r = await git(repo, ['log', '--format=%h%x1f%s', `${base}..refs/heads/${branch}`, '-n', '200']);
  if (!r.ok) return [];
  return r.out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [sha, subject] = line.split('\x1f');
      return { sha: sha ?? '', subject: subject ?? '' };
    });
}

/** `git diff --shortstat base branch`: "3 files changed, 40 insertions(+), 2 deletions(-)", or '' when none. */
export async function diffstat(repo: string, base: string, branch: string): Promise<string> {
  const r = await git(repo, ['diff', '--shortstat', base, `refs/heads/${branch}`]);
  return r.ok ? r.out : '';
}

/**
 * Removes a task's worktree and branch when it left nothing: `git worktree remove` without --force (git itself
 * refuses a worktree with changes), then the branch only while it still points at the commit it started from.
 */
export async function removeIfEmpty(
  repo: string,
  folder: string,
  branch: string,
  baseCommit: string,
): Promise<{ removed: boolean; why?: string }> {
  const changes = await uncommitted(folder);
  if (changes === undefined) return { removed: false, why: 'git status failed' };
  if (changes.length) return { removed: false, why: 'uncommitted changes' };
  const tip = await commitOf(repo, `refs/heads/${branch}`);
  if (!('sha' in tip) || tip.sha !== baseCommit) return { removed: false, why: 'it has commits' };
  const removed = await git(repo, ['worktree', 'remove', folder]);
  if (!removed.ok) return { removed: false, why: removed.err };
  await git(repo, ['update-ref', '-d', `refs/heads/${branch}`, baseCommit]);
  return { removed: true };
}
