import type { Verdict } from './types.js';

/** What a rule can say: rules never allow; a command is allowed when no rule speaks. */
export type RuleVerdict = Exclude<Verdict, 'allow'>;

/** A command and the verdict the whole guard must give it: every rule's built-in test cases. */
export interface RuleExample {
  readonly command: string;
  readonly verdict: Verdict;
}

/** A rule as people see it: in `listRules()`, the docs, and every verdict it decides. */
export interface RuleInfo {
  /** dotted id, `core.<pack>.<rule>` for built-ins (`core.fs.rm-recursive-home`) */
  readonly id: string;
  readonly verdict: RuleVerdict;
  /** one line: why the command is refused */
  readonly reason: string;
  /** a safer way to reach the same goal, where one exists */
  readonly alternative?: string;
  /** commands that must get a given verdict: should-block cases and allowed near-misses */
  readonly examples: readonly RuleExample[];
}

/** Identity helper that types a rule. */
export function defineRule(rule: RuleInfo): RuleInfo {
  return rule;
}
