// Budgets: how many actions one agent may take per hour and the fleet per minute, and the cooldown between two.
import type { Config } from '../../config/schema.js';
import type { RefusalWhy } from '../journal/events.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';

const HOUR = 3_600_000;

/** Fleet-wide action times; each agent keeps its own in `agent.actionTimes`. */
export class Budgets {
  readonly #now: () => Date;
  readonly #options: Config['actuator'];
  #fleetTimes: number[] = [];

  constructor(now: () => Date, options: Config['actuator']) {
    this.#now = now;
    this.#options = options;
  }

  /**
   * Counts one action against the budgets; returns why not when a budget or cooldown is exhausted. `cooled: false`
   * (an answer through the agent's hook) skips the cooldown, which spaces out keystrokes on a screen.
   */
  spend(agent: AgentRuntime, cooled = true): { why: RefusalWhy; reason: string } | undefined {
    const now = this.#now().getTime();
    const { perAgentPerHour, fleetPerMinute, cooldown } = this.#options;
    agent.actionTimes = agent.actionTimes.filter((t) => now - t < HOUR);
    this.#fleetTimes = this.#fleetTimes.filter((t) => now - t < 60_000);
    const last = agent.actionTimes[agent.actionTimes.length - 1];
    if (cooled && last !== undefined && now - last < cooldown)
      return {
        why: 'cooldown',
        reason: `cooldown: last action ${now - last} ms ago (minimum ${cooldown} ms)`,
      };
    if (agent.actionTimes.length >= perAgentPerHour)
      return { why: 'budget', reason: `budget: ${perAgentPerHour} actions on this agent in the last hour` };
    if (this.#fleetTimes.length >= fleetPerMinute)
      return {
        why: 'budget',
        reason: `budget: ${fleetPerMinute} actions across the fleet in the last minute`,
      };
    agent.actionTimes.push(now);
    this.#fleetTimes.push(now);
    return undefined;
  }
}
