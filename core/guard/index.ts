// The dangerous-command guard: parse with unbash, unwrap, classify paths, judge with rule packs.
export type { Verdict, GuardResult, GuardContext, Guard } from './types.js';
export type { RuleInfo, RuleExample, RuleVerdict } from './rule.js';
export type { RuleListing } from './list-rules.js';
export type { Limits } from './walk/session.js';
export { createGuard, mergeGuardOptions, DEFAULT_LIMITS, type GuardOptions } from './create-guard.js';
export { listRules, listPacks } from './list-rules.js';
export { isAllowable } from './decide.js';
