/**
 * The registry: every rule, sorted by id. Adding a rule is its module, its test, its
 * docs page and one line here (test/analysis/rules/registry.test.ts checks all four).
 */
import banBeginWithoutCommit from './ban-begin-without-commit.js';
import banCluster from './ban-cluster.js';
import banConcurrentlyInTransaction from './ban-concurrently-in-transaction.js';
import banDomainConstraint from './ban-domain-constraint.js';
import banDropColumn from './ban-drop-column.js';
import banDropDatabase from './ban-drop-database.js';
import banDropNotNull from './ban-drop-not-null.js';
import banDropTable from './ban-drop-table.js';
import banDuplicateColumnAssignment from './ban-duplicate-column-assignment.js';
import banEnumAddValueInTransaction from './ban-enum-add-value-in-transaction.js';
import banEnumValueRename from './ban-enum-value-rename.js';
import banExclusionConstraint from './ban-exclusion-constraint.js';
import banInlineConstraintInAddColumn from './ban-inline-constraint-in-add-column.js';
import banLockTable from './ban-lock-table.js';
import banLongIdentifier from './ban-long-identifier.js';
import banNestedTransaction from './ban-nested-transaction.js';
import banRenameColumn from './ban-rename-column.js';
import banRenameTable from './ban-rename-table.js';
import banRewriteUnderStrongLock from './ban-rewrite-under-strong-lock.js';
import banRewritingTypeChange from './ban-rewriting-type-change.js';
import banSetLoggedUnlogged from './ban-set-logged-unlogged.js';
import banSetNotNull from './ban-set-not-null.js';
import banSetTablespace from './ban-set-tablespace.js';
import banStatementsAfterAccessExclusive from './ban-statements-after-access-exclusive.js';
import banStoredGeneratedColumn from './ban-stored-generated-column.js';
import banTruncateCascade from './ban-truncate-cascade.js';
import banVacuumFull from './ban-vacuum-full.js';
import banValidateInSameTransaction from './ban-validate-in-same-transaction.js';
import banVolatileDefault from './ban-volatile-default.js';
import preferBatchedBackfill from './prefer-batched-backfill.js';
import preferBigintKeys from './prefer-bigint-keys.js';
import preferIdentityOverSerial from './prefer-identity-over-serial.js';
import preferJsonb from './prefer-jsonb.js';
import preferTextOverChar from './prefer-text-over-char.js';
import preferTextOverVarchar from './prefer-text-over-varchar.js';
import preferTimestamptz from './prefer-timestamptz.js';
import requireConcurrentDetachPartition from './require-concurrent-detach-partition.js';
import requireConcurrentIndex from './require-concurrent-index.js';
import requireConcurrentIndexDrop from './require-concurrent-index-drop.js';
import requireConcurrentRefresh from './require-concurrent-refresh.js';
import requireConcurrentReindex from './require-concurrent-reindex.js';
import requireDefaultForNotNullColumn from './require-default-for-not-null-column.js';
import requireDownMigration from './require-down-migration.js';
import requireIfNotExists from './require-if-not-exists.js';
import requireIndexForForeignKey from './require-index-for-foreign-key.js';
import requireIrreversibleAnnotation from './require-irreversible-annotation.js';
import requireLockTimeout from './require-lock-timeout.js';
import requireNotValidConstraint from './require-not-valid-constraint.js';
import requireQualifiedTableName from './require-qualified-table-name.js';
import requireStatementTimeout from './require-statement-timeout.js';
import requireUniqueUsingIndex from './require-unique-using-index.js';
import type { Rule } from './types.js';

export const rules = {
  'ban-begin-without-commit': banBeginWithoutCommit,
  'ban-cluster': banCluster,
  'ban-concurrently-in-transaction': banConcurrentlyInTransaction,
  'ban-domain-constraint': banDomainConstraint,
  'ban-drop-column': banDropColumn,
  'ban-drop-database': banDropDatabase,
  'ban-drop-not-null': banDropNotNull,
  'ban-drop-table': banDropTable,
  'ban-duplicate-column-assignment': banDuplicateColumnAssignment,
  'ban-enum-add-value-in-transaction': banEnumAddValueInTransaction,
  'ban-enum-value-rename': banEnumValueRename,
  'ban-exclusion-constraint': banExclusionConstraint,
  'ban-inline-constraint-in-add-column': banInlineConstraintInAddColumn,
  'ban-lock-table': banLockTable,
  'ban-long-identifier': banLongIdentifier,
  'ban-nested-transaction': banNestedTransaction,
  'ban-rename-column': banRenameColumn,
  'ban-rename-table': banRenameTable,
  'ban-rewrite-under-strong-lock': banRewriteUnderStrongLock,
  'ban-rewriting-type-change': banRewritingTypeChange,
  'ban-set-logged-unlogged': banSetLoggedUnlogged,
  'ban-set-not-null': banSetNotNull,
  'ban-set-tablespace': banSetTablespace,
  'ban-statements-after-access-exclusive': banStatementsAfterAccessExclusive,
  'ban-stored-generated-column': banStoredGeneratedColumn,
  'ban-truncate-cascade': banTruncateCascade,
  'ban-vacuum-full': banVacuumFull,
  'ban-validate-in-same-transaction': banValidateInSameTransaction,
  'ban-volatile-default': banVolatileDefault,
  'prefer-batched-backfill': preferBatchedBackfill,
  'prefer-bigint-keys': preferBigintKeys,
  'prefer-identity-over-serial': preferIdentityOverSerial,
  'prefer-jsonb': preferJsonb,
  'prefer-text-over-char': preferTextOverChar,
  'prefer-text-over-varchar': preferTextOverVarchar,
  'prefer-timestamptz': preferTimestamptz,
  'require-concurrent-detach-partition': requireConcurrentDetachPartition,
  'require-concurrent-index': requireConcurrentIndex,
  'require-concurrent-index-drop': requireConcurrentIndexDrop,
  'require-concurrent-refresh': requireConcurrentRefresh,
  'require-concurrent-reindex': requireConcurrentReindex,
  'require-default-for-not-null-column': requireDefaultForNotNullColumn,
  'require-down-migration': requireDownMigration,
  'require-if-not-exists': requireIfNotExists,
  'require-index-for-foreign-key': requireIndexForForeignKey,
  'require-irreversible-annotation': requireIrreversibleAnnotation,
  'require-lock-timeout': requireLockTimeout,
  'require-not-valid-constraint': requireNotValidConstraint,
  'require-qualified-table-name': requireQualifiedTableName,
  'require-statement-timeout': requireStatementTimeout,
  'require-unique-using-index': requireUniqueUsingIndex,
} satisfies Record<string, Rule<string>>;

export type RuleId = keyof typeof rules;

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(rules, id);
}

/** Ids that are findings but not configurable rules: they come from the engine itself. */
export const ENGINE_FINDING_IDS = ['syntax-error', 'format-problem', 'invalid-directive'] as const;
