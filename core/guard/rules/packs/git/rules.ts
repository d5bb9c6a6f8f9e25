import { defineRule } from '../../../rule.js';

// Git: losing history on the remote, uncommitted work, branches, stashes; config that runs commands.

export const pushForce = defineRule({
  id: 'core.git.push-force',
  verdict: 'block',
  reason: 'force-pushes (--force, +refspec, --mirror): rewrites history on the remote for everyone',
  alternative: 'push to a new branch, or use --force-with-lease on your own feature branch',
  examples: [
    { command: 'git push origin main --force', verdict: 'block' },
    { command: 'git push -f', verdict: 'block' },
    { command: 'git push origin +HEAD:main', verdict: 'block' },
    { command: 'git push --mirror', verdict: 'block' },
    { command: 'git push --force-with-lease origin main', verdict: 'block' },
    { command: 'git push --force-with-lease origin feature/login', verdict: 'allow' },
    { command: 'git push', verdict: 'allow' },
  ],
});

export const pushForceWithLease = defineRule({
  id: 'core.git.push-force-with-lease',
  verdict: 'hold',
  reason: 'force-pushes with a lease to a branch the guard cannot see (no refspec given)',
  alternative: 'name the remote and your feature branch: git push --force-with-lease origin my-branch',
  examples: [{ command: 'git push --force-with-lease', verdict: 'hold' }],
});

export const pushDelete = defineRule({
  id: 'core.git.push-delete',
  verdict: 'block',
  reason: 'deletes branches or tags on the remote (--delete, :ref, --prune)',
  examples: [
    { command: 'git push origin --delete main', verdict: 'block' },
    { command: 'git push origin :refs/tags/v1.0', verdict: 'block' },
    { command: 'git push --prune origin', verdict: 'block' },
    { command: 'git push origin feature/login', verdict: 'allow' },
  ],
});

export const resetHard = defineRule({
  id: 'core.git.reset-hard',
  verdict: 'block',
  reason: 'git reset --hard / --merge throws away uncommitted changes',
  alternative: 'git stash (keeps the changes), or git reset --soft',
  examples: [
    { command: 'git reset --hard', verdict: 'block' },
    { command: 'git reset --hard origin/main', verdict: 'block' },
    { command: 'git reset --merge', verdict: 'block' },
    { command: 'git -C /srv/app reset --hard', verdict: 'block' },
    { command: 'git reset --soft HEAD~1', verdict: 'allow' },
    { command: 'git reset HEAD src/app.ts', verdict: 'allow' },
    { command: 'git reset --help', verdict: 'allow' },
  ],
});

export const discardChanges = defineRule({
  id: 'core.git.discard-changes',
  verdict: 'block',
  reason: 'overwrites files in the working tree, throwing away uncommitted changes',
  alternative: 'git stash first, or git restore --staged to only unstage',
  examples: [
    { command: 'git checkout -- .', verdict: 'block' },
    { command: 'git checkout HEAD -- .', verdict: 'block' },
    { command: 'git restore --worktree src/', verdict: 'block' },
    { command: 'git restore --source=HEAD~5 -- .', verdict: 'block' },
    { command: 'git switch --discard-changes main', verdict: 'block' },
    { command: 'git checkout -b feature/login', verdict: 'allow' },
    { command: 'git restore --staged .', verdict: 'allow' },
    { command: 'git switch main', verdict: 'allow' },
  ],
});

export const cleanForce = defineRule({
  id: 'core.git.clean-force',
  verdict: 'block',
  reason: 'git clean -f deletes untracked files, which no commit can bring back',
  alternative: 'git clean -n to see what it would delete',
  examples: [
    { command: 'git clean -fd', verdict: 'block' },
    { command: 'git clean -ffdx', verdict: 'block' },
    { command: 'git clean --force -d -x', verdict: 'block' },
    { command: 'git --work-tree=/ clean -fdx', verdict: 'block' },
    { command: 'git clean -n', verdict: 'allow' },
  ],
});

export const branchForceDelete = defineRule({
  id: 'core.git.branch-force-delete',
  verdict: 'block',
  reason: 'force-deletes or force-moves a branch, losing commits that are not merged anywhere',
  alternative: 'git branch -d (refuses unmerged branches)',
  examples: [
    { command: 'git branch -D feature/login', verdict: 'block' },
    { command: 'git branch --delete --force feature/login', verdict: 'block' },
    { command: 'git branch -f main HEAD~3', verdict: 'block' },
    { command: 'git branch -d feature/merged', verdict: 'allow' },
  ],
});

export const stashDrop = defineRule({
  id: 'core.git.stash-drop',
  verdict: 'block',
  reason: 'drops stashed changes for good',
  examples: [
    { command: 'git stash drop', verdict: 'block' },
    { command: 'git stash clear', verdict: 'block' },
    { command: 'git stash apply', verdict: 'allow' },
  ],
});

export const rmRecursive = defineRule({
  id: 'core.git.rm-recursive',
  verdict: 'block',
  reason: "git rm -r removes a tree of the project's files from disk",
  alternative: 'git rm --cached to untrack without deleting',
  examples: [
    { command: 'git rm -rf .', verdict: 'block' },
    { command: 'git rm -r src', verdict: 'block' },
    { command: 'git rm -r --cached .', verdict: 'allow' },
    { command: 'git rm src/old.ts', verdict: 'allow' },
  ],
});

export const rewriteHistory = defineRule({
  id: 'core.git.rewrite-history',
  verdict: 'block',
  reason: 'rewrites the whole history of the repository',
  examples: [
    {
      command:
        "git filter-branch --force --index-filter 'git rm -r --cached --ignore-unmatch secrets' -- --all",
      verdict: 'block',
    },
    { command: 'git filter-repo --path secrets --invert-paths --force', verdict: 'block' },
  ],
});

export const expireHistory = defineRule({
  id: 'core.git.expire-history',
  verdict: 'block',
  reason: 'deletes refs or unreachable objects now, removing the way back to lost commits',
  examples: [
    { command: 'git reflog expire --expire=now --all', verdict: 'block' },
    { command: 'git gc --prune=now', verdict: 'block' },
    { command: 'git update-ref -d refs/heads/main', verdict: 'block' },
    { command: 'git gc', verdict: 'allow' },
    { command: 'git reflog', verdict: 'allow' },
  ],
});

export const worktreeForceRemove = defineRule({
  id: 'core.git.worktree-force-remove',
  verdict: 'block',
  reason: 'removes a worktree even with uncommitted changes in it',
  examples: [
    { command: 'git worktree remove --force ../wt', verdict: 'block' },
    { command: 'git worktree add ../wt-feature feature/x', verdict: 'allow' },
  ],
});

export const tagDelete = defineRule({
  id: 'core.git.tag-delete',
  verdict: 'block',
  reason: 'deletes a release tag',
  examples: [
    { command: 'git tag -d v1.0', verdict: 'block' },
    { command: 'git tag -a v1.2.3 -m "release 1.2.3"', verdict: 'allow' },
  ],
});

export const configExec = defineRule({
  id: 'core.git.config-exec',
  verdict: 'hold',
  reason:
    'git config that runs a program (hooks path, fsmonitor, filters, credential helper) the guard cannot read',
  examples: [
    { command: 'git -c core.hooksPath=/tmp/hooks commit -m x', verdict: 'hold' },
    { command: 'git config core.fsmonitor /tmp/fsmon.sh', verdict: 'hold' },
    { command: 'git config core.hooksPath .githooks', verdict: 'allow' },
    { command: 'git config user.name "Night Shift"', verdict: 'allow' },
  ],
});

export const unknownSubcommand = defineRule({
  id: 'core.git.unknown-subcommand',
  verdict: 'hold',
  reason: 'an unknown git or gh subcommand: an alias or extension that can run anything',
  examples: [
    { command: 'git nuke', verdict: 'hold' },
    { command: 'gh nuke', verdict: 'hold' },
    { command: 'git status -sb', verdict: 'allow' },
    { command: 'gh pr status', verdict: 'allow' },
  ],
});

export const hostingDelete = defineRule({
  id: 'core.git.hosting-delete',
  verdict: 'block',
  reason: 'deletes or archives a repository, release or other resource on the code host',
  examples: [
    { command: 'gh repo delete acme/api --yes', verdict: 'block' },
    { command: 'gh release delete v1.0 --yes', verdict: 'block' },
    { command: 'gh api -X DELETE repos/acme/api', verdict: 'block' },
    { command: 'gh pr list', verdict: 'allow' },
  ],
});

export const hostingWrite = defineRule({
  id: 'core.git.hosting-api-write',
  verdict: 'hold',
  reason: 'a raw API call that changes something on the code host',
  examples: [
    { command: 'gh api -X PATCH repos/acme/api -f visibility=public', verdict: 'hold' },
    { command: 'gh api repos/acme/api', verdict: 'allow' },
  ],
});
