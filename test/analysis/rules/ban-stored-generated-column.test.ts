import rule from '../../../src/analysis/rules/ban-stored-generated-column.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // A virtual generated column (PostgreSQL 18) is computed on read: no rewrite (truth 015).
    { sql: "ALTER TABLE users ADD COLUMN email_domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) VIRTUAL;", postgresVersion: 18 },
    { sql: "ALTER TABLE users ADD COLUMN email_domain text GENERATED ALWAYS AS (split_part(email, '@', 2));", postgresVersion: 18 },
    // A plain column is a catalog change.
    'ALTER TABLE users ADD COLUMN email_lower text;',
    // The table is created in the same migration: empty, nobody waits.
    'CREATE TABLE t (email text);\nALTER TABLE t ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;',
    // In CREATE TABLE there are no rows to compute.
    'CREATE TABLE t2 (email text, email_lower text GENERATED ALWAYS AS (lower(email)) STORED);',
  ],
  invalid: [
    ...[12, 13, 14, 15, 16, 17].map((postgresVersion) => ({
      name: `PostgreSQL ${postgresVersion}: no virtual alternative`,
      sql: 'ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;',
      postgresVersion,
      errors: [{ messageId: 'rewrites', data: { column: 'email_lower', table: 'users', lock: 'ACCESS EXCLUSIVE (blocks reads and writes)' }, line: 1, column: 1 }],
    })),
    {
      name: 'PostgreSQL 18 offers a virtual column',
      sql: 'ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;',
      postgresVersion: 18,
      errors: [{ messageId: 'rewritesVirtualAvailable', data: { column: 'email_lower', table: 'users' } }],
    },
    {
      name: 'one finding per stored column, on a big table an error',
      sql: '\n  ALTER TABLE orders\n    ADD COLUMN a int GENERATED ALWAYS AS (qty * 2) STORED,\n    ADD COLUMN b text;',
      tables: { orders: { rows: 48_000_000 } },
      errors: [{ messageId: 'rewrites', data: { column: 'a', table: 'orders' }, line: 2, column: 3, severity: 'error' }],
    },
    {
      name: 'a small known table drops to info',
      sql: 'ALTER TABLE countries ADD COLUMN code_lower text GENERATED ALWAYS AS (lower(code)) STORED;',
      tables: { countries: { rows: 250 } },
      errors: [{ messageId: 'rewrites', severity: 'info' }],
    },
  ],
});
