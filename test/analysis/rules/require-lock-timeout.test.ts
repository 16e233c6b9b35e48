import rule from '../../../src/analysis/rules/require-lock-timeout.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // lock_timeout set first, in every spelling the engine tracks.
    "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN nickname text;",
    "SET lock_timeout TO 3000;\nALTER TABLE users ADD COLUMN nickname text;",
    "BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE users ADD COLUMN nickname text;\nCOMMIT;",
    { sql: "SELECT set_config('lock_timeout', '5s', true);\nALTER TABLE users ADD COLUMN nickname text;", txMode: 'per-file' },
    // The runner sets it: the config turns the requirement off.
    { sql: 'ALTER TABLE users ADD COLUMN nickname text;', options: { requireLockTimeout: false } },
    // Locks that block neither reads nor writes: no queue of application traffic forms behind them.
    'CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);',
    'ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;',
    'UPDATE users SET nickname = lower(name) WHERE id BETWEEN 1 AND 1000;',
    'COMMENT ON TABLE orders IS $$customer orders$$;',
    // Objects created in this migration: nobody else queues on them.
    'CREATE TABLE coupons (id bigint);\nALTER TABLE coupons ADD COLUMN code text;\nCREATE INDEX coupons_code_idx ON coupons (code);',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ADD COLUMN nickname text;',
      errors: [{ messageId: 'missingLockTimeout', data: { table: 'users', lock: 'ACCESS EXCLUSIVE (blocks reads and writes)' }, line: 1, column: 1, severity: 'warning' }],
      output: "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN nickname text;",
    },
    {
      name: 'once per section, on the first statement that needs it',
      sql: 'CREATE TABLE t (id int);\nCREATE INDEX orders_status_idx ON orders (status);\nALTER TABLE users DROP COLUMN nickname;',
      errors: [{ messageId: 'missingLockTimeout', data: { table: 'orders', lock: 'SHARE (blocks writes)' }, line: 2, column: 1 }],
      output: "CREATE TABLE t (id int);\nSET lock_timeout = '5s';\nCREATE INDEX orders_status_idx ON orders (status);\nALTER TABLE users DROP COLUMN nickname;",
    },
    {
      name: 'inside the runner transaction the fix uses SET LOCAL and keeps the indentation',
      sql: '-- +goose Up\n    ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;',
      txMode: 'per-file',
      errors: [{ messageId: 'missingLockTimeout', data: { table: 'orders', lock: 'SHARE ROW EXCLUSIVE (blocks writes)' }, line: 2, column: 5 }],
      output:
        "-- +goose Up\n    SET LOCAL lock_timeout = '5s';\n    ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
    },
    {
      name: 'SET LOCAL outside a transaction block does nothing',
      sql: "SET LOCAL lock_timeout = '5s';\nDROP INDEX orders_status_idx;",
      errors: [{ messageId: 'missingLockTimeout', line: 2 }],
      output: "SET LOCAL lock_timeout = '5s';\nSET lock_timeout = '5s';\nDROP INDEX orders_status_idx;",
    },
    {
      name: 'SET LOCAL ends with its transaction',
      sql: "BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE users ADD COLUMN a text;\nCOMMIT;\nBEGIN;\nALTER TABLE users ADD COLUMN b text;\nCOMMIT;",
      errors: [{ messageId: 'missingLockTimeout', line: 6 }],
      output: "BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE users ADD COLUMN a text;\nCOMMIT;\nBEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE users ADD COLUMN b text;\nCOMMIT;",
    },
    {
      name: 'lock_timeout = 0 means wait forever',
      sql: "SET lock_timeout = 0;\nTRUNCATE sessions;",
      errors: [{ messageId: 'missingLockTimeout', data: { table: 'sessions' }, line: 2 }],
      output: "SET lock_timeout = 0;\nSET lock_timeout = '5s';\nTRUNCATE sessions;",
    },
    {
      name: 'a second statement on the same line',
      sql: 'SELECT 1; ALTER TABLE users RENAME COLUMN a TO b;',
      errors: [{ messageId: 'missingLockTimeout', line: 1, column: 11 }],
      output: "SELECT 1; SET lock_timeout = '5s'; ALTER TABLE users RENAME COLUMN a TO b;",
    },
    {
      name: 'CRLF line endings are kept',
      sql: 'SELECT 1;\r\nALTER TABLE users ADD COLUMN a text;\r\n',
      errors: [{ messageId: 'missingLockTimeout', line: 2 }],
      output: "SELECT 1;\r\nSET lock_timeout = '5s';\r\nALTER TABLE users ADD COLUMN a text;\r\n",
    },
    {
      name: 'size does not matter: the queue forms on a tiny table too',
      sql: 'ALTER TABLE countries ADD COLUMN iso3 text;',
      tables: { countries: { rows: 250 } },
      errors: [{ messageId: 'missingLockTimeout', severity: 'warning' }],
      output: "SET lock_timeout = '5s';\nALTER TABLE countries ADD COLUMN iso3 text;",
    },
    {
      name: 'the down is checked too',
      sql: "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN a text;",
      down: 'ALTER TABLE users DROP COLUMN a;',
      errors: [{ messageId: 'missingLockTimeout', section: 'down', line: 1 }],
      output: "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN a;",
    },
  ],
});
