import type { z } from 'zod';
import { NightshiftError, type Problem } from '../core/errors.js';
import { formatIssuePath } from '../core/plugin/schema.js';
import { configSchema, type Config } from './schema.js';

/** Validates a raw config object; every problem found is listed with its path. Throws CONFIG_INVALID. */
export function validateConfig(raw: unknown, source = 'config'): Config {
  const { config, problems } = configProblems(raw);
  if (!config || problems.length) {
    throw new NightshiftError(
      'CONFIG_INVALID',
      `${source} has ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      { problems },
    );
  }
  return config;
}

/** Every problem the schema and the cross-field checks find, and the config when there is none. */
export function configProblems(raw: unknown): { config: Config | undefined; problems: Problem[] } {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) return { config: undefined, problems: result.error.issues.flatMap(toProblems) };
  const problems = crossChecks(result.data);
  return { config: problems.length ? undefined : result.data, problems };
}

/** Turns one zod issue into problems people can act on (`agents[1].command: required`). */
function toProblems(issue: z.core.$ZodIssue): Problem[] {
  const path = formatIssuePath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: path ? `${path}.${key}` : key,
      message: 'unknown key (check the spelling)',
    }));
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message))
    return [{ path, message: 'required' }];
  return [{ path, message: issue.message.replace(/^Invalid input: /, '') }];
}

/** Unique host names, and every `agents[].host` naming one of them. */
function hostProblems(config: Config): Problem[] {
  const problems: Problem[] = [];
  const hosts = new Map<string, number>();
  config.hosts.forEach((host, i) => {
    const first = hosts.get(host.name);
    if (first !== undefined)
      problems.push({
        path: `hosts[${i}].name`,
        message: `"${host.name}" is already used by hosts[${first}]`,
      });
    else hosts.set(host.name, i);
  });
  config.agents.forEach((agent, i) => {
    if (agent.host === undefined || hosts.has(agent.host)) return;
    const known = [...hosts.keys()].map((h) => `"${h}"`).join(', ');
    problems.push({
      path: `agents[${i}].host`,
      message: known
        ? `no host named "${agent.host}": declare it under hosts: or use one of ${known}`
        : `no host named "${agent.host}": declare it under hosts: ({ name: ${agent.host}, ssh: ... })`,
    });
  });
  return problems;
}

/** Checks that span several fields: unique agent names and tmux targets. */
function crossChecks(config: Config): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  config.agents.forEach((agent, i) => {
    const first = seen.get(agent.name);
    if (first !== undefined)
      problems.push({
        path: `agents[${i}].name`,
        message: `"${agent.name}" is already used by agents[${first}]`,
      });
    else seen.set(agent.name, i);
  });
  return [...problems, ...hostProblems(config)];
}
