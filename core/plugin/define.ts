import type { FindingKind, Plugin } from './types.js';

/**
 * Identity helper that types a plugin object: options and state types flow into every hook's `ctx`, and `handles`
 * narrows the finding `rescue` receives (`handles: ['error']` → `finding.data.line`). Giving the types explicitly,
 * name the kinds too: `definePlugin<Options, State, 'error'>({ handles: ['error'], ... })`.
 */
export function definePlugin<O = unknown, S = unknown, const K extends FindingKind = FindingKind>(
  plugin: Plugin<O, S, K>,
): Plugin<O, S, K> {
  return plugin;
}
