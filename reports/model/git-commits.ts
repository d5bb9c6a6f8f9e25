import { existsSync } from 'node:fs';
import { execa } from 'execa';
import type { Commit } from './types.js';

/**
 * Commits made between `from` and `to` in each agent's working directory that is a git repository
 * (agents sharing a repository share its commits). A directory that is not a repository, or a git
 * that fails, gives a warning, never an error.
 */
export async function overnightCommits(
  agents: readonly { name: string; cwd: string | undefined }[],
  window: { start: Date; end: Date },
  clean: (text: string) => string,
): Promise<{ commits: Commit[]; warnings: string[] }> {
  const byRepo = new Map<string, string[]>();
  const warnings: string[] = [];
  for (const a of agents) {
    if (!a.cwd || !existsSync(a.cwd)) continue;
    const top = await execa('git', ['-C', a.cwd, 'rev-parse', '--show-toplevel'], {
      reject: false,
      timeout: 5000,
    });
    if (top.exitCode !== 0) continue;
    const repo = top.stdout.trim();
    byRepo.set(repo, [...(byRepo.get(repo) ?? []), a.name]);
  }
  const commits: Commit[] = [];
  for (const [repo, names] of byRepo) {
    const log = await execa(
      'git',
      [
        '-C',
        repo,
        'log',
        '--all',
        `--since=${window.start.toISOString()}`,
        `--until=${window.end.toISOString()}`,
        '--format=%H%x1f%an%x1f%cI%x1f%s',
        '-n',
        '500',
      ],
      { reject: false, timeout: 10_000 },
    );
    if (log.exitCode !== 0) {
      warnings.push(`git log in ${repo} failed: ${log.stderr.split('\n')[0] ?? ''}`);
      continue;
    }
    for (const line of log.stdout.split('\n')) {
      const [hash, author, at, subject] = line.split('\x1f');
      if (!hash || !at) continue;
      const when = new Date(at);
      if (when < window.start || when > window.end) continue;
      commits.push({
        repo,
        agents: names,
        hash: hash.slice(0, 10),
        author: clean(author ?? ''),
        at: when,
        subject: clean(subject ?? ''),
      });
    }
  }
  commits.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { commits, warnings };
}
