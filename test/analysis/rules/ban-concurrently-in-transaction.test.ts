import rule from '../../../src/analysis/rules/ban-concurrently-in-transaction.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Autocommit (psql -f, goose NO TRANSACTION): each statement runs on its own.
    'CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);',
    'DROP INDEX CONCURRENTLY orders_status_idx;',
    'REINDEX INDEX CONCURRENTLY orders_user_id_idx;',
    'VACUUM ANALYZE orders;',
    // After COMMIT the explicit transaction is over.
    'BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;\nCREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);',
    // Allowed inside a transaction: REFRESH ... CONCURRENTLY, plain CREATE INDEX, ANALYZE.
    { sql: 'REFRESH MATERIALIZED VIEW CONCURRENTLY user_order_totals;', txMode: 'per-file' },
    { sql: 'CREATE INDEX orders_status_idx ON orders (status);', txMode: 'per-file' },
    { sql: 'ANALYZE orders;', txMode: 'per-file' },
    // ALTER TYPE ... ADD VALUE runs in a transaction block since PostgreSQL 12.
    { sql: "ALTER TYPE order_status ADD VALUE 'refunded';", txMode: 'per-file', postgresVersion: 12 },
  ],
  invalid: [
    {
      name: 'goose wraps the file in a transaction',
      sql: 'CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);',
      txMode: 'per-file',
      format: 'goose',
      errors: [
        {
          messageId: 'failsInRunnerTransaction',
          data: { command: 'CREATE INDEX CONCURRENTLY', howToLeaveTransaction: 'add `-- +goose NO TRANSACTION` at the top of the file.' },
          line: 1,
          column: 1,
          severity: 'error',
        },
      ],
    },
    {
      name: 'dbmate says it in its own words',
      sql: 'DROP INDEX CONCURRENTLY orders_status_idx;',
      txMode: 'per-file',
      format: 'dbmate',
      errors: [{ messageId: 'failsInRunnerTransaction', data: { command: 'DROP INDEX CONCURRENTLY', howToLeaveTransaction: 'add `transaction:false` to the `-- migrate:up` line.' } }],
    },
    {
      name: 'explicit BEGIN in an autocommit script',
      sql: 'BEGIN;\nCREATE UNIQUE INDEX CONCURRENTLY products_sku_idx ON products (sku);\nCOMMIT;',
      errors: [
        {
          messageId: 'failsInExplicitTransaction',
          data: { command: 'CREATE UNIQUE INDEX CONCURRENTLY', howToLeaveTransaction: 'move it out of the BEGIN ... COMMIT block.' },
          line: 2,
          column: 1,
        },
      ],
    },
    {
      name: 'START TRANSACTION opens a block too',
      sql: 'START TRANSACTION;\n  REINDEX TABLE CONCURRENTLY orders;\nCOMMIT;',
      errors: [{ messageId: 'failsInExplicitTransaction', data: { command: 'REINDEX CONCURRENTLY' }, line: 2, column: 3 }],
    },
    {
      sql: 'ALTER TABLE measurements DETACH PARTITION measurements_2024 CONCURRENTLY;',
      txMode: 'per-file',
      format: 'diesel',
      errors: [{ messageId: 'failsInRunnerTransaction', data: { command: 'DETACH PARTITION CONCURRENTLY' } }],
    },
    {
      sql: 'VACUUM FULL users;',
      txMode: 'per-file',
      format: 'flyway',
      errors: [{ messageId: 'failsInRunnerTransaction', data: { command: 'VACUUM' } }],
    },
    {
      sql: 'CREATE DATABASE analytics;',
      txMode: 'per-file',
      format: 'goose',
      errors: [{ messageId: 'failsInRunnerTransaction', data: { command: 'CREATE DATABASE' } }],
    },
    {
      sql: "ALTER SYSTEM SET work_mem = '64MB';",
      txMode: 'per-file',
      format: 'goose',
      errors: [{ messageId: 'failsInRunnerTransaction', data: { command: 'ALTER SYSTEM' } }],
    },
    {
      name: 'before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run in a transaction block',
      sql: "ALTER TYPE order_status ADD VALUE 'refunded';",
      txMode: 'per-file',
      format: 'goose',
      postgresVersion: 11,
      errors: [{ messageId: 'failsInRunnerTransaction', data: { command: 'ALTER TYPE' } }],
    },
    {
      name: 'a BEGIN inside a file the runner wraps: both have to go',
      sql: 'BEGIN;\nDROP INDEX CONCURRENTLY orders_status_idx;\nCOMMIT;',
      txMode: 'per-file',
      format: 'goose',
      errors: [
        {
          messageId: 'failsInExplicitTransaction',
          data: { howToLeaveTransaction: 'move it out of the BEGIN ... COMMIT block, and add `-- +goose NO TRANSACTION` at the top of the file.' },
          line: 2,
        },
      ],
    },
    {
      name: 'the second of two in one block is reported too',
      sql: 'BEGIN;\nCREATE INDEX CONCURRENTLY a_idx ON orders (a);\nCREATE INDEX CONCURRENTLY b_idx ON orders (b);\nCOMMIT;',
      errors: [
        { messageId: 'failsInExplicitTransaction', line: 2 },
        { messageId: 'failsInExplicitTransaction', line: 3 },
      ],
    },
  ],
});
