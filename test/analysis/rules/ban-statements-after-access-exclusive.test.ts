import rule from '../../../src/analysis/rules/ban-statements-after-access-exclusive.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // The locking statement is the last of its transaction.
    'BEGIN;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS x ON users (email);\nCOMMIT;',
    "BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE users ADD COLUMN note text;\nCOMMIT;",
    // Autocommit: each statement is its own transaction.
    'ALTER TABLE users ADD COLUMN note text;\nUPDATE accounts SET plan = 1 WHERE id = 1;',
    // Only settings after the lock.
    "BEGIN;\nALTER TABLE users ADD COLUMN note text;\nRESET lock_timeout;\nCOMMIT;",
    // Weaker locks (SHARE UPDATE EXCLUSIVE for VALIDATE) do not block traffic.
    { sql: 'ALTER TABLE orders VALIDATE CONSTRAINT c;\nUPDATE accounts SET plan = 1;', txMode: 'per-file' },
    // The locked table was created in this transaction: invisible to everyone else.
    { sql: 'CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN note text;\nINSERT INTO t VALUES (1);', txMode: 'per-file' },
  ],
  invalid: [
    {
      name: 'reported once, at the first statement under the lock',
      sql: "BEGIN;\nALTER TABLE users ADD COLUMN note text;\nUPDATE accounts SET plan = 'pro';\nCREATE INDEX ON accounts (plan);\nCOMMIT;",
      errors: [
        {
          messageId: 'lockHeldForRest',
          data: { table: 'users', lock: 'ACCESS EXCLUSIVE (blocks reads and writes)', locker: 'ALTER TABLE users ADD COLUMN note text' },
          line: 3,
          column: 1,
        },
      ],
    },
    {
      name: 'the runner wraps the whole file; a SET in between does not count as the first statement',
      sql: "ALTER TABLE orders DROP COLUMN legacy_code;\nSET lock_timeout = '1s';\nALTER TABLE orders ADD COLUMN code text;",
      txMode: 'per-file',
      tables: { orders: { rows: 20_000_000 } },
      errors: [{ messageId: 'lockHeldForRest', data: { table: 'orders' }, line: 3, severity: 'error' }],
    },
    {
      name: 'a second transaction is reported again',
      sql: 'BEGIN;\nLOCK TABLE a;\nSELECT 1;\nCOMMIT;\nBEGIN;\nALTER TABLE b RENAME COLUMN x TO y;\nSELECT 2;\nCOMMIT;',
      errors: [
        { messageId: 'lockHeldForRest', data: { table: 'a' }, line: 3 },
        { messageId: 'lockHeldForRest', data: { table: 'b' }, line: 7 },
      ],
    },
  ],
});
