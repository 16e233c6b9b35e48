import rule from '../../../src/analysis/rules/ban-lock-table.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Weak modes block neither reads nor writes (truth 228).
    'BEGIN;\nLOCK TABLE orders IN ACCESS SHARE MODE;\nCOMMIT;',
    'BEGIN;\nLOCK TABLE orders IN ROW EXCLUSIVE MODE;\nCOMMIT;',
    'BEGIN;\nLOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE;\nCOMMIT;',
    // A table created in the same transaction.
    'BEGIN;\nCREATE TABLE t (id int);\nLOCK TABLE t;\nCOMMIT;',
    // Outside a transaction block LOCK TABLE fails and locks nothing (SQLSTATE 25P01).
    'LOCK TABLE orders;',
  ],
  invalid: [
    {
      name: 'default mode is ACCESS EXCLUSIVE (truth 226)',
      sql: 'BEGIN;\nLOCK TABLE orders;\nCOMMIT;',
      errors: [{ messageId: 'holdsStrongLock', data: { table: 'orders', lock: 'ACCESS EXCLUSIVE (blocks reads and writes)' }, line: 2, column: 1 }],
    },
    {
      name: 'SHARE blocks writes; one finding per table (truth 229)',
      sql: 'LOCK TABLE orders, users IN SHARE MODE;',
      txMode: 'per-file',
      errors: [
        { messageId: 'holdsStrongLock', data: { table: 'orders', lock: 'SHARE (blocks writes)' } },
        { messageId: 'holdsStrongLock', data: { table: 'users' } },
      ],
    },
    {
      name: 'SHARE ROW EXCLUSIVE NOWAIT on a big table (truth 227)',
      sql: 'LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE NOWAIT;',
      txMode: 'per-file',
      tables: { orders: { rows: 10_000_000 } },
      errors: [{ messageId: 'holdsStrongLock', severity: 'error' }],
    },
  ],
});
