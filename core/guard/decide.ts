import type { RuleInfo } from './rule.js';
import type { GuardResult, Verdict } from './types.js';
import type { Finding } from './walk/session.js';

const SEVERITY: Readonly<Record<Verdict, number>> = { allow: 0, hold: 1, block: 2 };

/** Rules a config cannot allow: "cannot be sure" must stay held, and the guard must guard itself. */
export function isAllowable(ruleId: string): boolean {
  return !/^core\.(input|parse|self)\./.test(ruleId);
}

/** The strictest finding wins; findings for rules the config allows (with a reason) are set aside and named. */
export function decide(findings: readonly Finding[], allowed: ReadonlyMap<string, string>): GuardResult {
  let strongest: Finding | undefined;
  let excused: { rule: string; reason: string } | undefined;
  for (const finding of findings) {
    const reason = allowed.get(finding.rule.id);
    if (reason !== undefined && isAllowable(finding.rule.id)) {
      excused ??= { rule: finding.rule.id, reason };
      continue;
    }
    if (!strongest || outranks(finding, strongest)) strongest = finding;
  }
  if (!strongest) {
    return excused
      ? {
          verdict: 'allow',
          rule: null,
          reason: `allowed by the config: ${excused.reason}`,
          allowedBy: excused,
        }
      : { verdict: 'allow', rule: null, reason: 'no rule applies' };
  }
  return resultFor(strongest.rule, strongest.match);
}

/** Rules of the verb model: a pack that speaks about the same command at the same severity names the reason. */
function isFallback(finding: Finding): boolean {
  return finding.rule.id.startsWith('core.verbs.') || finding.rule.id === 'core.parse.unknown-program';
}

/** The stricter finding wins; at equal severity a pack's own rule wins over the verb model's fallback. */
function outranks(finding: Finding, strongest: Finding): boolean {
  const a = SEVERITY[finding.rule.verdict];
  const b = SEVERITY[strongest.rule.verdict];
  return a > b || (a === b && isFallback(strongest) && !isFallback(finding));
}

/** The result a single rule gives. */
export function resultFor(rule: RuleInfo, match?: string): GuardResult {
  return {
    verdict: rule.verdict,
    rule: rule.id,
    reason: rule.reason,
    ...(match ? { match } : {}),
    ...(rule.alternative ? { alternative: rule.alternative } : {}),
  };
}
