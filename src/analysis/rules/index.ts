/**
 * The registry: every rule, sorted by id. Adding a rule is its module, its test, its
 * docs page and one line here (test/analysis/rules/registry.test.ts checks all four).
 */
import banBeginWithoutCommit from './ban-begin-without-commit.js';
import banConcurrentlyInTransaction from './ban-concurrently-in-transaction.js';
import banDropColumn from './ban-drop-column.js';
import banDropDatabase from './ban-drop-database.js';
import banDropNotNull from './ban-drop-not-null.js';
import banDropTable from './ban-drop-table.js';
import banEnumValueRename from './ban-enum-value-rename.js';
import banNestedTransaction from './ban-nested-transaction.js';
import banRenameColumn from './ban-rename-column.js';
import banRenameTable from './ban-rename-table.js';
import banRewritingTypeChange from './ban-rewriting-type-change.js';
import banSetNotNull from './ban-set-not-null.js';
import banTruncateCascade from './ban-truncate-cascade.js';
import banVolatileDefault from './ban-volatile-default.js';
import preferBatchedBackfill from './prefer-batched-backfill.js';
import requireConcurrentIndex from './require-concurrent-index.js';
import requireConcurrentIndexDrop from './require-concurrent-index-drop.js';
import requireDefaultForNotNullColumn from './require-default-for-not-null-column.js';
import requireDownMigration from './require-down-migration.js';
import requireIfNotExists from './require-if-not-exists.js';
import requireIrreversibleAnnotation from './require-irreversible-annotation.js';
import requireLockTimeout from './require-lock-timeout.js';
import requireNotValidConstraint from './require-not-valid-constraint.js';
import requireStatementTimeout from './require-statement-timeout.js';
import requireUniqueUsingIndex from './require-unique-using-index.js';
import type { Rule } from './types.js';

export const rules = {
  'ban-begin-without-commit': banBeginWithoutCommit,
  'ban-concurrently-in-transaction': banConcurrentlyInTransaction,
  'ban-drop-column': banDropColumn,
  'ban-drop-database': banDropDatabase,
  'ban-drop-not-null': banDropNotNull,
  'ban-drop-table': banDropTable,
  'ban-enum-value-rename': banEnumValueRename,
  'ban-nested-transaction': banNestedTransaction,
  'ban-rename-column': banRenameColumn,
  'ban-rename-table': banRenameTable,
  'ban-rewriting-type-change': banRewritingTypeChange,
  'ban-set-not-null': banSetNotNull,
  'ban-truncate-cascade': banTruncateCascade,
  'ban-volatile-default': banVolatileDefault,
  'prefer-batched-backfill': preferBatchedBackfill,
  'require-concurrent-index': requireConcurrentIndex,
  'require-concurrent-index-drop': requireConcurrentIndexDrop,
  'require-default-for-not-null-column': requireDefaultForNotNullColumn,
  'require-down-migration': requireDownMigration,
  'require-if-not-exists': requireIfNotExists,
  'require-irreversible-annotation': requireIrreversibleAnnotation,
  'require-lock-timeout': requireLockTimeout,
  'require-not-valid-constraint': requireNotValidConstraint,
  'require-statement-timeout': requireStatementTimeout,
  'require-unique-using-index': requireUniqueUsingIndex,
} satisfies Record<string, Rule<string>>;

export type RuleId = keyof typeof rules;

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(rules, id);
}

/** Ids that are findings but not configurable rules: they come from the engine itself. */
export const ENGINE_FINDING_IDS = ['syntax-error', 'format-problem', 'invalid-directive'] as const;
