/**
 * The registry: every rule, sorted by id. Adding a rule is its module, its test, its
 * docs page and one line here (test/analysis/rules/registry.test.ts checks all four).
 */
import requireConcurrentIndex from './require-concurrent-index.js';
import type { Rule } from './types.js';

export const rules = {
  'require-concurrent-index': requireConcurrentIndex,
} satisfies Record<string, Rule<string>>;

export type RuleId = keyof typeof rules;

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(rules, id);
}

/** Ids that are findings but not configurable rules: they come from the engine itself. */
export const ENGINE_FINDING_IDS = ['syntax-error', 'format-problem', 'invalid-directive'] as const;
