import { walk } from '../locks/expressions.js';
import { defineRule, type StatementInfo } from './types.js';

/**
 * ALTER TYPE ... ADD VALUE: before PostgreSQL 12 it cannot run inside a transaction block at all;
 * the lock model marks it so and ban-concurrently-in-transaction reports it. From 12 it can, but
 * the new value cannot be used until that transaction commits: PostgreSQL raises "unsafe use of
 * new value" (SQLSTATE 55P04). This rule finds a later statement of the same transaction that
 * uses the new value as a string literal.
 */
export default defineRule({
  id: 'ban-enum-add-value-in-transaction',
  meta: {
    summary: 'A new enum value is used in the transaction that added it',
    severity: 'error',
    messages: {
      newValueUsedBeforeCommit:
        "'{{value}}' is added to enum `{{type}}` earlier in this transaction and cannot be used before that transaction commits: PostgreSQL fails with \"unsafe use of new value\" (SQLSTATE 55P04). Commit after ADD VALUE, or move this statement to a later migration.",
    },
    recipe: [
      '```sql',
      "ALTER TYPE <type> ADD VALUE IF NOT EXISTS '<value>';",
      'COMMIT;  -- or end the migration here',
      "UPDATE <table> SET status = '<value>' WHERE ...;  -- in the next transaction or migration",
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!ctx.state.inTransaction || ctx.postgresVersion < 12 || ctx.state.statementsInTransaction === 0) return [];
    const added = new Map<string, string>();
    for (const earlier of ctx.previous.slice(-ctx.state.statementsInTransaction)) {
      const value = addedValue(earlier);
      if (value) added.set(value.value, value.type);
    }
    if (added.size === 0) return [];
    const used = new Set<string>();
    walk(stmt.ast, (kind, body) => {
      const sval = kind === 'A_Const' ? (body.sval as { sval?: string } | undefined)?.sval : undefined;
      if (sval !== undefined && added.has(sval)) used.add(sval);
    });
    return [...used].map((value) => ctx.report('newValueUsedBeforeCommit', { value, type: added.get(value) ?? '' }));
  },
});

function addedValue(stmt: StatementInfo): { value: string; type: string } | undefined {
  if (!('AlterEnumStmt' in stmt.ast)) return undefined;
  const alter = stmt.ast.AlterEnumStmt;
  if (alter.newVal === undefined || alter.oldVal !== undefined) return undefined;
  const type = (alter.typeName ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : [])).join('.');
  return { value: alter.newVal, type };
}
