import type { LoadedConfig } from '../../../config/load.js';
import type { Preflight } from '../preflight/index.js';
import type { CommandArgs, CommandIO } from '../types.js';

/** One line of doctor's output. `fail` on tmux or config means exit 2; any other `fail` exit 1. */
export interface DoctorLine {
  readonly name: string;
  readonly ok: boolean;
  readonly level: 'ok' | 'warn' | 'fail';
  readonly detail: string;
  /** where in the config, when the line is about one field */
  readonly path?: string;
}

/** What every doctor check can read: the arguments, and the config validation done once for all of them. */
export interface DoctorContext {
  readonly args: CommandArgs;
  readonly io: CommandIO;
  /** the validation, or the reason there is no config to validate */
  readonly preflight: Preflight | { readonly error: unknown };
  /** the config, when it passed every check */
  readonly loaded: LoadedConfig | undefined;
}

/** One independent doctor check. */
export interface DoctorCheck {
  readonly name: string;
  /** a failure here is a bad setup (exit 2) rather than a runtime problem (exit 1) */
  readonly usage?: boolean;
  run(ctx: DoctorContext): Promise<DoctorLine[]> | DoctorLine[];
}

/** A line. */
export function line(name: string, level: DoctorLine['level'], detail: string, path?: string): DoctorLine {
  return { name, ok: level !== 'fail', level, detail, ...(path ? { path } : {}) };
}
