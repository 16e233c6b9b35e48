import rule from '../../../src/analysis/rules/ban-enum-add-value-in-transaction.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const ADD_AND_USE = "ALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;";

ruleTester.run(rule, {
  valid: [
    // Autocommit: ADD VALUE commits before the next statement uses the value.
    ADD_AND_USE,
    // A COMMIT in between.
    `BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\nCOMMIT;\nUPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;`,
    // ADD VALUE alone in a transaction is fine from PostgreSQL 12 (truth 195).
    { sql: "ALTER TYPE order_status ADD VALUE 'refunded';", txMode: 'per-file', postgresVersion: 12 },
    // Other literals are not the new value.
    { sql: "ALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = 'paid' WHERE id = 1;", txMode: 'per-file' },
    // Renaming a value has no such limit.
    { sql: "ALTER TYPE order_status RENAME VALUE 'cancelled' TO 'canceled';\nUPDATE orders SET note = 'canceled';", txMode: 'per-file' },
    // Before 12, ADD VALUE fails in any transaction: ban-concurrently-in-transaction reports that.
    ...[11].map((postgresVersion) => ({ sql: ADD_AND_USE, txMode: 'per-file' as const, postgresVersion })),
  ],
  invalid: [
    ...[12, 13, 14, 15, 16, 17, 18].map((postgresVersion) => ({
      name: `PostgreSQL ${postgresVersion}: the runner wraps the file in one transaction`,
      sql: ADD_AND_USE,
      txMode: 'per-file' as const,
      postgresVersion,
      errors: [{ messageId: 'newValueUsedBeforeCommit', data: { value: 'refunded', type: 'order_status' }, line: 2, column: 1 }],
    })),
    {
      name: 'explicit transaction, cast literal, schema-qualified type',
      sql: "BEGIN;\nALTER TYPE app.order_status ADD VALUE IF NOT EXISTS 'on_hold' BEFORE 'paid';\nSET LOCAL lock_timeout = '1s';\nINSERT INTO orders (status) VALUES ('on_hold'::app.order_status);\nCOMMIT;",
      errors: [{ messageId: 'newValueUsedBeforeCommit', data: { value: 'on_hold', type: 'app.order_status' }, line: 4 }],
    },
  ],
});
