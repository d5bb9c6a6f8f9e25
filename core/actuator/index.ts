// The actuator: the only path to a pane's input (see actuator.ts for how its jobs are split).
export { Actuator, type BoundActions } from './actuator.js';
export type { ActuatorDeps } from './deps.js';
