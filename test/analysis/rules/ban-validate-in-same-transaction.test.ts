import rule from '../../../src/analysis/rules/ban-validate-in-same-transaction.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const FK_NOT_VALID = 'ALTER TABLE orders ADD CONSTRAINT orders_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;';
const VALIDATE = 'ALTER TABLE orders VALIDATE CONSTRAINT orders_account_id_fkey;';

ruleTester.run(rule, {
  valid: [
    // Autocommit: the ADD's lock is released before VALIDATE.
    `${FK_NOT_VALID}\n${VALIDATE}`,
    // A COMMIT in between.
    `BEGIN;\n${FK_NOT_VALID}\nCOMMIT;\nBEGIN;\n${VALIDATE}\nCOMMIT;`,
    // Validating a constraint added in an earlier migration.
    { sql: VALIDATE, txMode: 'per-file' },
    // Another constraint's name, or another table's constraint of that name.
    { sql: `${FK_NOT_VALID}\nALTER TABLE orders VALIDATE CONSTRAINT orders_qty_check;`, txMode: 'per-file' },
    { sql: `${FK_NOT_VALID}\nALTER TABLE invoices VALIDATE CONSTRAINT orders_account_id_fkey;`, txMode: 'per-file' },
    // A table created in this migration is empty.
    { sql: 'CREATE TABLE t (q int);\nALTER TABLE t ADD CONSTRAINT q_pos CHECK (q > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT q_pos;', txMode: 'per-file' },
  ],
  invalid: [
    {
      name: 'the runner wraps both in one transaction',
      sql: `${FK_NOT_VALID}\n${VALIDATE}`,
      txMode: 'per-file',
      errors: [
        {
          messageId: 'validatesUnderAddLock',
          data: { constraint: 'orders_account_id_fkey', table: 'orders', lock: 'SHARE ROW EXCLUSIVE (blocks writes)' },
          line: 2,
          column: 1,
        },
      ],
    },
    {
      name: 'CHECK in an explicit transaction, on a big table',
      sql: 'BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_qty_check CHECK (qty > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_qty_check;\nCOMMIT;',
      tables: { orders: { rows: 30_000_000 } },
      errors: [{ messageId: 'validatesUnderAddLock', data: { lock: 'ACCESS EXCLUSIVE (blocks reads and writes)' }, line: 3, severity: 'error' }],
    },
  ],
});
