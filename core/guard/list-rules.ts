import type { RuleInfo } from './rule.js';
import { BUILT_IN_PACKS } from './rules/registry.js';

/** A built-in rule with the pack it belongs to. */
export interface RuleListing extends RuleInfo {
  readonly pack: string;
}

/** Every built-in rule, pack by pack: for the docs, `nightshift guard --rules`, and the tests that run the examples. */
export function listRules(): readonly RuleListing[] {
  return BUILT_IN_PACKS.flatMap((pack) => pack.rules.map((rule) => ({ ...rule, pack: pack.id })));
}

/** The built-in packs with their one-line summaries. */
export function listPacks(): readonly {
  readonly id: string;
  readonly summary: string;
  readonly rules: number;
}[] {
  return BUILT_IN_PACKS.map((pack) => ({ id: pack.id, summary: pack.summary, rules: pack.rules.length }));
}
