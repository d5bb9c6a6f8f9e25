import type { Arg } from '../syntax/arg.js';
import type { VarLookup, VarValue } from '../syntax/expand-word.js';

/** What the shell knows while it walks a script: variables, the directory, positional parameters, functions. */
export interface Scope {
  /** variables assigned earlier in the line with values the guard could work out (undefined = run time only) */
  readonly vars: Map<string, VarValue>;
  /** undefined after a `cd` to a run-time directory */
  cwd: string | undefined;
  /** `$1`, `$2`…; undefined when only known at run time (inside a function body) */
  readonly positional: readonly Arg[] | undefined;
  /** names of functions defined earlier in the line */
  readonly functions: Set<string>;
}

/** Variables whose value the guard may assume without running anything. */
export interface KnownEnvironment {
  readonly home: string;
  readonly tmpdir: string | undefined;
}

/** A fresh scope for a script typed at `cwd`. */
export function rootScope(cwd: string | undefined, positional?: readonly Arg[]): Scope {
  return { vars: new Map(), cwd, positional, functions: new Set() };
}

/** A copy for a subshell, substitution or nested shell: changes inside do not leak out. */
export function childScope(scope: Scope, changes: Partial<Pick<Scope, 'cwd' | 'positional'>> = {}): Scope {
  return {
    vars: new Map(scope.vars),
    cwd: 'cwd' in changes ? changes.cwd : scope.cwd,
    positional: 'positional' in changes ? changes.positional : scope.positional,
    functions: new Set(scope.functions),
  };
}

/** Looks a variable up: assignments in the line first, then the few the guard knows (`HOME`, `PWD`, `IFS`). */
export function lookupIn(scope: Scope, known: KnownEnvironment): VarLookup {
  return (name) => {
    if (scope.vars.has(name)) return scope.vars.get(name);
    if (/^[1-9]$/.test(name)) return scope.positional?.[Number(name) - 1]?.value;
    if (name === '@' || name === '*') return scope.positional?.map((arg) => arg.value);
    switch (name) {
      case 'HOME':
        return known.home;
      case 'PWD':
        return scope.cwd;
      case 'TMPDIR':
        return known.tmpdir ?? '/tmp';
      case 'IFS':
        return ' \t\n';
      default:
        return undefined;
    }
  };
}
