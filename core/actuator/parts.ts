// The parts one actuator's actions share.
import type { Budgets } from './budgets.js';
import type { ScreenChecks } from './checks.js';
import type { ActuatorDeps } from './deps.js';
import type { ActionRecords } from './records.js';

/** One actuator's parts, shared by its actions (answer, type, press, restart). */
export interface ActuatorParts {
  readonly deps: ActuatorDeps;
  /** fleet-wide and per-agent budgets and the cooldown */
  readonly budgets: Budgets;
  /** the journal lines of a send: intent first, then the action or the refusal */
  readonly records: ActionRecords;
  /** the checks before any key: a fresh look, and where text would go */
  readonly checks: ScreenChecks;
}
