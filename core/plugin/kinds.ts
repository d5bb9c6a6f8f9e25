// Finding kinds at runtime: the built-in ones, and the check that a kind a plugin reports or handles is declared.
import type { BuiltinFindingKinds, FindingKind, Plugin } from './types.js';

/**
 * The finding kinds nightshift itself knows (a runtime list; `satisfies` keeps it in step with FindingKinds). A check
 * that reports any other kind must name it in its plugin's `finds`.
 */
export const BUILTIN_FINDING_KINDS = Object.keys({
  confirm: true,
  secret: true,
  input: true,
  idle: true,
  exited: true,
  limit: true,
  error: true,
  'wait-over': true,
  'task-undelivered': true,
} satisfies Record<keyof BuiltinFindingKinds, true>) as readonly FindingKind[];

/** The kinds `plugin`'s check may report: the built-in ones and those it names in `finds`. */
export function kindsOf(plugin: Pick<Plugin, 'finds'>): ReadonlySet<string> {
  return new Set<string>([...BUILTIN_FINDING_KINDS, ...(plugin.finds ?? [])]);
}

/** Why a check may not report `kind`, or undefined when it may. */
export function undeclaredKind(plugin: Pick<Plugin, 'finds' | 'name'>, kind: string): string | undefined {
  if (kindsOf(plugin).has(kind)) return undefined;
  return `check reported the kind "${kind}", which is neither built in (${BUILTIN_FINDING_KINDS.join(', ')}) nor declared: add \`finds: ['${kind}']\` to plugin "${plugin.name}" (and its data to FindingKinds)`;
}
