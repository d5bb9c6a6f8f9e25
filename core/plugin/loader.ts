import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NightshiftError, type Problem } from '../errors.js';
import { placeEntries, type PluginsSetting } from './entries.js';
import { BUILTIN_FINDING_KINDS } from './kinds.js';
import { formatIssuePath } from './schema.js';
import type { AnyPlugin, Plugin } from './types.js';

/** A plugin ready for the night: its object, its validated options, and where it came from. */
export interface LoadedPlugin {
  readonly plugin: Plugin<unknown, unknown>;
  readonly options: unknown;
  /** `built-in`, a file path, or a package name */
  readonly from: string;
}

export interface LoadPluginsOptions {
  /** `config.plugins` as written: a list, `{ add, remove }` (the defaults edited), or undefined (the defaults) */
  readonly entries: PluginsSetting;
  /** built-in plugins by name (handed in by the composition root) */
  readonly builtins: ReadonlyMap<string, AnyPlugin>;
  /** names used when `entries` is undefined */
  readonly defaults: readonly string[];
  /** the config file's directory: relative paths and packages resolve from here */
  readonly dir: string;
}

const HOOKS = ['setup', 'teardown', 'check', 'rescue', 'report', 'deliver'] as const;
const NAME = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/;

/** Loads every plugin (built-in names, relative paths incl. `.ts`, npm packages, inline objects) and validates options. All problems at once. */
export async function loadPlugins(options: LoadPluginsOptions): Promise<LoadedPlugin[]> {
  const placed = placeEntries(options.entries, options.defaults);
  const problems: Problem[] = [...placed.problems];
  const loaded: LoadedPlugin[] = [];
  const names = new Map<string, string>();
  const paths: { plugin: Plugin<unknown, unknown>; path: string }[] = [];
  for (const { entry, path } of placed.entries) {
    if (entry === false || entry === null || entry === undefined) continue;
    try {
      const { plugin, rawOptions, from } = await resolveEntry(entry, options);
      problems.push(...checkShape(plugin, path));
      const first = names.get(plugin.name);
      if (first !== undefined)
        problems.push({ path, message: `plugin "${plugin.name}" is already loaded by ${first}` });
      names.set(plugin.name, path);
      const validated = await validateOptions(plugin, rawOptions, `${path}.options`);
      problems.push(...validated.problems);
      loaded.push({ plugin, options: validated.value, from });
      paths.push({ plugin, path });
    } catch (error) {
      problems.push({ path, message: error instanceof Error ? error.message : String(error) });
    }
  }
  problems.push(...checkKinds(paths));
  if (problems.length)
    throw new NightshiftError(
      'PLUGIN_INVALID',
      `plugins could not be loaded (${problems.length} problem${problems.length === 1 ? '' : 's'})`,
      { problems },
    );
  return loaded;
}

async function resolveEntry(
  entry: unknown,
  options: LoadPluginsOptions,
): Promise<{ plugin: Plugin<unknown, unknown>; rawOptions: unknown; from: string }> {
  if (typeof entry === 'string') return { ...(await importPlugin(entry, options)), rawOptions: undefined };
  if (entry && typeof entry === 'object') {
    const record = entry as Record<string, unknown>;
    if (HOOKS.some((h) => typeof record[h] === 'function'))
      return { plugin: entry as Plugin<unknown, unknown>, rawOptions: undefined, from: 'inline' };
    if ('plugin' in record && record.plugin && typeof record.plugin === 'object') {
      return {
        plugin: record.plugin as Plugin<unknown, unknown>,
        rawOptions: record.options,
        from: 'inline',
      };
    }
    if (typeof record.name === 'string') {
      const unknownKeys = Object.keys(record).filter((k) => !['name', 'options'].includes(k));
      if (unknownKeys.length)
        throw new Error(
          `unknown key ${unknownKeys.map((k) => `"${k}"`).join(', ')} (a plugin entry has name and options)`,
        );
      return { ...(await importPlugin(record.name, options)), rawOptions: record.options };
    }
  }
  throw new Error('expected a plugin name, a path, { name, options }, or a plugin object');
}

async function importPlugin(
  spec: string,
  options: LoadPluginsOptions,
): Promise<{ plugin: Plugin<unknown, unknown>; from: string }> {
  const builtin = options.builtins.get(spec);
  if (builtin) return { plugin: builtin as Plugin<unknown, unknown>, from: 'built-in' };
  const isPath = spec.startsWith('.') || isAbsolute(spec);
  let file: string;
  if (isPath) file = resolve(options.dir, spec);
  else {
    try {
      file = createRequire(resolve(options.dir, 'noop.js')).resolve(spec);
    } catch {
      const known = [...options.builtins.keys()].join(', ');
      throw new Error(
        `no built-in plugin or installed package named "${spec}" (built-ins: ${known}; for a file write "./${spec}.ts")`,
      );
    }
  }
  const module = await importModule(file, spec);
  const plugin = (module.default ?? module.plugin ?? module) as Plugin<unknown, unknown>;
  return { plugin, from: isPath ? file : spec };
}

/** Imports a plugin file; `.ts` through jiti so users need no build step. */
async function importModule(file: string, spec: string): Promise<Record<string, unknown>> {
  try {
    if (/\.[cm]?ts$/.test(file)) {
      const { createJiti } = await import('jiti');
      return (await createJiti(import.meta.url, { moduleCache: false }).import(file)) as Record<
        string,
        unknown
      >;
    }
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`could not load plugin "${spec}" from ${file}: ${message}`);
  }
}

function checkShape(plugin: Plugin<unknown, unknown>, path: string): Problem[] {
  if (!plugin || typeof plugin !== 'object')
    return [
      { path, message: 'the module does not export a plugin object (export default { name, ...hooks })' },
    ];
  const problems: Problem[] = [];
  if (typeof plugin.name !== 'string' || !NAME.test(plugin.name))
    problems.push({ path: `${path}.name`, message: 'a kebab-case name is required (e.g. "retry-tests")' });
  for (const hook of HOOKS) {
    if (plugin[hook] !== undefined && typeof plugin[hook] !== 'function')
      problems.push({ path: `${path}.${hook}`, message: 'must be a function' });
  }
  if (!HOOKS.some((h) => typeof plugin[h] === 'function'))
    problems.push({ path, message: `plugin "${plugin.name}" has no hooks (${HOOKS.join(', ')})` });
  if (plugin.order !== undefined && plugin.order !== 'pre' && plugin.order !== 'post')
    problems.push({ path: `${path}.order`, message: 'must be "pre" or "post"' });
  for (const key of ['handles', 'finds'] as const) {
    const list: unknown = plugin[key];
    if (
      list !== undefined &&
      (!Array.isArray(list) || !list.every((k) => typeof k === 'string' && NAME.test(k)))
    )
      problems.push({ path: `${path}.${key}`, message: 'must be a list of kebab-case finding kinds' });
  }
  return problems;
}

/** A rescue's `handles` must name kinds that exist tonight: built in, or declared by a loaded check's `finds`. */
function checkKinds(loaded: readonly { plugin: Plugin<unknown, unknown>; path: string }[]): Problem[] {
  const known = new Set<string>(BUILTIN_FINDING_KINDS);
  for (const { plugin } of loaded)
    for (const k of Array.isArray(plugin.finds) ? plugin.finds : []) known.add(k);
  const problems: Problem[] = [];
  for (const { plugin, path } of loaded) {
    if (!Array.isArray(plugin.handles)) continue;
    for (const kind of plugin.handles)
      if (!known.has(kind))
        problems.push({
          path: `${path}.handles`,
          message: `"${kind}" is no finding kind tonight: the built-in kinds are ${[...BUILTIN_FINDING_KINDS].join(', ')}; a kind of your own needs a loaded plugin whose check declares it (\`finds: ['${kind}']\`)`,
        });
  }
  return problems;
}

/** Validates raw options with the plugin's Standard Schema; returns the value (defaults applied) or problems with paths. */
export async function validateOptions(
  plugin: Plugin<unknown, unknown>,
  raw: unknown,
  path: string,
): Promise<{ value: unknown; problems: Problem[] }> {
  if (!plugin.options) {
    if (raw !== undefined && !(raw && typeof raw === 'object' && Object.keys(raw).length === 0)) {
      return { value: undefined, problems: [{ path, message: `plugin "${plugin.name}" takes no options` }] };
    }
    return { value: {}, problems: [] };
  }
  const result = await plugin.options['~standard'].validate(raw ?? {});
  if (result.issues) {
    return {
      value: undefined,
      problems: result.issues.map((issue) => {
        const sub = formatIssuePath(issue.path);
        return {
          path: sub ? `${path}.${sub}`.replace('.[', '[') : path,
          message: issue.message.replace(/^Invalid input: /, ''),
        };
      }),
    };
  }
  return { value: deepFreeze(result.value), problems: [] };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
