import { describeLock, relationName } from '../locks/index.js';
import { defineRule } from './types.js';

const KINDS: Readonly<Record<string, string>> = {
  OBJECT_TABLE: 'table',
  OBJECT_INDEX: 'index',
  OBJECT_MATVIEW: 'materialized view',
};

/**
 * SET TABLESPACE copies every file of the relation while holding ACCESS EXCLUSIVE on it (truth
 * 162, 212); on an index, queries on its table wait too, since planning opens every index.
 * Moving to the tablespace it is already in is a no-op (213), which the statement cannot show.
 * For an index, PostgreSQL 14+ can move it online with REINDEX (TABLESPACE ...) CONCURRENTLY.
 */
export default defineRule({
  id: 'ban-set-tablespace',
  meta: {
    summary: 'SET TABLESPACE copies the relation under ACCESS EXCLUSIVE',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      copiesRelation:
        'SET TABLESPACE copies {{kind}} `{{table}}` file by file while holding {{lock}}: reads and writes wait for the whole copy. Move it with pg_repack --tablespace, or build a copy in the new tablespace and swap.',
      copiesIndex:
        'SET TABLESPACE copies index `{{table}}` while holding {{lock}} on it: queries on its table wait, since planning opens every index. {{alternative}}',
      movesEverything:
        'ALTER ... ALL IN TABLESPACE moves every matching relation, each copied under ACCESS EXCLUSIVE (blocks reads and writes). Move big relations one at a time, online.',
    },
    recipe: [
      '```sql',
      '-- An index, PostgreSQL 14+, outside a transaction block:',
      'REINDEX (TABLESPACE <tablespace>) INDEX CONCURRENTLY <index>;',
      '-- An index before 14: build a twin in the new tablespace, then swap',
      'CREATE INDEX CONCURRENTLY <index>_new ON <table> (<columns>) TABLESPACE <tablespace>;',
      'DROP INDEX CONCURRENTLY <index>;',
      'ALTER INDEX <index>_new RENAME TO <index>;',
      '```',
      'A table: `pg_repack --table=<table> --tablespace=<tablespace>` moves it online.',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if ('AlterTableMoveAllStmt' in stmt.ast) return [ctx.report('movesEverything')];
    if (!('AlterTableStmt' in stmt.ast)) return [];
    const alter = stmt.ast.AlterTableStmt;
    const kind = KINDS[alter.objtype ?? 'OBJECT_TABLE'];
    const moves = (alter.cmds ?? []).some((c) => 'AlterTableCmd' in c && c.AlterTableCmd.subtype === 'AT_SetTableSpace');
    if (!kind || !alter.relation || !moves) return [];
    const table = relationName(alter.relation);
    const lock = stmt.locks.locks.find((l) => l.table === table);
    const options = { table, rewrite: true, ...(lock ? { lock } : {}) };
    const data = { kind, table, lock: describeLock(lock?.mode ?? 'AccessExclusiveLock') };
    if (kind !== 'index') return [ctx.report('copiesRelation', data, options)];
    const alternative =
      ctx.postgresVersion >= 14
        ? 'Use REINDEX (TABLESPACE <tablespace>) INDEX CONCURRENTLY, outside a transaction block.'
        : `REINDEX ... TABLESPACE needs PostgreSQL 14 (target: ${ctx.postgresVersion}): CREATE INDEX CONCURRENTLY a twin in the new tablespace, then drop the old one CONCURRENTLY and rename.`;
    return [ctx.report('copiesIndex', { ...data, alternative }, options)];
  },
});
