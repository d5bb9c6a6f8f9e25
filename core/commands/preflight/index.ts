// One validation for every command that reads the config: the schema, then independent checks of the
// config against this machine. Every problem comes out in one pass, each with its path and a fix.
import { draftConfig, loadedFrom, type ConfigDraft, type LoadedConfig } from '../../../config/load.js';
import { NightshiftError, formatProblems } from '../../errors.js';
import type { LoadedPlugin } from '../../plugin/loader.js';
import type { CommandArgs, CommandIO } from '../types.js';
import { agentCommandsCheck } from './agent-commands.js';
import { agentCwdCheck } from './agent-cwd.js';
import { coordinationCheck } from './coordination.js';
import { pluginsCheck } from './plugins.js';
import { queueCheck } from './queue.js';
import { stateDirCheck } from './state-dir.js';
import { typedTextsCheck } from './typed-texts.js';
import type { CheckProblem, ConfigCheck } from './types.js';

export type { CheckProblem, ConfigCheck } from './types.js';

/** The checks, in the order their problems are listed. Each is independent of the others. */
export const CONFIG_CHECKS: readonly ConfigCheck[] = [
  agentCwdCheck,
  agentCommandsCheck,
  stateDirCheck,
  pluginsCheck,
  coordinationCheck,
  typedTextsCheck,
  queueCheck,
];

/** Everything the validation found. */
export interface Preflight {
  readonly draft: ConfigDraft;
  /** the schema's problems and the checks' errors: any one stops the command */
  readonly errors: readonly CheckProblem[];
  readonly warnings: readonly CheckProblem[];
  /** the plugins, loaded once (undefined when they could not be) */
  readonly plugins: readonly LoadedPlugin[] | undefined;
}

/** What the command is about to do. */
export interface PreflightOptions {
  /** false for commands that start no agent (`report`): problems with starting agents are warnings */
  readonly startsAgents?: boolean;
}

/** Reads the config given by `--config` (or searched from cwd) and runs every check; throws only when there is no config to read. */
export async function preflight(
  args: CommandArgs,
  io: CommandIO,
  options: PreflightOptions = {},
): Promise<Preflight> {
  const file = typeof args.values.config === 'string' ? args.values.config : undefined;
  const draft = await draftConfig({ file, cwd: io.cwd, env: io.env });
  const outputs = await Promise.all(
    CONFIG_CHECKS.map(async (check) => {
      const out = await check.run(draft, io.env);
      if (options.startsAgents !== false || !check.startsAgents) return out;
      return { ...out, problems: out.problems.map((p) => ({ ...p, severity: 'warning' as const })) };
    }),
  );
  const found = [
    ...draft.problems.map((p) => ({ ...p, severity: 'error' as const })),
    ...outputs.flatMap((o) => o.problems),
  ];
  const seen = new Set<string>();
  const unique = found.filter((p) => {
    const key = `${p.path}|${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return {
    draft,
    errors: unique.filter((p) => p.severity === 'error'),
    warnings: unique.filter((p) => p.severity === 'warning'),
    plugins: outputs.find((o) => o.plugins)?.plugins,
  };
}

/** A config that passed every check, with its plugins. Prints warnings to stderr; throws CONFIG_INVALID (exit 2) listing every error. */
export async function requireConfig(
  args: CommandArgs,
  io: CommandIO,
  options: PreflightOptions = {},
): Promise<{ loaded: LoadedConfig; plugins: readonly LoadedPlugin[] }> {
  const result = await preflight(args, io, options);
  const source = result.draft.filepath ?? 'config';
  if (result.warnings.length) io.stderr.write(`warning: ${source}:\n${formatProblems(result.warnings)}\n`);
  if (result.errors.length || !result.plugins) {
    const n = result.errors.length;
    throw new NightshiftError('CONFIG_INVALID', `${source} has ${n} problem${n === 1 ? '' : 's'}`, {
      problems: result.errors,
    });
  }
  return { loaded: loadedFrom(result.draft), plugins: result.plugins };
}
