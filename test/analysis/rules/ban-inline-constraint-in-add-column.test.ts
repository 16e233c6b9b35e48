import rule from '../../../src/analysis/rules/ban-inline-constraint-in-add-column.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // REFERENCES without a default: the new column is all NULL, nothing is checked (truth 022).
    'ALTER TABLE orders ADD COLUMN product_id integer REFERENCES products (id);',
    'ALTER TABLE orders ADD COLUMN product_id integer DEFAULT NULL REFERENCES products (id);',
    // Plain columns and NOT NULL with a default (another rule's concern).
    "ALTER TABLE orders ADD COLUMN note text NOT NULL DEFAULT '';",
    // CHECK NOT ENFORCED (PostgreSQL 18) checks nothing.
    { sql: 'ALTER TABLE orders ADD COLUMN qty int CHECK (qty > 0) NOT ENFORCED;', postgresVersion: 18 },
    // The constraints added separately are other rules' business (require-not-valid-constraint, require-unique-using-index).
    'ALTER TABLE orders ADD CONSTRAINT orders_qty_check CHECK (qty > 0) NOT VALID;',
    // A table created in the same migration is empty.
    'CREATE TABLE t (id bigint);\nALTER TABLE t ADD COLUMN code text UNIQUE CHECK (code <> \'\');',
    // Inline constraints in CREATE TABLE have no rows to check.
    'CREATE TABLE t2 (id bigint PRIMARY KEY, code text UNIQUE CHECK (code <> \'\'));',
  ],
  invalid: [
    {
      name: 'inline CHECK scans even a nullable column (truth 019)',
      sql: 'ALTER TABLE orders ADD COLUMN qty int CHECK (qty > 0);',
      errors: [{ messageId: 'inlineCheck', data: { column: 'qty', table: 'orders', lock: 'ACCESS EXCLUSIVE (blocks reads and writes)' }, line: 1, column: 1 }],
    },
    {
      name: 'inline UNIQUE builds an index (truth 021)',
      sql: 'ALTER TABLE users ADD COLUMN handle text UNIQUE;',
      errors: [{ messageId: 'inlineIndex', data: { column: 'handle', kind: 'UNIQUE', table: 'users' } }],
    },
    {
      name: 'inline PRIMARY KEY',
      sql: 'ALTER TABLE legacy ADD COLUMN id bigint NOT NULL DEFAULT 0 PRIMARY KEY;',
      errors: [{ messageId: 'inlineIndex', data: { column: 'id', kind: 'PRIMARY KEY' } }],
    },
    {
      name: 'REFERENCES with a default checks every row against the parent (truth 023)',
      sql: 'ALTER TABLE orders ADD COLUMN owner_account_id integer DEFAULT 1 REFERENCES accounts (id);',
      errors: [{ messageId: 'inlineForeignKey', data: { column: 'owner_account_id', parent: 'accounts', table: 'orders' } }],
    },
    {
      name: 'several inline constraints: one finding each, in order; big table is an error',
      sql: 'ALTER TABLE orders ADD COLUMN code text UNIQUE CHECK (code <> \'\');',
      tables: { orders: { rows: 5_000_000 } },
      errors: [
        { messageId: 'inlineIndex', severity: 'error' },
        { messageId: 'inlineCheck', severity: 'error' },
      ],
    },
  ],
});
