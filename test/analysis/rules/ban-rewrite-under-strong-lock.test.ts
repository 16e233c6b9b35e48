import rule from '../../../src/analysis/rules/ban-rewrite-under-strong-lock.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Autocommit: the first lock is released before the rewrite.
    'ALTER TABLE users ADD COLUMN note text;\nALTER TABLE orders ALTER COLUMN total TYPE numeric(12,3);',
    // The same table: no second table is kept waiting.
    { sql: 'ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ALTER COLUMN code TYPE varchar(10);', txMode: 'per-file' },
    // The held table was created in this transaction.
    { sql: 'CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN x int;\nVACUUM FULL orders;', txMode: 'per-file' },
    // Nothing long after the lock.
    { sql: 'ALTER TABLE users ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN note text;', txMode: 'per-file' },
    // A scan is not a rewrite: the index build has its own rule (require-concurrent-index).
    { sql: 'ALTER TABLE accounts ADD COLUMN note text;\nCREATE INDEX ON orders (account_id);', txMode: 'per-file' },
    // The rewritten table is new.
    { sql: 'ALTER TABLE users ADD COLUMN note text;\nCREATE TABLE t (v text);\nALTER TABLE t ALTER COLUMN v TYPE varchar(5);', txMode: 'per-file' },
  ],
  invalid: [
    {
      name: 'a type change rewrites orders while users is still locked',
      sql: 'BEGIN;\nALTER TABLE users ADD COLUMN note text;\nALTER TABLE orders ALTER COLUMN code TYPE varchar(10);\nCOMMIT;',
      errors: [
        {
          messageId: 'otherTableHeld',
          data: { table: 'orders', held: 'users', heldLock: 'ACCESS EXCLUSIVE (blocks reads and writes)' },
          line: 3,
          column: 1,
        },
      ],
    },
  ],
});
