import rule from '../../../src/analysis/rules/ban-set-tablespace.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Online ways to move an index (PostgreSQL 14+) or build one elsewhere.
    'REINDEX (TABLESPACE fast_ssd) INDEX CONCURRENTLY orders_user_id_idx;',
    'CREATE INDEX CONCURRENTLY orders_user_id_idx2 ON orders (user_id) TABLESPACE fast_ssd;',
    // A table created in this migration.
    'CREATE TABLE t (id int);\nALTER TABLE t SET TABLESPACE fast_ssd;',
    // Other ALTER TABLE forms.
    'ALTER TABLE orders SET (fillfactor = 90);',
  ],
  invalid: [
    {
      name: 'a table (truth 212)',
      sql: 'ALTER TABLE orders SET TABLESPACE fast_ssd;',
      errors: [{ messageId: 'copiesRelation', data: { kind: 'table', table: 'orders', lock: 'ACCESS EXCLUSIVE (blocks reads and writes)' }, line: 1, column: 1 }],
    },
    {
      name: 'a materialized view',
      sql: 'ALTER MATERIALIZED VIEW user_order_totals SET TABLESPACE fast_ssd;',
      errors: [{ messageId: 'copiesRelation', data: { kind: 'materialized view' } }],
    },
    ...[14, 16, 18].map((postgresVersion) => ({
      name: `an index on PostgreSQL ${postgresVersion}: REINDEX (TABLESPACE) CONCURRENTLY exists (truth 162)`,
      sql: 'ALTER INDEX orders_user_id_idx SET TABLESPACE fast_ssd;',
      postgresVersion,
      errors: [{ messageId: 'copiesIndex', data: { table: 'orders_user_id_idx', alternative: 'Use REINDEX (TABLESPACE <tablespace>) INDEX CONCURRENTLY, outside a transaction block.' } }],
    })),
    ...[11, 12, 13].map((postgresVersion) => ({
      name: `an index on PostgreSQL ${postgresVersion}: build a twin`,
      sql: 'ALTER INDEX orders_user_id_idx SET TABLESPACE fast_ssd;',
      postgresVersion,
      errors: [{ messageId: 'copiesIndex' }],
    })),
    {
      name: 'everything in a tablespace',
      sql: 'ALTER TABLE ALL IN TABLESPACE slow_hdd SET TABLESPACE fast_ssd;',
      errors: [{ messageId: 'movesEverything' }],
    },
    {
      name: 'big table',
      sql: 'ALTER TABLE orders SET TABLESPACE fast_ssd, SET (fillfactor = 90);',
      tables: { orders: { rows: 3_000_000, totalBytes: 4 * 1024 ** 3 } },
      errors: [{ messageId: 'copiesRelation', severity: 'error' }],
    },
  ],
});
