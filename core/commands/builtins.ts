// The built-in plugins, handed to the loader by name. They use only the public plugin API.
import type { Plugin } from '../plugin/types.js';
import exited from '../../plugins/checks/exited.js';
import idle from '../../plugins/checks/idle.js';

/** Built-in plugins by name. */
export const BUILTINS: ReadonlyMap<string, Plugin<any, any>> = new Map( // eslint-disable-line @typescript-eslint/no-explicit-any
  [exited, idle].map((p) => [p.name, p as Plugin<any, any>]), // eslint-disable-line @typescript-eslint/no-explicit-any
);

/** The plugins a config gets when it lists none. */
export const DEFAULT_PLUGINS: readonly string[] = ['exited', 'idle'];
