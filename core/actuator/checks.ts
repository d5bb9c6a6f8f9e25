// The checks before any key: not given up, pane alive, not in copy mode, a fresh look; and for typing, where text
// would go and what the input holds.
import type { ActionName } from '../journal/events.js';
import type { ActionOutcome } from '../plugin/types.js';
import { resolveProfiles, type Profile } from '../screen/resolve-profiles.js';
import type { Classification, Snapshot } from '../screen/types.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import type { ActuatorDeps } from './deps.js';
import { boxRows, pendingInput } from './input-box.js';
import { inputTarget } from './input-target.js';
import type { ActionRecords, Refusal } from './records.js';
import type { Reading } from './typing.js';

/** how long a note after a decline waits for the input box to come back */
const FOLLOW_UP_MS = 3000;

/** Never one screen twice: the refusal for a screen this agent already answered and that has not changed since. */
export function answeredAlready(agent: AgentRuntime, screenHash: string): ActionOutcome | undefined {
  const last = agent.lastAnswer;
  if (!last || last.hash !== screenHash) return undefined;
  return { ok: false, why: 'stale', reason: 'this screen was already answered and has not changed since' };
}

/** Fresh looks at a pane before keys go to it; remembers the last look per agent during one action. */
export class ScreenChecks {
  readonly #deps: ActuatorDeps;
  readonly #records: ActionRecords;
  /** the actuator's own last look at each agent during one action, to tell streaming output from a settled screen */
  readonly #seen = new WeakMap<AgentRuntime, Snapshot>();

  constructor(deps: ActuatorDeps, records: ActionRecords) {
    this.#deps = deps;
    this.#records = records;
  }

  /** Checks common to every keystroke: not given up, pane alive, not in copy mode. Returns a fresh snapshot. */
  async precheck(
    plugin: string,
    agent: AgentRuntime,
    action: ActionName,
  ): Promise<{ snapshot: Snapshot } | Refusal> {
    if (agent.status.givenUp)
      return this.#records.refuse(
        plugin,
        agent,
        action,
        'escalated',
        'the agent was given up on tonight',
        '',
      );
    this.#seen.delete(agent);
    const snapshot = agent.paneId ? await this.#deps.look(agent) : undefined;
    if (!snapshot || snapshot.dead)
      return this.#records.refuse(
        plugin,
        agent,
        action,
        'dead',
        'the pane is gone or its program exited',
        snapshot?.hash ?? '',
      );
    if (snapshot.inMode)
      return this.#records.refuse(
        plugin,
        agent,
        action,
        'copy-mode',
        'the pane is in copy mode (someone is looking): hands off',
        snapshot.hash,
      );
    return { snapshot };
  }

  /** A fresh look at the agent's pane, read for typing; undefined when the pane is gone or in copy mode. */
  async read(agent: AgentRuntime): Promise<Reading | undefined> {
    const s = await this.#deps.look(agent);
    return s && !s.dead && !s.inMode ? this.reading(agent, s) : undefined;
  }

  /** Reads a snapshot for typing: where text would go, and what the input holds. */
  reading(agent: AgentRuntime, snapshot: Snapshot): Reading {
    const classification = this.#deps.classify(snapshot, agent, this.#seen.get(agent));
    this.#seen.set(agent, snapshot);
    const profile = this.profile(agent, classification);
    const rows = boxRows(snapshot, profile);
    // A box with text in it may no longer look idle to the classifier (its placeholder is gone), and a usage-limit
    // message stays above the box after the reset: when nothing but output or that message was recognised, the box
    // at the very bottom (nothing but a hint row or two below it) still takes text.
    const target =
      inputTarget(classification, snapshot) ??
      ((classification.state === 'output' || classification.state === 'limit') && rows ? 'box' : undefined);
    const input = target === 'shell' ? [pendingInput(snapshot)] : rows;
    return { snapshot, classification, target, input };
  }

  /** The profile the screen was classified with: the agent's own, or every profile's rules when it is detected. */
  profile(agent: AgentRuntime, c: Classification): Profile {
    const set = resolveProfiles(this.#deps.profiles);
    const configured = agent.config.profile;
    if (configured && configured !== 'auto') return set.get(configured) ?? set.union(c.profile);
    return set.union(c.profile);
  }

  /** For a note after a decline: waits for the dialog to give way to the input box. */
  async awaitInput(plugin: string, agent: AgentRuntime): Promise<{ snapshot: Snapshot } | Refusal> {
    let previous: Snapshot | undefined;
    for (let waited = 0; ; waited += 250) {
      const fresh = await this.precheck(plugin, agent, 'type');
      if ('why' in fresh) return fresh;
      // judged against the look before this one: the dialog going away is not output streaming in
      if (previous) this.#seen.set(agent, previous);
      if (waited >= FOLLOW_UP_MS || this.reading(agent, fresh.snapshot).target) return fresh;
      previous = fresh.snapshot;
      await this.#deps.sleep(250);
    }
  }
}
