// The runner's `hook` route: judges a tool call an agent's hook hands over with the screen path's judge and policy
// (guardDialog, the actuator's budgets, dry-run, the journal), and turns the channel's states into looks and events.
import type { AgentRuntime } from '../watch/agent-runtime.js';
import type { NightParts, NightRouteMaker } from '../control/night-parts.js';
import { guardDialog } from '../screen/guard-dialog.js';
import { parseResetTime } from '../screen/reset-time.js';
import { clearChannelLimit, reportChannelLimit } from '../watch/channel-limit.js';
import type { Dialog } from '../screen/types.js';
import { CHANNEL_CAN_ALLOW, type HookAnswer, type HookCall, type HookRequest } from './protocol.js';

/** The plugin name hook decisions are journaled under. */
export const HOOK_PLUGIN = 'hooks';

/** What a blocked agent is told. */
export function deniedMessage(reason: string): string {
  return (
    `nightshift blocked this command while nobody is watching (${reason}). ` +
    'A person will look at it in the morning. Do not retry it or work around it: go on with other work.'
  );
}

const NONE: HookAnswer = { decision: 'none' };

/** Checks a `hook` body; a throw is a BAD_REQUEST reply. */
export function parseHookRequest(body: unknown): HookRequest {
  if (typeof body !== 'object' || body === null) throw new Error('not an object');
  const b = body as Record<string, unknown>;
  if (typeof b.agent !== 'string' || typeof b.event !== 'string' || typeof b.channel !== 'string')
    throw new Error('agent, channel and event must be strings');
  const call = b.call as Record<string, unknown> | null;
  if (typeof call !== 'object' || call === null || typeof call.kind !== 'string')
    throw new Error('call.kind must be a string');
  if (call.kind === 'permission' && call.command !== undefined && typeof call.command !== 'string')
    throw new Error('call.command must be a string');
  return body as HookRequest;
}

/** Builds the night's `hook` route. */
export const hookRoute: NightRouteMaker = (night) => {
  const seen = new Set<string>();
  return {
    type: 'hook',
    parse: parseHookRequest,
    handle: (request: HookRequest): HookAnswer => {
      const agent = night.agents.find((a) => a.config.name === request.agent);
      if (!agent) return NONE;
      if (!seen.has(agent.config.name)) {
        seen.add(agent.config.name);
        night.journal({
          type: 'hook-channel',
          agent: agent.config.name,
          state: 'active',
          reason: `first hook event: ${request.event}`,
        });
      }
      markLive(agent);
      if (CHANNEL_CAN_ALLOW[request.channel] === true) agent.hookCanAllow = true;
      // any sign of the agent at work ends a limit its channel reported
      if (request.call.kind !== 'failure' && request.call.kind !== 'other') clearChannelLimit(agent);
      if (request.call.kind === 'permission') {
        const answer = judge(agent, request.call, night, CHANNEL_CAN_ALLOW[request.channel] === true);
        // the screen path gives no key to the dialog of a call the hook decided (see HOOK_ANSWERED_MS)
        agent.hookDecided =
          answer.decision === 'none'
            ? undefined
            : { at: night.now().getTime(), command: request.call.command ?? request.call.tool };
        return answer;
      }
      reportState(agent, request, night);
      return NONE;
    },
  };
};

/** Agents whose hook channel has spoken this night (the handshake). */
const live = new WeakSet<AgentRuntime>();
function markLive(agent: AgentRuntime): void {
  live.add(agent);
}
/** True once the agent's hook channel has sent an event this night. */
export function hookChannelLive(agent: AgentRuntime): boolean {
  return live.has(agent);
}

/** A tool call: allowed only on the guard's allow within budget; a block is denied with the reason; else no decision. */
function judge(
  agent: AgentRuntime,
  call: Extract<HookCall, { kind: 'permission' }>,
  night: NightParts,
  canAllow: boolean,
): HookAnswer {
  const name = agent.config.name;
  // not a shell command (an edit, a fetch): the agent's dialog appears and the screen path judges it
  if (call.command === undefined) return NONE;
  const command = call.command;
  const dialog: Dialog = {
    rule: `hook:${call.tool}`,
    command,
    commandKind: 'shell',
    approve: null,
    deny: null,
    signature: '',
  };
  const verdict = guardDialog(dialog, night.guard, { cwd: agent.config.cwd })!;
  const dryRun = night.config.actuator.dryRun;
  if (verdict.verdict === 'allow') {
    // a hook that cannot approve (Gemini's BeforeTool) gives no decision: the dialog appears, the screen path answers
    if (!canAllow) return NONE;
    const budget = night.watch.actuator.spendForHook(agent);
    if (budget) {
      night.journal({
        type: 'refusal',
        agent: name,
        plugin: HOOK_PLUGIN,
        action: 'answer',
        why: budget.why,
        reason: `${budget.reason}: left to the agent's dialog and the screen path`,
        command,
        screenHash: '',
        channel: 'hook',
      });
      return NONE;
    }
    const written = night.journal({
      type: 'action',
      agent: name,
      plugin: HOOK_PLUGIN,
      action: 'answer',
      rule: verdict.rule ?? undefined,
      reason: `${dryRun ? 'would allow' : 'allowed'} through the hook: ${command}${verdict.allowedBy ? ` (${verdict.allowedBy.reason})` : ''}`,
      screenHash: '',
      channel: 'hook',
      command,
      dryRun,
      verified: !dryRun,
      ...(verdict.allowedBy ? { allowedBy: verdict.allowedBy } : {}),
    });
    // a dry run acts on nothing; an allow that could not be journaled first is not given
    return dryRun || written === false ? NONE : { decision: 'allow' };
  }
  if (verdict.verdict === 'block') {
    const reason = `guard: block (${verdict.rule ?? 'no rule'}): ${verdict.reason}`;
    night.journal({
      type: 'refusal',
      agent: name,
      plugin: HOOK_PLUGIN,
      action: 'decline',
      why: 'guard',
      reason,
      rule: verdict.rule,
      verdict: verdict.verdict,
      command,
      screenHash: '',
      channel: 'hook',
    });
    night.journal({
      type: 'escalation',
      agent: name,
      plugin: HOOK_PLUGIN,
      kind: 'blocked-command',
      reason: `${dryRun ? 'would deny' : 'denied'} through the hook: ${reason}`,
      command,
      urgent: false,
      channel: 'hook',
    });
    return dryRun ? NONE : { decision: 'deny', message: deniedMessage(verdict.reason) };
  }
  // hold: nobody can be sure. No decision: the agent's dialog appears and the screen path holds it
  return NONE;
}

/** A state the channel reports: journaled, and the agent is looked at now so checks and rescues see it at once. */
function reportState(agent: AgentRuntime, request: HookRequest, night: NightParts): void {
  const call = request.call;
  if (call.kind === 'other' || call.kind === 'session-start') return;
  const detail =
    call.kind === 'failure'
      ? `${call.error}${call.limit ? ' (usage limit)' : ''}`
      : call.kind === 'session-end'
        ? call.reason
        : call.kind === 'waiting'
          ? call.detail
          : undefined;
  // a usage limit goes straight to the limit check and wait-for-reset, with the reset time the agent's words give
  let resetAt: Date | undefined;
  if (call.kind === 'failure' && call.limit) {
    const now = night.now();
    resetAt = call.message
      ? parseResetTime(call.message, { now, timezone: night.config.timezone })
      : undefined;
    reportChannelLimit(agent, {
      at: now.getTime(),
      text: call.message ?? `${request.event}: ${call.error}`,
      ...(resetAt ? { resetAt } : {}),
    });
  }
  night.journal({
    type: 'hook-event',
    agent: agent.config.name,
    event: request.event,
    kind: call.kind,
    ...(detail ? { detail: resetAt ? `${detail}; resets ${resetAt.toISOString()}` : detail } : {}),
  });
  night.watch.lookAgain(agent, 0);
}
