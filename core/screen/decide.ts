// Classification → what the runner would do. Approve only a confirmation whose command the guard allows and where
// nothing is ambiguous; dangerous or doubtful → escalate (or decline); limits → wait.
import type { Guard, GuardContext, GuardResult } from '../guard/types.js';
import { actionRisk } from './action-risk.js';
import { guardDialog } from './guard-dialog.js';
import type { Classification, Decision, Dialog, Snapshot } from './types.js';

/** Policy knobs for `decide`. */
export interface DecideOptions {
  /** where the agent works, for the guard's path rules */
  readonly context?: GuardContext;
  /** what to do with a dialog the guard refuses: leave it and tell a person (default), or answer No */
  readonly onRefused?: 'escalate' | 'decline';
}

/** Decides what to do about a classified screen. Never approves on doubt. */
export function decide(
  classification: Classification,
  snapshot: Snapshot,
  guard: Guard,
  options: DecideOptions = {},
): Decision {
  if (snapshot.inMode) return none('a person is in copy mode on this pane: hands off');
  switch (classification.state) {
    case 'confirm':
      return classification.dialog
        ? decideDialog(classification.dialog, snapshot, guard, options)
        : escalate('a confirmation without a recognised dialog');
    case 'limit':
      if (classification.needsHuman) return escalate('the limit cannot be waited out: a person must act');
      return {
        decision: 'wait',
        keys: null,
        guard: null,
        resetAt: classification.resetAt ?? null,
        reason: classification.resetAt
          ? `usage limit: wait until ${classification.resetAt.toISOString()}`
          : 'usage limit without a reset time: poll again later',
      };
    case 'secret':
      return escalate(`asks for a ${classification.secretKind ?? 'secret'}: never answered`);
    case 'error':
      return classification.needsHuman
        ? escalate('the agent cannot continue until a person acts')
        : none('the agent stopped or failed: a rescue decides');
    case 'question':
      return escalate('a question for the person: nightshift never chooses for them');
    case 'input':
      return none('waiting for input');
    case 'busy':
      return none('working');
    case 'output':
      return none('nothing to answer');
  }
}

function decideDialog(dialog: Dialog, snapshot: Snapshot, guard: Guard, options: DecideOptions): Decision {
  const refuse = (reason: string, verdict: GuardResult | null): Decision =>
    options.onRefused === 'decline' && dialog.deny
      ? { decision: 'decline', keys: dialog.deny, guard: verdict, resetAt: null, reason }
      : { decision: 'escalate', keys: null, guard: verdict, resetAt: null, reason };
  if (!dialog.approve) return refuse('no option approves this once without widening permissions', null);
  if (dialog.risk) return refuse(dialog.risk, null);
  if (dialog.lineMode && snapshot.cursor.y < 0)
    return escalate('a line prompt, but the cursor position is unknown');
  if (dialog.commandKind === 'shell') {
    if (!dialog.command) return escalate('cannot tell which command this confirms');
    const verdict = guardDialog(dialog, guard, options.context)!;
    if (verdict.verdict !== 'allow')
      return refuse(`guard: ${verdict.verdict} (${verdict.rule ?? 'no rule'}): ${verdict.reason}`, verdict);
    return {
      decision: 'approve',
      keys: dialog.approve,
      guard: verdict,
      resetAt: null,
      reason: `guard allows: ${dialog.command}${verdict.allowedBy ? ` (${verdict.allowedBy.reason})` : ''}`,
    };
  }
  if (dialog.commandKind === 'action') {
    if (!dialog.command) return escalate('cannot tell what this confirms');
    if (dialog.planted) {
      const refusal = plantedRefusal(dialog.planted, guard, options.context);
      if (refusal) return refuse(refusal.reason, refusal.verdict);
    }
    const risk = actionRisk(dialog.command, { cwd: options.context?.cwd, home: options.context?.home });
    if (risk) return refuse(`risky action: ${risk}`, null);
    return {
      decision: 'approve',
      keys: dialog.approve,
      guard: null,
      resetAt: null,
      reason: `action: ${dialog.command}`,
    };
  }
  return {
    decision: 'approve',
    keys: dialog.approve,
    guard: null,
    resetAt: null,
    reason: 'nothing is being run (a pager or a pause)',
  };
}

/** The first line an edit adds to a file that runs commands that the guard does not allow (judged as text that names commands). */
function plantedRefusal(
  planted: NonNullable<Dialog['planted']>,
  guard: Guard,
  context: GuardContext | undefined,
): { reason: string; verdict: GuardResult | null } | undefined {
  if (planted.cut)
    return {
      reason: 'the edit adds commands to a file that runs them, and not all of it is on screen',
      verdict: null,
    };
  for (const line of planted.lines) {
    const verdict = guard.check(line, { ...context, kind: 'message' });
    if (verdict.verdict !== 'allow')
      return {
        reason: `the edit adds a command to a file that runs it: ${line} (guard: ${verdict.verdict}, ${verdict.reason})`,
        verdict,
      };
  }
  return undefined;
}

function none(reason: string): Decision {
  return { decision: 'none', keys: null, guard: null, resetAt: null, reason };
}

function escalate(reason: string): Decision {
  return { decision: 'escalate', keys: null, guard: null, resetAt: null, reason };
}
