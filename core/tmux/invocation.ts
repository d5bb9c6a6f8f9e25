// How a `tmux` process is started: which binary, which global flags, which environment.
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { TmuxOptions } from './types.js';

/** Everything needed to start a tmux client process for one server. */
export interface Invocation {
  /** the binary, resolved to an absolute path when found on PATH (a pane runs it before its program to check the pipe) */
  readonly bin: string;
  /** flags before the command: `-u` (UTF-8 out, whatever the locale), the socket, the config file */
  readonly globalArgs: readonly string[];
  /** the environment without TMUX/TMUX_PANE, so tmux never refuses to nest and the socket comes from the flags */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Builds the invocation for `options`. Without a socket, a nightshift running inside tmux talks to the server it runs
 * in (the socket path from $TMUX, as tmux itself would), otherwise to the default server.
 */
export function invocationFor(options: TmuxOptions, env: NodeJS.ProcessEnv = process.env): Invocation {
  const globalArgs = ['-u'];
  const outer = env.TMUX?.split(',')[0];
  if (options.socket) globalArgs.push('-L', options.socket);
  else if (outer) globalArgs.push('-S', outer);
  if (options.configFile) globalArgs.push('-f', options.configFile);
  const clean = { ...env };
  delete clean.TMUX;
  delete clean.TMUX_PANE;
  return { bin: resolveBin(options.bin ?? 'tmux', env.PATH), globalArgs, env: clean };
}

/** Finds `bin` on PATH; returns it unchanged when it is a path already or is not found (the spawn then reports it). */
export function resolveBin(bin: string, path = process.env.PATH ?? ''): string {
  if (isAbsolute(bin) || bin.includes('/')) return bin;
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, bin);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return bin;
}
