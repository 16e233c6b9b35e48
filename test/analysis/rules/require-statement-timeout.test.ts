import rule from '../../../src/analysis/rules/require-statement-timeout.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // A timeout is set first.
    "SET statement_timeout = '15min';\nCREATE INDEX users_email_idx ON users (email);",
    { sql: "SET LOCAL statement_timeout = '5min';\nUPDATE users SET a = 1;", txMode: 'per-file', format: 'goose' },
    // Instant or cheap statements.
    'ALTER TABLE users ADD COLUMN note text;',
    'CREATE TABLE t (id bigint);\nCREATE INDEX t_id_idx ON t (id);',
    // A concurrent build with no timeout set in the file is what we want.
    'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
    "SET statement_timeout = '1min';\nSET statement_timeout = 0;\nCREATE INDEX CONCURRENTLY i ON users (email);",
  ],
  invalid: [
    {
      sql: 'CREATE INDEX users_email_idx ON users (email);',
      errors: [{ messageId: 'noStatementTimeout', data: { what: 'index build' }, line: 1, column: 1, severity: 'info' }],
    },
    {
      name: 'reported once per section, at the first long operation',
      sql: 'SELECT 1;\nUPDATE users SET plan = 1;\nALTER TABLE users ALTER COLUMN id TYPE bigint;',
      errors: [{ messageId: 'noStatementTimeout', data: { what: 'UPDATE' }, line: 2 }],
    },
    {
      sql: 'ALTER TABLE users ALTER COLUMN id TYPE bigint;',
      errors: [{ messageId: 'noStatementTimeout', data: { what: 'table rewrite' } }],
    },
    {
      sql: 'ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;',
      errors: [{ messageId: 'noStatementTimeout', data: { what: 'full-table scan' } }],
    },
    {
      name: 'a timeout set earlier in the file also cancels a concurrent build',
      sql: "SET statement_timeout = '30s';\nCREATE INDEX CONCURRENTLY i ON users (email);",
      errors: [{ messageId: 'timeoutCancelsConcurrent', data: { what: 'index build' }, line: 2, severity: 'warning' }],
    },
    {
      sql: "SET statement_timeout = '30s';\nREINDEX INDEX CONCURRENTLY users_email_idx;",
      errors: [{ messageId: 'timeoutCancelsConcurrent', data: { what: 'reindex' } }],
    },
  ],
});
