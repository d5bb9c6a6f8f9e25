// The built-in plugins, handed to the loader by name. They use only the public plugin API.
import type { Plugin } from '../plugin/types.js';
import exited from '../../plugins/checks/exited.js';
import idle from '../../plugins/checks/idle.js';
import autoConfirm from '../../plugins/rescues/auto-confirm.js';
import dangerous from '../../plugins/rescues/dangerous.js';
import escalate from '../../plugins/rescues/escalate.js';
import kickoff from '../../plugins/rescues/kickoff.js';
import nudge from '../../plugins/rescues/nudge.js';
import restart from '../../plugins/rescues/restart.js';
import rules from '../../plugins/rescues/rules.js';
import waitForReset from '../../plugins/rescues/wait-for-reset.js';

/** Built-in plugins by name. */
export const BUILTINS: ReadonlyMap<string, Plugin<any, any>> = new Map( // eslint-disable-line @typescript-eslint/no-explicit-any
  [exited, idle, rules, kickoff, autoConfirm, dangerous, nudge, restart, waitForReset, escalate].map((p) => [p.name, p as Plugin<any, any>]), // eslint-disable-line @typescript-eslint/no-explicit-any
);

/** The plugins a config gets when it lists none: every check, every rescue, the report and its delivery. */
export const DEFAULT_PLUGINS: readonly string[] = ['exited', 'idle', 'rules', 'kickoff', 'auto-confirm', 'dangerous', 'nudge', 'restart', 'wait-for-reset', 'escalate'];
