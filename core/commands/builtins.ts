// The built-in plugins, handed to the loader by name. They use only the public plugin API.
import type { AnyPlugin } from '../plugin/types.js';
import error from '../../plugins/checks/error.js';
import exited from '../../plugins/checks/exited.js';
import idle from '../../plugins/checks/idle.js';
import prompt from '../../plugins/checks/prompt.js';
import usageLimit from '../../plugins/checks/usage-limit.js';
import autoConfirm from '../../plugins/rescues/auto-confirm.js';
import dangerous from '../../plugins/rescues/dangerous.js';
import escalate from '../../plugins/rescues/escalate.js';
import kickoff from '../../plugins/rescues/kickoff.js';
import nudge from '../../plugins/rescues/nudge.js';
import parked from '../../plugins/rescues/parked.js';
import restart from '../../plugins/rescues/restart.js';
import rules from '../../plugins/rescues/rules.js';
import waitForReset from '../../plugins/rescues/wait-for-reset.js';
import { REPORTERS } from '../../plugins/reporters/index.js';

const CHECKS: AnyPlugin[] = [exited, idle, prompt, error, usageLimit];
const RESCUES: AnyPlugin[] = [
  rules,
  kickoff,
  autoConfirm,
  parked,
  dangerous,
  nudge,
  restart,
  waitForReset,
  escalate,
];

/** Built-in plugins by name. */
export const BUILTINS: ReadonlyMap<string, AnyPlugin> = new Map(
  [...CHECKS, ...RESCUES, ...(REPORTERS as readonly AnyPlugin[])].map((p) => [p.name, p]),
);

/** The plugins a config gets when it lists none: every check, every rescue, the report and its delivery. */
export const DEFAULT_PLUGINS: readonly string[] = [...BUILTINS.keys()];
