import rule from '../../../src/analysis/rules/require-concurrent-index-drop.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Already concurrent.
    'DROP INDEX CONCURRENTLY orders_created_at_idx;',
    'DROP INDEX CONCURRENTLY IF EXISTS orders_created_at_idx;',
    // Not an index.
    'DROP TABLE sessions;',
    // The index was built earlier in this migration: nothing reads through it yet.
    'CREATE INDEX CONCURRENTLY tmp_idx ON orders (status);\nDROP INDEX tmp_idx;',
    // An ignore with a reason silences the finding (the engine applies it).
    '-- migration-review:ignore require-concurrent-index-drop -- orders is a 200-row lookup table\nDROP INDEX orders_created_at_idx;',
    '/* migration-review:ignore all -- maintenance window 2026-08-01 */ DROP INDEX orders_created_at_idx;',
  ],
  invalid: [
    {
      sql: 'DROP INDEX orders_created_at_idx;',
      errors: [{ messageId: 'blocksReadsAndWrites', data: { index: 'orders_created_at_idx' }, line: 1, column: 1 }],
      output: 'DROP INDEX CONCURRENTLY orders_created_at_idx;',
    },
    {
      name: 'IF EXISTS keeps its place after CONCURRENTLY',
      sql: 'SELECT 1;\n  DROP INDEX IF EXISTS public.orders_created_at_idx;',
      errors: [{ messageId: 'blocksReadsAndWrites', data: { index: 'public.orders_created_at_idx' }, line: 2, column: 3 }],
      output: 'SELECT 1;\n  DROP INDEX CONCURRENTLY IF EXISTS public.orders_created_at_idx;',
    },
    {
      name: 'the runner wraps the file in a transaction: CONCURRENTLY would fail there, so no fix',
      sql: 'DROP INDEX orders_created_at_idx;',
      txMode: 'per-file',
      format: 'goose',
      errors: [{ messageId: 'blocksReadsAndWritesInTransaction', data: { howToLeaveTransaction: 'add `-- +goose NO TRANSACTION` at the top of the file.' } }],
      output: null,
    },
    {
      name: 'inside an explicit BEGIN',
      sql: 'BEGIN;\nDROP INDEX orders_created_at_idx;\nCOMMIT;',
      errors: [{ messageId: 'blocksReadsAndWritesInTransaction', data: { howToLeaveTransaction: 'move it out of the BEGIN ... COMMIT block.' }, line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'several indexes: CONCURRENTLY takes one, so no fix',
      sql: 'DROP INDEX a_idx, b_idx;',
      errors: [{ messageId: 'severalIndexes', data: { index: '`a_idx`, `b_idx`' } }],
      output: null,
    },
    {
      name: 'CASCADE: CONCURRENTLY refuses it, so no fix',
      sql: 'DROP INDEX orders_created_at_idx CASCADE;',
      errors: [{ messageId: 'dropWithCascade', data: { index: 'orders_created_at_idx' } }],
      output: null,
    },
    {
      name: 'an ignore naming another rule does not silence this one',
      sql: '-- migration-review:ignore require-concurrent-index -- wrong rule\nDROP INDEX orders_created_at_idx;',
      errors: [{ messageId: 'blocksReadsAndWrites', line: 2 }],
      output: '-- migration-review:ignore require-concurrent-index -- wrong rule\nDROP INDEX CONCURRENTLY orders_created_at_idx;',
    },
    {
      name: 'an ignore applies to the next statement only',
      sql: '-- migration-review:ignore require-concurrent-index-drop -- small table\nDROP INDEX a_idx;\nDROP INDEX b_idx;',
      errors: [{ messageId: 'blocksReadsAndWrites', data: { index: 'b_idx' }, line: 3 }],
      output: '-- migration-review:ignore require-concurrent-index-drop -- small table\nDROP INDEX a_idx;\nDROP INDEX CONCURRENTLY b_idx;',
    },
  ],
});
