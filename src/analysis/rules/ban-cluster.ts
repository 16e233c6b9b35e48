import { describeLock, relationName } from '../locks/index.js';
import { defineRule } from './types.js';

/**
 * CLUSTER rewrites the table in index order and rebuilds every index while holding ACCESS
 * EXCLUSIVE (truth 218, 219). Bare CLUSTER re-clusters every table previously clustered, outside
 * a transaction block (327). ALTER TABLE ... CLUSTER ON only records the index (220) and is fine.
 */
export default defineRule({
  id: 'ban-cluster',
  meta: {
    summary: 'CLUSTER rewrites the table under ACCESS EXCLUSIVE',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      rewritesTable:
        'CLUSTER rewrites `{{table}}` in index order and rebuilds all its indexes while holding {{lock}}, and needs disk for a second copy. Use pg_repack --order-by (or pg_squeeze) to reorder online.',
      rewritesAllClustered:
        'CLUSTER without a table rewrites every table that was clustered before, each under ACCESS EXCLUSIVE (blocks reads and writes). Use pg_repack --order-by on the tables that need it.',
    },
    recipe: [
      'Reorder a table without blocking traffic, outside the migration:',
      '```sh',
      'pg_repack --table=<table> --order-by=<column> <database>',
      '```',
      '`ALTER TABLE <table> CLUSTER ON <index>` alone only records the index and takes no long lock.',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('ClusterStmt' in stmt.ast)) return [];
    const cluster = stmt.ast.ClusterStmt;
    if (!cluster.relation) return [ctx.report('rewritesAllClustered')];
    const table = relationName(cluster.relation);
    const lock = stmt.locks.locks.find((l) => l.table === table);
    const data = { table, lock: describeLock(lock?.mode ?? 'AccessExclusiveLock') };
    return [ctx.report('rewritesTable', data, { table, rewrite: true, ...(lock ? { lock } : {}) })];
  },
});
