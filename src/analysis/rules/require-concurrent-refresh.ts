import { describeLock, relationName } from '../locks/index.js';
import { defineRule } from './types.js';

/**
 * REFRESH MATERIALIZED VIEW re-runs the query into new storage while holding ACCESS EXCLUSIVE on
 * the view (truth 190): every read of the view waits for the whole query. CONCURRENTLY takes
 * EXCLUSIVE (reads go on) and diffs the rows in place (191); it needs a unique index on the view
 * without a WHERE clause and a view that is already populated, so no mechanical fix is offered.
 * WITH NO DATA empties the view instantly and is not reported.
 */
export default defineRule({
  id: 'require-concurrent-refresh',
  meta: {
    summary: 'REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view',
    severity: 'warning',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      blocksReads:
        'Refreshing `{{view}}` re-runs its query while holding {{lock}} on it: every read of the view waits until the refresh ends. Use REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a unique index on the view).',
    },
    recipe: [
      '```sql',
      '-- Once: a unique index over all rows (no WHERE clause)',
      'CREATE UNIQUE INDEX CONCURRENTLY <view>_key ON <view> (<key columns>);',
      '-- Reads go on during the refresh:',
      'REFRESH MATERIALIZED VIEW CONCURRENTLY <view>;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('RefreshMatViewStmt' in stmt.ast)) return [];
    const refresh = stmt.ast.RefreshMatViewStmt;
    if (refresh.concurrent || refresh.skipData || !refresh.relation) return [];
    const view = relationName(refresh.relation);
    const lock = stmt.locks.locks.find((l) => l.table === view);
    const data = { view, lock: describeLock(lock?.mode ?? 'AccessExclusiveLock') };
    return [ctx.report('blocksReads', data, { table: view, ...(lock ? { lock } : {}) })];
  },
});
