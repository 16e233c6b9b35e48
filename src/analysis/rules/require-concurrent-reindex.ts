import { relationName } from '../locks/index.js';
import { defineRule, howToLeaveTransaction } from './types.js';

const KINDS: Readonly<Record<string, string>> = {
  REINDEX_OBJECT_INDEX: 'INDEX',
  REINDEX_OBJECT_TABLE: 'TABLE',
  REINDEX_OBJECT_SCHEMA: 'SCHEMA',
  REINDEX_OBJECT_DATABASE: 'DATABASE',
};

/**
 * REINDEX takes SHARE on the table and ACCESS EXCLUSIVE on each index it rebuilds (truth 157,
 * 158): writes wait, and so do reads, since planning a query opens every index of its table.
 * REINDEX CONCURRENTLY (PostgreSQL 12+) holds only SHARE UPDATE EXCLUSIVE but cannot run in a
 * transaction block. REINDEX SYSTEM has no concurrent form and is not reported.
 */
export default defineRule({
  id: 'require-concurrent-reindex',
  meta: {
    summary: 'REINDEX without CONCURRENTLY blocks writes, and reads that plan with the index, until it finishes',
    severity: 'error',
    lock: 'ShareLock',
    sizeAware: true,
    messages: {
      blocksTraffic:
        'REINDEX {{kind}} `{{name}}` holds SHARE on the table and ACCESS EXCLUSIVE on each index it rebuilds: writes wait, and so do reads, because planning a query opens all indexes of its table. Use REINDEX {{kind}} CONCURRENTLY.',
      blocksTrafficInTransaction:
        'REINDEX {{kind}} `{{name}}` holds SHARE on the table and ACCESS EXCLUSIVE on each index it rebuilds: writes wait, and so do reads. Use REINDEX {{kind}} CONCURRENTLY, which cannot run in a transaction: {{howToLeaveTransaction}}',
      noConcurrentForm:
        'REINDEX {{kind}} `{{name}}` holds SHARE on the table and ACCESS EXCLUSIVE on each index it rebuilds: writes wait, and so do reads. REINDEX CONCURRENTLY needs PostgreSQL 12 (target: {{version}}): build a replacement with CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY the old one, and rename.',
    },
    recipe: [
      '```sql',
      '-- PostgreSQL 12+, outside a transaction block:',
      'REINDEX INDEX CONCURRENTLY <index>;',
      '-- Before 12: build a twin, swap, drop',
      'CREATE INDEX CONCURRENTLY <index>_new ON <table> (<columns>);',
      'DROP INDEX CONCURRENTLY <index>;',
      'ALTER INDEX <index>_new RENAME TO <index>;',
      '-- A failed concurrent build leaves an INVALID index (<index>_ccnew or <index>_new): drop it and retry.',
      'SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('ReindexStmt' in stmt.ast)) return [];
    const reindex = stmt.ast.ReindexStmt;
    const kind = KINDS[reindex.kind ?? ''];
    const concurrent = (reindex.params ?? []).some((p) => 'DefElem' in p && p.DefElem.defname === 'concurrently');
    if (!kind || concurrent) return [];
    const name = reindex.relation ? relationName(reindex.relation) : (reindex.name ?? '');
    const lock = stmt.locks.locks[0];
    const options = { ...(reindex.relation ? { table: name } : {}), ...(lock ? { lock } : {}) };
    if (ctx.postgresVersion < 12) return [ctx.report('noConcurrentForm', { kind, name, version: ctx.postgresVersion }, options)];
    if (ctx.state.inTransaction) {
      return [ctx.report('blocksTrafficInTransaction', { kind, name, howToLeaveTransaction: howToLeaveTransaction(ctx) }, options)];
    }
    const edit = ctx.insertAfterKeyword(stmt, kind, ' CONCURRENTLY');
    return [ctx.report('blocksTraffic', { kind, name }, { ...options, ...(edit ? { fix: { title: 'Rebuild CONCURRENTLY', edits: [edit] } } : {}) })];
  },
});
