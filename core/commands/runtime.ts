// The composition root's shared wiring: config, logger, tmux, guard, classifier and plugins for one process.
import type { ClassifyScreen } from '../watch/watch.js';
import { isAbsolute, join, relative } from 'node:path';
import type { Logger } from 'pino';
import { loadConfig, type LoadedConfig } from '../../config/load.js';
import type { AgentConfig } from '../../config/schema.js';
import { NightshiftError, type Problem } from '../errors.js';
import { createGuard, mergeGuardOptions, type GuardOptions } from '../guard/index.js';
import type { Guard } from '../guard/types.js';
import type { NightObserver } from '../night/observer.js';
import { createLogger, levelFrom } from '../log.js';
import { adoptStateDir, octal } from '../files/private.js';
import { paneWriterCommand } from '../logs/pane-writer.js';
import { loadPlugins, type LoadedPlugin } from '../plugin/loader.js';
import { classify } from '../screen/index.js';
import type { Snapshot } from '../screen/types.js';
import { checkTmuxVersion, createTmux } from '../tmux/index.js';
import type { Tmux } from '../tmux/types.js';
import { BUILTINS, DEFAULT_PLUGINS } from './builtins.js';
import { fleetRuntime } from './fleet-runtime.js';
import type { NightHosts } from '../hosts/fleet.js';
import { recordRedactor } from './record-redactor.js';
import type { RecordRedactor } from '../journal/screen-record.js';
import type { CommandArgs, CommandIO } from './types.js';

/** Everything a command that runs nights needs. */
export interface Runtime {
  readonly loaded: LoadedConfig;
  readonly log: Logger;
  readonly tmux: Tmux;
  readonly guard: Guard;
  readonly plugins: readonly LoadedPlugin[];
  readonly classify: ClassifyScreen;
  /** agents on other hosts (docs/hosts.md) */
  readonly hosts?: NightHosts;
  /** the report's redaction, applied to the night's screen record before it is written */
  readonly redact: RecordRedactor;
  /** watches the nights from outside (the HTTP status endpoint, `http:`) */
  readonly observer?: NightObserver;
}

/** Loads the config given by `--config` (or searched from cwd). */
export function configFrom(args: CommandArgs, io: CommandIO): Promise<LoadedConfig> {
  const file = typeof args.values.config === 'string' ? args.values.config : undefined;
  return loadConfig({ file, cwd: io.cwd, env: io.env });
}

/**
 * The guard configured by the config's `guard` section, protecting nightshift's own config and state.
 * A config file inside an agent's working tree could be edited by that agent, so there it may only add
 * restrictions: its `allow` exceptions are ignored (and `nightshift doctor` says so).
 */
export function guardFor(loaded: LoadedConfig): Guard {
  const { protectedPaths, options } = guardOptionsOf(loaded);
  return createGuard(
    configWritableByAgents(loaded.filepath, loaded.config.agents)
      ? mergeGuardOptions({ protectedPaths }, options)
      : options,
  );
}

/** The guard options a loaded config declares, and the paths the guard protects (the config and the state dir). */
export function guardOptionsOf(loaded: Pick<LoadedConfig, 'config' | 'filepath'>): {
  protectedPaths: string[];
  options: GuardOptions;
} {
  const { guard, stateDir } = loaded.config;
  const protectedPaths = [loaded.filepath, stateDir].filter((p): p is string => !!p);
  const options: GuardOptions = {
    allow: guard.allow,
    rules: guard.rules,
    buildOutput: guard.buildOutput,
    trustedHosts: guard.trustedHosts,
    trustedRemotes: guard.trustedRemotes,
    protectedPaths,
    ...(guard.verbs ? { verbs: guard.verbs } : {}),
  };
  return { protectedPaths, options };
}

/** True when the config file lies inside some agent's working directory. */
export function configWritableByAgents(file: string | undefined, agents: readonly AgentConfig[]): boolean {
  return (
    !!file &&
    agents.some((a) => {
      const rel = relative(a.cwd, file);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    })
  );
}

/** Builds the runtime: checks tmux, loads plugins (every problem at once), and checks the texts nightshift will type. */
export async function prepareRuntime(
  loaded: LoadedConfig,
  args: CommandArgs,
  io: CommandIO,
  options: { pretty?: boolean; plugins?: readonly LoadedPlugin[] } = {},
): Promise<Runtime> {
  const { config } = loaded;
  const tightened = adoptStateDir(config.stateDir);
  const log = createLogger({
    level: levelFrom(args.values['log-level'], io.env),
    file: join(config.stateDir, 'nightshift.log'),
    pretty: options.pretty ?? io.isTTY,
    secrets: loaded.secrets,
  });
  if (tightened.length) {
    const message = `made ${config.stateDir} private: ${tightened.length} path(s) others could read are now 0700/0600 (pane logs hold everything agents print)`;
    io.stderr.write(`nightshift: ${message}\n`);
    log.warn({ paths: tightened.slice(0, 20).map((p) => `${p.path} ${octal(p.mode)}`) }, message);
  }
  const guard = guardFor(loaded);
  const problems = checkTypedTexts(config.agents, guard);
  if (problems.length)
    throw new NightshiftError(
      'CONFIG_INVALID',
      `${loaded.filepath ?? 'config'}: the guard would refuse text nightshift is asked to type`,
      { problems },
    );
  const plugins =
    options.plugins ??
    (await loadPlugins({
      entries: config.plugins,
      builtins: BUILTINS,
      defaults: DEFAULT_PLUGINS,
      dir: loaded.dir,
    }));
  await checkTmuxVersion();
  const maxBytes = config.logs.maxMB * 1024 * 1024;
  const fleet = await fleetRuntime(
    loaded,
    createTmux({
      socket: config.tmux.socket,
      control: config.tmux.control,
      pipeWriter: (file) => paneWriterCommand(file, maxBytes),
    }),
  );
  const classifyFor = (snapshot: Snapshot, agent: AgentConfig, previous: Snapshot | undefined) =>
    classify(snapshot, {
      profile: agent.profile,
      profiles: config.profiles,
      timezone: config.timezone,
      now: snapshot.at,
      previous,
    });
  return {
    ...fleet,
    log,
    guard,
    plugins,
    classify: classifyFor,
    redact: recordRedactor(loaded.secrets),
  };
}

/** The guard's rule for a line too large, or too slow, to analyse. */
const TOO_COMPLEX = 'core.parse.too-complex';

/** Every agent's task and continue message must pass the guard, or the night would refuse to type them: say so at dusk. */
export function checkTypedTexts(agents: readonly AgentConfig[], guard: Guard): Problem[] {
  const problems: Problem[] = [];
  agents.forEach((agent, i) => {
    for (const key of ['task', 'continue'] as const) {
      const text = agent[key];
      if (!text) continue;
      for (const line of text.split(/\r?\n/).filter((l) => l.trim())) {
        let verdict = guard.check(line, { cwd: agent.cwd, kind: 'message' });
        // the process's first verdicts are cold: on a loaded machine one can run out of its time budget, so a hold for
        // that reason is asked again once before the night is refused
        if (verdict.verdict === 'hold' && verdict.rule === TOO_COMPLEX)
          verdict = guard.check(line, { cwd: agent.cwd, kind: 'message' });
        if (verdict.verdict !== 'allow')
          problems.push({
            path: `agents[${i}].${key}`,
            message: `the guard says ${verdict.verdict} (${verdict.rule ?? 'no rule'}: ${verdict.reason}); rephrase it`,
          });
      }
    }
  });
  return problems;
}
