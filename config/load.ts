import { cosmiconfig, type Loader } from 'cosmiconfig';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NightshiftError, type Problem } from '../core/errors.js';
import { resolveEnvRefs } from './env-refs.js';
import { resolveConfigPaths } from './paths.js';
import type { Config } from './schema.js';
import { configProblems } from './validate.js';

/** A config found, validated and resolved. */
export interface LoadedConfig {
  readonly config: Config;
  /** the file it came from (undefined for an embedded config such as the demo's) */
  readonly filepath: string | undefined;
  /** the directory relative paths were resolved against */
  readonly dir: string;
  /** values pulled in from the environment, to be redacted from logs */
  readonly secrets: readonly string[];
  /** a short hash of the resolved config, journaled with each night */
  readonly hash: string;
}

export interface LoadOptions {
  /** `--config FILE`; without it, cosmiconfig searches from `cwd` upwards */
  readonly file?: string | undefined;
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
}

const MODULE = 'nightshift';
const SEARCH_PLACES = [
  'package.json',
  `.${MODULE}rc`,
  `.${MODULE}rc.json`,
  `.${MODULE}rc.yaml`,
  `.${MODULE}rc.yml`,
  `.${MODULE}rc.js`,
  `.${MODULE}rc.mjs`,
  `.${MODULE}rc.ts`,
  `.${MODULE}rc.mts`,
  `${MODULE}.config.ts`,
  `${MODULE}.config.mts`,
  `${MODULE}.config.js`,
  `${MODULE}.config.mjs`,
  `${MODULE}.config.json`,
  `${MODULE}.config.yaml`,
  `${MODULE}.config.yml`,
];

/** Loads TypeScript configs with jiti, so users need no TypeScript install of their own. */
const loadTypeScript: Loader = async (filepath) => {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, { interopDefault: true, moduleCache: false });
  return jiti.import(filepath, { default: true });
};

function explorer() {
  return cosmiconfig(MODULE, {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'global',
    loaders: { '.ts': loadTypeScript, '.mts': loadTypeScript, '.cts': loadTypeScript },
  });
}

/** A config as read, before anyone relies on it: the raw value (with `${VAR}`s resolved), and every problem the schema found. */
export interface ConfigDraft {
  /** the config as written, environment references resolved */
  readonly raw: unknown;
  readonly filepath: string | undefined;
  /** the directory relative paths are resolved against */
  readonly dir: string;
  readonly secrets: readonly string[];
  /** missing environment variables and schema problems, each with its path */
  readonly problems: readonly Problem[];
  /** the validated config with absolute paths, when the schema found no problem */
  readonly config: Config | undefined;
}

/** Finds (or reads `file`), resolves `${VAR}`s, validates and resolves paths. Throws CONFIG_* errors listing every problem. */
export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  return loadedFrom(await draftConfig(options));
}

/** Finds and reads the config and collects the schema's problems without throwing for them (CONFIG_NOT_FOUND / CONFIG_LOAD_FAILED still throw). */
export async function draftConfig(options: LoadOptions): Promise<ConfigDraft> {
  const found = await findConfig(options);
  if (!found) {
    throw new NightshiftError(
      'CONFIG_NOT_FOUND',
      `no nightshift config found from ${options.cwd} upwards: run \`nightshift init\` to write one, or pass --config FILE`,
    );
  }
  return draftFrom(found.config, { ...options, filepath: found.filepath });
}

/** Like loadConfig, but returns undefined when there is no config at all (for commands that work without one). */
export async function loadConfigIfAny(options: LoadOptions): Promise<LoadedConfig | undefined> {
  const found = await findConfig(options);
  return found ? resolveConfig(found.config, { ...options, filepath: found.filepath }) : undefined;
}

/** Validates an in-memory config (the demo's, tests'), resolving paths against `dir`. */
export function resolveConfig(
  raw: unknown,
  options: LoadOptions & { filepath?: string | undefined; dir?: string },
): LoadedConfig {
  return loadedFrom(draftFrom(raw, options));
}

/** Resolves `${VAR}`s in a raw config and validates it, collecting every problem. */
export function draftFrom(
  raw: unknown,
  options: LoadOptions & { filepath?: string | undefined; dir?: string },
): ConfigDraft {
  const refs = resolveEnvRefs(raw, options.env ?? process.env);
  const dir = options.dir ?? (options.filepath ? dirname(options.filepath) : options.cwd);
  const checked = configProblems(refs.value);
  const problems = [...refs.problems, ...checked.problems];
  return {
    raw: refs.value,
    filepath: options.filepath,
    dir,
    secrets: refs.secrets,
    problems,
    config: checked.config && !problems.length ? resolveConfigPaths(checked.config, dir) : undefined,
  };
}

/** The loaded config of a draft without problems; throws CONFIG_INVALID listing every problem otherwise. */
export function loadedFrom(draft: ConfigDraft): LoadedConfig {
  if (!draft.config) {
    const n = draft.problems.length;
    throw new NightshiftError(
      'CONFIG_INVALID',
      `${draft.filepath ?? 'config'} has ${n} problem${n === 1 ? '' : 's'}`,
      { problems: draft.problems },
    );
  }
  return {
    config: draft.config,
    filepath: draft.filepath,
    dir: draft.dir,
    secrets: draft.secrets,
    hash: hashConfig(draft.config),
  };
}

async function findConfig(options: LoadOptions): Promise<{ config: unknown; filepath: string } | undefined> {
  try {
    if (options.file) {
      const file = resolve(options.cwd, options.file);
      if (!existsSync(file))
        throw new NightshiftError('CONFIG_NOT_FOUND', `config file ${file} does not exist`);
      const result = await explorer().load(file);
      return { config: result?.config ?? {}, filepath: file };
    }
    const result = await explorer().search(options.cwd);
    return result && !result.isEmpty ? { config: result.config, filepath: result.filepath } : undefined;
  } catch (error) {
    if (error instanceof NightshiftError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new NightshiftError('CONFIG_LOAD_FAILED', `could not read the config: ${message}`, {
      cause: error,
    });
  }
}

function hashConfig(config: Config): string {
  const json = JSON.stringify(config, (_, v: unknown) => (typeof v === 'function' ? `[function]` : v));
  return createHash('sha256').update(json).digest('hex').slice(0, 12);
}
