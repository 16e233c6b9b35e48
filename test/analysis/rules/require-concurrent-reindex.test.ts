import rule from '../../../src/analysis/rules/require-concurrent-reindex.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Already concurrent (PostgreSQL 12+).
    'REINDEX INDEX CONCURRENTLY orders_user_id_idx;',
    'REINDEX (VERBOSE) TABLE CONCURRENTLY orders;',
    // An index created in the same migration is new: nobody uses it yet.
    'CREATE INDEX t_idx ON t (a);\nREINDEX INDEX t_idx;',
    // REINDEX SYSTEM has no concurrent form.
    'REINDEX SYSTEM;',
  ],
  invalid: [
    {
      sql: 'REINDEX INDEX orders_user_id_idx;',
      errors: [{ messageId: 'blocksTraffic', data: { kind: 'INDEX', name: 'orders_user_id_idx' }, line: 1, column: 1 }],
      output: 'REINDEX INDEX CONCURRENTLY orders_user_id_idx;',
    },
    {
      name: 'options in parentheses come before the kind',
      sql: 'REINDEX (VERBOSE) TABLE orders;',
      tables: { orders: { rows: 30_000_000 } },
      errors: [{ messageId: 'blocksTraffic', data: { kind: 'TABLE', name: 'orders' }, severity: 'error' }],
      output: 'REINDEX (VERBOSE) TABLE CONCURRENTLY orders;',
    },
    {
      name: 'SCHEMA has no single table',
      sql: 'REINDEX SCHEMA public;',
      errors: [{ messageId: 'blocksTraffic', data: { kind: 'SCHEMA', name: 'public' } }],
      output: 'REINDEX SCHEMA CONCURRENTLY public;',
    },
    {
      name: 'in the runner transaction CONCURRENTLY would fail: no fix',
      sql: 'REINDEX TABLE orders;',
      txMode: 'per-file',
      errors: [{ messageId: 'blocksTrafficInTransaction' }],
      output: null,
    },
    {
      name: 'in an explicit transaction',
      sql: 'BEGIN;\nREINDEX INDEX orders_pkey;\nCOMMIT;',
      errors: [{ messageId: 'blocksTrafficInTransaction', data: { howToLeaveTransaction: 'move it out of the BEGIN ... COMMIT block.' }, line: 2 }],
      output: null,
    },
    {
      name: 'PostgreSQL 11 has no REINDEX CONCURRENTLY',
      sql: 'REINDEX INDEX orders_user_id_idx;',
      postgresVersion: 11,
      errors: [{ messageId: 'noConcurrentForm', data: { version: 11 } }],
      output: null,
    },
    ...[12, 14, 18].map((postgresVersion) => ({
      name: `PostgreSQL ${postgresVersion} has it`,
      sql: 'REINDEX TABLE orders;',
      postgresVersion,
      errors: [{ messageId: 'blocksTraffic' }],
      output: 'REINDEX TABLE CONCURRENTLY orders;',
    })),
  ],
});
