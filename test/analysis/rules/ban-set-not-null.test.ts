import rule from '../../../src/analysis/rules/ban-set-not-null.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const RECIPE = [
  'ALTER TABLE users ADD CONSTRAINT users_name_not_null CHECK (name IS NOT NULL) NOT VALID;',
  'ALTER TABLE users VALIDATE CONSTRAINT users_name_not_null;',
  'ALTER TABLE users ALTER COLUMN name SET NOT NULL;',
  'ALTER TABLE users DROP CONSTRAINT users_name_not_null;',
].join('\n');

ruleTester.run(rule, {
  valid: [
    // The recipe: a validated CHECK proves it, and PG 12+ skips the scan (truth 083, 324).
    RECIPE,
    { name: 'PG 12, the first version that skips the scan', sql: RECIPE, postgresVersion: 12 },
    { name: 'PG 18', sql: RECIPE, postgresVersion: 18 },
    // A CHECK added without NOT VALID is validated on the spot (its own scan: another rule's concern).
    'ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL);\nALTER TABLE users ALTER COLUMN name SET NOT NULL;',
    // A conjunction that implies it, an unnamed validated CHECK, a qualified column reference.
    'ALTER TABLE users ADD CHECK (users.name IS NOT NULL AND length(name) > 0);\nALTER TABLE users ALTER COLUMN name SET NOT NULL;',
    // PG 18: a NOT NULL constraint added NOT VALID, then validated.
    {
      sql: 'ALTER TABLE users ADD CONSTRAINT users_name_nn NOT NULL name NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_name_nn;\nALTER TABLE users ALTER COLUMN name SET NOT NULL;',
      postgresVersion: 18,
    },
    // A table created in this migration is empty.
    'CREATE TABLE t (id bigint, name text);\nALTER TABLE t ALTER COLUMN name SET NOT NULL;',
    // DROP NOT NULL is not this rule.
    'ALTER TABLE users ALTER COLUMN email DROP NOT NULL;',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ALTER COLUMN name SET NOT NULL;',
      errors: [{ messageId: 'scansUnderAccessExclusive', data: { table: 'users', column: 'name' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'a NOT VALID check does not count: SET NOT NULL still scans (truth 084)',
      sql: 'ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN name SET NOT NULL;',
      errors: [{ messageId: 'scansUnderAccessExclusive', line: 2, column: 1 }],
    },
    {
      name: 'the validated check is on another column',
      sql: 'ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL);\nALTER TABLE users ALTER COLUMN name SET NOT NULL;',
      errors: [{ messageId: 'scansUnderAccessExclusive', data: { column: 'name' }, line: 2 }],
    },
    {
      name: 'the validated check is on another table',
      sql: 'ALTER TABLE accounts ADD CONSTRAINT accounts_name_nn CHECK (name IS NOT NULL);\nALTER TABLE users ALTER COLUMN name SET NOT NULL;',
      errors: [{ messageId: 'scansUnderAccessExclusive', data: { table: 'users' }, line: 2 }],
    },
    {
      name: 'an OR does not prove it',
      sql: 'ALTER TABLE users ADD CONSTRAINT c CHECK (name IS NOT NULL OR id < 10);\nALTER TABLE users ALTER COLUMN name SET NOT NULL;',
      errors: [{ messageId: 'scansUnderAccessExclusive', line: 2 }],
    },
    {
      name: 'PostgreSQL 11 does not use the validated check: it scans anyway',
      sql: RECIPE,
      postgresVersion: 11,
      errors: [{ messageId: 'scanNotSkippedBeforePg12', data: { table: 'users', column: 'name', postgresVersion: 11 }, line: 3, column: 1 }],
    },
    {
      name: 'two columns in one statement: one finding each',
      sql: 'ALTER TABLE users ALTER COLUMN name SET NOT NULL, ALTER COLUMN email SET NOT NULL;',
      errors: [
        { messageId: 'scansUnderAccessExclusive', data: { column: 'name' } },
        { messageId: 'scansUnderAccessExclusive', data: { column: 'email' } },
      ],
    },
    {
      name: 'a big table is an error',
      sql: 'ALTER TABLE orders ALTER COLUMN note SET NOT NULL;',
      tables: { orders: { rows: 30_000_000 } },
      errors: [{ messageId: 'scansUnderAccessExclusive', severity: 'error' }],
    },
    {
      name: 'a small table is info',
      sql: 'ALTER TABLE countries ALTER COLUMN code SET NOT NULL;',
      tables: { countries: { rows: 250 } },
      errors: [{ messageId: 'scansUnderAccessExclusive', severity: 'info' }],
    },
  ],
});
