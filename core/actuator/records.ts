// The journal lines of a send: the intent before any key, then the action made or the refusal (repeats quieted).
import type { GuardResult } from '../guard/types.js';
import type { ActionName, RefusalWhy } from '../journal/events.js';
import { rememberTyped } from '../plugin/typed-record.js';
import type { ActionOutcome, Key } from '../plugin/types.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import type { ActuatorDeps } from './deps.js';

/** an identical refusal is journaled again only after this long */
const REPEAT_QUIET_MS = 10 * 60_000;

/** The refusal reason when the intent line cannot be written. */
export const JOURNAL_FAILED =
  'the journal cannot be written (disk full?): nothing is sent that is not journaled first';

/** A refused action: why, and the guard's verdict when the guard refused. */
export type Refusal = ActionOutcome & { ok: false };

/** Writes an actuator's journal lines; remembers when each distinct refusal was last journaled. */
export class ActionRecords {
  readonly #deps: Pick<ActuatorDeps, 'journal' | 'now'>;
  /** when each distinct refusal was last journaled */
  readonly #refused = new Map<string, number>();

  constructor(deps: Pick<ActuatorDeps, 'journal' | 'now'>) {
    this.#deps = deps;
  }

  /** Journals a send before it is made; false when the journal cannot be written, and then nothing is sent. */
  journalFirst(
    plugin: string,
    agent: AgentRuntime,
    action: ActionName,
    screenHash: string,
    what: { keys?: readonly Key[]; text?: string },
  ): boolean {
    const event = { type: 'intent', agent: agent.config.name, plugin, action, screenHash, ...what } as const;
    if (what.text !== undefined && action !== 'restart') rememberTyped(agent.typed, what.text);
    return this.#deps.journal(event) !== false;
  }

  /** Journals an action made (or, in a dry run, one that would have been) and returns its outcome. */
  sent(
    plugin: string,
    agent: AgentRuntime,
    action: ActionName,
    screenHash: string,
    o: {
      keys?: readonly Key[];
      text?: string;
      reason: string;
      dryRun: boolean;
      verified?: boolean;
      rule?: string;
      allowedBy?: GuardResult['allowedBy'];
    },
  ): ActionOutcome {
    this.#deps.journal({
      type: 'action',
      agent: agent.config.name,
      plugin,
      action,
      keys: o.keys,
      text: o.text,
      rule: o.rule,
      reason: o.reason,
      screenHash,
      channel: 'screen',
      dryRun: o.dryRun,
      verified: o.verified,
      ...(o.allowedBy ? { allowedBy: o.allowedBy } : {}),
    });
    return { ok: true, verified: o.verified ?? false, dryRun: o.dryRun };
  }

  /** Journals a refusal (not a cooldown, not a recent repeat) and returns it as a value. */
  refuse(
    plugin: string,
    agent: AgentRuntime,
    action: ActionName,
    why: RefusalWhy,
    reason: string,
    screenHash: string,
    guard?: GuardResult,
    command?: string,
  ): Refusal {
    // A cooldown is a deferral, not a decision: the next tick tries again, so it is not journaled.
    // The same refusal repeated tick after tick (a spent budget, a text the guard holds) is journaled once per
    // REPEAT_QUIET_MS: the first one says it all, and a night of repeats would drown the journal.
    const key = `${agent.config.name}\0${plugin}\0${action}\0${why}\0${reason}\0${command ?? ''}`;
    const now = this.#deps.now().getTime();
    const last = this.#refused.get(key);
    const repeat = last !== undefined && now - last < REPEAT_QUIET_MS;
    if (why !== 'cooldown' && !repeat) {
      this.#refused.set(key, now);
      this.#deps.journal({
        type: 'refusal',
        agent: agent.config.name,
        plugin,
        action,
        why,
        reason,
        rule: guard?.rule,
        verdict: guard?.verdict,
        command,
        screenHash,
        channel: 'screen',
      });
    }
    return guard ? { ok: false, why, reason, guard } : { ok: false, why, reason };
  }
}

/** The start of a typed text, for journal reasons and the report. */
export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}
