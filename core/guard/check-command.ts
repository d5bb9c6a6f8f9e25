import { screenInput } from './input/screen-input.js';
import { exfiltrate } from './rules/packs/secrets.js';
import { internalError } from './rules/packs/parse.js';
import { tooComplex } from './rules/packs/parse.js';
import { decide, resultFor } from './decide.js';
import type { GuardResult } from './types.js';
import { rootScope } from './walk/scope.js';
import { BudgetExceeded, Session, type Settings } from './walk/session.js';
import { Walker, type Registry } from './walk/walker.js';

/** Everything one verdict needs: where it runs, the policy, the checks, and the config's exceptions. */
export interface CheckInput {
  readonly settings: Settings;
  readonly registry: Registry;
  /** rule id → the reason the config gives for allowing it */
  readonly allowed: ReadonlyMap<string, string>;
}

/** One verdict: screen the raw text, walk every command, combine findings, let the strictest win. Never throws. */
export function checkCommand(command: string, input: CheckInput): GuardResult {
  try {
    const refused = screenInput(command, input.settings.limits.maxLength);
    if (refused) return resultFor(refused, command.slice(0, 200));
    const source = command.replace(/\r\n/g, '\n');
    const session = new Session(input.settings, tooComplex);
    new Walker(session, input.registry).walkSource(source, rootScope(input.settings.project), 0);
    if (session.secretRead && session.networkSend) {
      // the line-level finding explains more than the single commands that make it up: it goes first
      session.findings.unshift({ rule: exfiltrate, match: `${session.secretRead} → ${session.networkSend}` });
    }
    return decide(session.findings, input.allowed);
  } catch (error) {
    if (error instanceof BudgetExceeded) return resultFor(error.rule, error.detail);
    return resultFor(internalError, error instanceof Error ? error.message : String(error));
  }
}
