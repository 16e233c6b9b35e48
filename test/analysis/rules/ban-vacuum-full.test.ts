import rule from '../../../src/analysis/rules/ban-vacuum-full.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Plain VACUUM / ANALYZE take SHARE UPDATE EXCLUSIVE (truth 222-224).
    'VACUUM orders;',
    'VACUUM (ANALYZE) orders;',
    'ANALYZE orders;',
    // FULL switched off.
    'VACUUM (FULL false) orders;',
    'VACUUM (FULL off, ANALYZE) orders;',
    // A table created in this migration.
    'CREATE TABLE t (id int);\nVACUUM FULL t;',
  ],
  invalid: [
    {
      sql: 'VACUUM FULL orders;',
      errors: [{ messageId: 'rewritesTable', data: { table: 'orders', lock: 'ACCESS EXCLUSIVE (blocks reads and writes)' }, line: 1, column: 1 }],
    },
    {
      name: 'one finding per table (truth 325)',
      sql: 'VACUUM (FULL, ANALYZE) users, orders;',
      tables: { orders: { rows: 40_000_000 } },
      errors: [
        { messageId: 'rewritesTable', data: { table: 'users' }, severity: 'error' },
        { messageId: 'rewritesTable', data: { table: 'orders' }, severity: 'error' },
      ],
    },
    {
      name: 'the whole database',
      sql: 'VACUUM FULL;',
      errors: [{ messageId: 'rewritesDatabase' }],
    },
    {
      name: 'FULL true',
      sql: 'VACUUM (FULL true) sessions;',
      tables: { sessions: { rows: 800 } },
      errors: [{ messageId: 'rewritesTable', severity: 'info' }],
    },
  ],
});
