import type { Problem } from '../core/errors.js';

const REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** The result of resolving `${VAR}` references: the new value, the secrets it pulled in, and missing variables. */
export interface ResolvedRefs<T> {
  readonly value: T;
  /** values that came from the environment (redacted from logs) */
  readonly secrets: string[];
  readonly problems: Problem[];
}

/** Replaces `${VAR}` and `${VAR:-default}` in every string of a config value with the environment's values. */
export function resolveEnvRefs<T>(value: T, env: NodeJS.ProcessEnv): ResolvedRefs<T> {
  const secrets: string[] = [];
  const problems: Problem[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      return v.replace(REF, (_, name: string, fallback: string | undefined) => {
        const found = env[name];
        if (found !== undefined && found !== '') {
          secrets.push(found);
          return found;
        }
        if (fallback !== undefined) return fallback;
        problems.push({
          path,
          message: `environment variable ${name} is not set (export it, or write \${${name}:-default})`,
        });
        return '';
      });
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${path}[${i}]`));
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(
        Object.entries(v).map(([k, item]) => [k, walk(item, path ? `${path}.${k}` : k)]),
      );
    }
    return v;
  };
  return { value: walk(value, '') as T, secrets, problems };
}
