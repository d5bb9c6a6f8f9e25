import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { Config } from './schema.js';

/** Expands a leading `~` and resolves a path against `base`. */
export function resolvePath(path: string, base: string, home = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return resolve(home, path.slice(2));
  return isAbsolute(path) ? path : resolve(base, path);
}

/** Returns the config with every path (stateDir, agents' cwd, coordination files) absolute, relative to `base`. */
export function resolveConfigPaths(config: Config, base: string): Config {
  return {
    ...config,
    stateDir: resolvePath(config.stateDir, base),
    // an agent on another host keeps its cwd as written: that host's node resolves it (its own home)
    agents: config.agents.map((a) => (a.host ? a : { ...a, cwd: resolvePath(a.cwd, base) })),
    queue: config.queue && {
      ...config.queue,
      file: config.queue.file && resolvePath(config.queue.file, base),
      repo: config.queue.repo && resolvePath(config.queue.repo, base),
      worktrees: config.queue.worktrees && resolvePath(config.queue.worktrees, base),
    },
    coordination: {
      ...config.coordination,
      file: config.coordination.file && resolvePath(config.coordination.file, base),
      statusLog: config.coordination.statusLog && resolvePath(config.coordination.statusLog, base),
    },
  };
}
