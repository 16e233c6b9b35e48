import rule from '../../../src/analysis/rules/ban-rewriting-type-change.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Binary-coercible from varchar/text: no rewrite (truth 047, 051, 320).
    'ALTER TABLE orders ALTER COLUMN ref_code TYPE text;',
    'ALTER TABLE orders ALTER COLUMN ref_code TYPE varchar;',
    'ALTER TABLE orders ALTER COLUMN note TYPE text USING note;',
    // The table is new in this migration.
    'CREATE TABLE t (id int, v varchar(10));\nALTER TABLE t ALTER COLUMN id TYPE bigint;',
    // Rewrites for another reason (a volatile default): not a type change.
    'ALTER TABLE users ADD COLUMN rnd double precision DEFAULT random();',
    // Not ALTER TABLE.
    'ALTER DOMAIN positive_int SET NOT NULL;',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ALTER COLUMN age TYPE bigint;',
      errors: [{ messageId: 'rewritesTable', data: { table: 'users', column: 'age', type: 'bigint' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'text -> varchar(n) checks and rewrites every row (truth 049)',
      sql: '-- shorten nicknames\nALTER TABLE users ALTER COLUMN nickname TYPE varchar(50);',
      errors: [{ messageId: 'rewritesTable', data: { type: 'varchar(50)' }, line: 2, column: 1 }],
    },
    {
      name: 'a USING expression computes new values (truth 321)',
      sql: 'ALTER TABLE orders ALTER COLUMN note TYPE text USING lower(note);',
      errors: [{ messageId: 'rewritesTable', data: { column: 'note', type: 'text' } }],
    },
    {
      name: 'numeric scale change (truth 065)',
      sql: 'ALTER TABLE users ALTER COLUMN score TYPE numeric(10,4);',
      errors: [{ messageId: 'rewritesTable', data: { type: 'numeric(10,4)' } }],
    },
    {
      name: 'two columns: one finding for the statement',
      sql: 'ALTER TABLE orders ALTER COLUMN user_id TYPE bigint, ALTER COLUMN ref_code TYPE text, ALTER COLUMN total TYPE numeric(14,2);',
      errors: [{ messageId: 'rewritesTable', data: { column: 'user_id`, `total', type: 'bigint, numeric(14,2)' } }],
    },
    {
      name: 'SET DATA TYPE spelling, schema-qualified table, big table',
      sql: 'ALTER TABLE billing.invoices ALTER COLUMN amount SET DATA TYPE double precision;',
      tables: { 'billing.invoices': { rows: 5_000_000 } },
      errors: [{ messageId: 'rewritesTable', data: { table: 'billing.invoices', type: 'double precision' }, severity: 'error' }],
    },
    {
      name: 'a small table drops to info',
      sql: 'ALTER TABLE countries ALTER COLUMN id TYPE bigint;',
      tables: { countries: { rows: 250 } },
      errors: [{ messageId: 'rewritesTable', severity: 'info' }],
    },
  ],
});
