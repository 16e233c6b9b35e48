import rule from '../../../src/analysis/rules/require-concurrent-index.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
    // The table is created in the same migration: empty, and no application writes to it yet.
    'CREATE TABLE t (id bigint);\nCREATE INDEX t_id_idx ON t (id);',
    { name: 'a tiny table created in the same migration under a new name', sql: 'CREATE TABLE t2 (id bigint); ALTER TABLE t2 RENAME TO t3; CREATE INDEX ON t3 (id);' },
  ],
  invalid: [
    {
      sql: 'CREATE INDEX users_email_idx ON users (email);',
      errors: [{ messageId: 'blocksWrites', data: { table: 'users' }, line: 1, column: 1 }],
      output: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
    },
    {
      name: 'the runner wraps the file in a transaction: CONCURRENTLY would fail, so no mechanical fix',
      sql: 'CREATE INDEX ON users (email);',
      txMode: 'per-file',
      format: 'goose',
      errors: [{ messageId: 'blocksWritesInTransaction', data: { howToLeaveTransaction: 'add `-- +goose NO TRANSACTION` at the top of the file.' } }],
      output: null,
    },
    {
      name: 'golang-migrate: a lone statement is sent alone, outside any transaction block, so CONCURRENTLY works',
      sql: 'CREATE INDEX ON users (email);',
      format: 'golang-migrate',
      txMode: 'per-file',
      errors: [{ messageId: 'blocksWrites' }],
      output: 'CREATE INDEX CONCURRENTLY ON users (email);',
    },
    {
      name: 'golang-migrate: two statements make one implicit transaction block',
      sql: 'CREATE INDEX ON users (email);\nCREATE INDEX ON users (name);',
      format: 'golang-migrate',
      txMode: 'per-file',
      errors: [{ messageId: 'blocksWritesInTransaction', data: { howToLeaveTransaction: expect.stringContaining('alone in its own migration file') } }, { messageId: 'blocksWritesInTransaction' }],
      output: null,
    },
    {
      name: 'inside an explicit BEGIN',
      sql: 'BEGIN;\nCREATE UNIQUE INDEX users_email_idx ON users (email);\nCOMMIT;',
      errors: [{ messageId: 'blocksWritesInTransaction', data: { howToLeaveTransaction: 'move it out of the BEGIN ... COMMIT block.' }, line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'non-ASCII comment before the statement keeps positions right',
      sql: '-- índice für E-Mail ✓\n  CREATE INDEX idx ON "Usërs" (email);',
      errors: [{ messageId: 'blocksWrites', data: { table: 'Usërs' }, line: 2, column: 3 }],
      output: '-- índice für E-Mail ✓\n  CREATE INDEX CONCURRENTLY idx ON "Usërs" (email);',
    },
    {
      name: 'a big known table is an error, whatever the default',
      sql: 'CREATE INDEX ON orders (created_at);',
      tables: { orders: { rows: 48_000_000, totalBytes: 21 * 1024 ** 3 } },
      errors: [{ messageId: 'blocksWrites', severity: 'error' }],
      output: 'CREATE INDEX CONCURRENTLY ON orders (created_at);',
    },
    {
      name: 'a small known table drops to info',
      sql: 'CREATE INDEX ON countries (code);',
      tables: { countries: { rows: 250 } },
      errors: [{ messageId: 'blocksWrites', severity: 'info' }],
      output: 'CREATE INDEX CONCURRENTLY ON countries (code);',
    },
  ],
});
