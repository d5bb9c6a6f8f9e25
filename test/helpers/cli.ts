// Runs the nightshift CLI from source as a separate process (through tsx), as users run the built one.
import { execa, type ResultPromise } from 'execa';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'core', 'cli.ts');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');

/** Starts `nightshift ...args` in `cwd`; the promise resolves with the result (never rejects on exit codes). */
export function nightshift(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string },
): ResultPromise<{ reject: false; all: true }> {
  return execa(process.execPath, ['--import', tsx, cli, ...args], {
    cwd: options.cwd,
    env: { NIGHTSHIFT_LOG_LEVEL: 'debug', ...options.env },
    input: options.input,
    reject: false,
    all: true,
    // a night stopped with SIGTERM writes its report first, which takes seconds on a loaded machine: execa's default
    // SIGKILL five seconds after a SIGTERM would cut it short
    forceKillAfterDelay: 60_000,
  }) as ResultPromise<{ reject: false; all: true }>;
}

/** The repository root (for fixture programs under examples/). */
export const repoRoot = root;
