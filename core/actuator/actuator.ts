// The only path to a pane's input. Every keystroke passes: guard, stale-screen check, copy mode,
// budgets, dry-run, verification, journal. Refusals are values, never throws.
// The jobs live beside this file: checks.ts (before sending), send.ts (sending), verify.ts (verifying),
// budgets.ts (budgets and cooldown), records.ts (journal lines); answer.ts, type-text.ts, press.ts and restart.ts
// are the actions built from them.
import type { ActionName, RefusalWhy } from '../journal/events.js';
import type { ActionOutcome, Actions } from '../plugin/types.js';
import type { AgentRuntime } from '../watch/agent-runtime.js';
import { answerDialog } from './answer.js';
import { answerQuestion } from './answer-question.js';
import { Budgets } from './budgets.js';
import { ScreenChecks } from './checks.js';
import type { ActuatorDeps } from './deps.js';
import type { ActuatorParts } from './parts.js';
import { pressKeys } from './press.js';
import { ActionRecords } from './records.js';
import { restartAgent } from './restart.js';
import { typeText } from './type-text.js';

/** Actions bound to one plugin and one agent, revocable when the hook ends. */
export type BoundActions = Actions & { revoke(): void };

/** The actuator: hands out guarded `Actions` and keeps fleet-wide budgets. */
export class Actuator {
  readonly #deps: ActuatorDeps;
  readonly #parts: ActuatorParts;
  /**
   * Per agent, the keystroke action under way (`plugin action`). One at a time reaches a pane: a typing can outlast
   * the hook that started it (a loaded machine, a program laying text out late), and the next tick's attempt would
   * otherwise type into the middle of it.
   */
  readonly #underWay = new WeakMap<AgentRuntime, string>();

  constructor(deps: ActuatorDeps) {
    this.#deps = deps;
    const records = new ActionRecords(deps);
    this.#parts = {
      deps,
      budgets: new Budgets(deps.now, deps.options),
      records,
      checks: new ScreenChecks(deps, records),
    };
  }

  /** Counts one answer given through an agent's hook against the same budgets (not the cooldown). */
  spendForHook(agent: AgentRuntime): { why: RefusalWhy; reason: string } | undefined {
    return this.#parts.budgets.spend(agent, false);
  }

  /** Actions for `plugin` acting on `agent`; they stop working after `revoke()` (hook returned or timed out). */
  actionsFor(plugin: string, agent: AgentRuntime): BoundActions {
    const parts = this.#parts;
    let revoked = false;
    const underWay = this.#underWay;
    const gate = async (action: ActionName, run: () => Promise<ActionOutcome>): Promise<ActionOutcome> => {
      if (revoked) return { ok: false, why: 'revoked', reason: `${plugin} acted after its hook ended` };
      if (action === 'wait') return run();
      const other = underWay.get(agent);
      if (other !== undefined)
        return parts.records.refuse(
          plugin,
          agent,
          action,
          'not-ready',
          `${other} is still under way on this agent; one action at a time reaches a pane`,
          agent.last?.snapshot.hash ?? '',
        );
      underWay.set(agent, `${plugin} ${action}`);
      try {
        return await run();
      } finally {
        underWay.delete(agent);
      }
    };
    return {
      revoke: () => void (revoked = true),
      answer: (dialog, o) =>
        gate('answer', () => answerDialog(parts, plugin, agent, dialog, o?.keys ?? dialog.approve, 'answer')),
      decline: (dialog, o) =>
        gate('decline', async () => {
          const sent = await answerDialog(parts, plugin, agent, dialog, dialog.deny, 'decline');
          // the note is part of the decline: it spends no budget of its own and meets no cooldown
          if (sent.ok && o?.note) return typeText(parts, plugin, agent, o.note, true, true);
          return sent;
        }),
      answerQuestion: (question, reply) =>
        gate('answer', () => answerQuestion(parts, plugin, agent, question, reply)),
      type: (text, o) => gate('type', () => typeText(parts, plugin, agent, text, o?.submit ?? false)),
      press: (...keys) => gate('press', () => pressKeys(parts, plugin, agent, keys)),
      interrupt: (reason) =>
        gate('interrupt', () => pressKeys(parts, plugin, agent, ['C-c'], reason, 'interrupt')),
      restart: (reason) => gate('restart', () => restartAgent(parts, plugin, agent, reason)),
      waitUntil: (at, reason) =>
        gate('wait', async () => {
          agent.status.waitingUntil = at;
          this.#deps.journal({
            type: 'wait',
            agent: agent.config.name,
            plugin,
            until: at.toISOString(),
            reason,
          });
          return { ok: true, verified: true, dryRun: false };
        }),
      escalate: async (kind, reason, o) => {
        this.#deps.journal({
          type: 'escalation',
          agent: agent.config.name,
          plugin,
          kind,
          reason,
          command: o?.command,
          urgent: o?.urgent ?? false,
          channel: 'screen',
        });
        if (o?.urgent) this.#deps.onUrgent?.(agent.config.name, kind, reason);
        return { ok: true, verified: true, dryRun: false };
      },
      giveUp: async (reason) => {
        if (!agent.status.givenUp) {
          agent.status.givenUp = true;
          this.#deps.journal({
            type: 'agent-given-up',
            agent: agent.config.name,
            restarts: agent.status.restarts,
            plugin,
            reason,
          });
        }
        return { ok: true, verified: true, dryRun: false };
      },
      note: (text) => this.#deps.journal({ type: 'note', agent: agent.config.name, plugin, text }),
    };
  }
}
