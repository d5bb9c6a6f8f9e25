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
    if (!strongest || SEVERITY[finding.rule.verdict] > SEVERITY[strongest.rule.verdict]) strongest = finding;
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
