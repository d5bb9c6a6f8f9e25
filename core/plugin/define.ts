import type { Plugin } from './types.js';

/** Identity helper that types a plugin object: options and state types flow into every hook's `ctx`. */
export function definePlugin<O = unknown, S = unknown>(plugin: Plugin<O, S>): Plugin<O, S> {
  return plugin;
}
