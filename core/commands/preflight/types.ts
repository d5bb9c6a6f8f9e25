import type { ConfigDraft } from '../../../config/load.js';
import type { Problem } from '../../errors.js';
import type { LoadedPlugin } from '../../plugin/loader.js';

/** One problem a check found: an error stops every command (exit 2), a warning is printed and the command goes on. */
export interface CheckProblem extends Problem {
  readonly severity: 'error' | 'warning';
}

/** What a check learns besides problems (the loaded plugins, so they are not loaded twice). */
export interface CheckOutput {
  readonly problems: readonly CheckProblem[];
  readonly plugins?: readonly LoadedPlugin[];
}

/** One independent check of the config against the machine; never throws, answers in bounded time. */
export interface ConfigCheck {
  /** a short name for doctor's output */
  readonly name: string;
  /** about starting agents on this machine: for a command that starts none (`report`), its errors are warnings */
  readonly startsAgents?: boolean;
  run(draft: ConfigDraft, env: NodeJS.ProcessEnv): Promise<CheckOutput> | CheckOutput;
}

/** An error at `path`. */
export function error(path: string, message: string): CheckProblem {
  return { path, message, severity: 'error' };
}

/** A warning at `path`. */
export function warning(path: string, message: string): CheckProblem {
  return { path, message, severity: 'warning' };
}
