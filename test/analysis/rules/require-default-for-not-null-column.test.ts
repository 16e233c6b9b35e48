import rule from '../../../src/analysis/rules/require-default-for-not-null-column.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Nullable, or NOT NULL with a real default (PG 11+ stores it without touching rows).
    'ALTER TABLE users ADD COLUMN middle_name text;',
    "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';",
    'ALTER TABLE users ADD COLUMN joined_at timestamptz NOT NULL DEFAULT now();',
    "ALTER TABLE users ADD COLUMN settings jsonb DEFAULT '{}' NOT NULL;",
    // The value is computed per row (a rewrite: other rules' concern), never NULL.
    'ALTER TABLE users ADD COLUMN ext_id bigint NOT NULL GENERATED ALWAYS AS IDENTITY;',
    'ALTER TABLE users ADD COLUMN seq_no bigserial NOT NULL;',
    'ALTER TABLE users ADD COLUMN email_lower text NOT NULL GENERATED ALWAYS AS (lower(email)) STORED;',
    // The table is created in this migration: it has no rows.
    'CREATE TABLE feature_flags (id bigint PRIMARY KEY);\nALTER TABLE feature_flags ADD COLUMN enabled boolean NOT NULL;',
    // Not ADD COLUMN.
    'ALTER TABLE users ALTER COLUMN name SET NOT NULL;',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ADD COLUMN middle_name text NOT NULL;',
      errors: [{ messageId: 'notNullWithoutDefault', data: { table: 'users', column: 'middle_name' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'DEFAULT NULL is no default',
      sql: 'ALTER TABLE users ADD COLUMN middle_name text NOT NULL DEFAULT NULL;',
      errors: [{ messageId: 'notNullWithNullDefault', data: { table: 'users', column: 'middle_name' } }],
    },
    {
      name: 'a PRIMARY KEY column is NOT NULL too',
      sql: 'ALTER TABLE sessions ADD COLUMN sid uuid PRIMARY KEY;',
      errors: [{ messageId: 'notNullWithoutDefault', data: { table: 'sessions', column: 'sid' } }],
    },
    {
      name: 'each column of a multi-column ALTER, on a schema-qualified table',
      sql: '\n\nALTER TABLE app.orders\n  ADD COLUMN a int NOT NULL,\n  ADD COLUMN b int NOT NULL DEFAULT 0,\n  ADD COLUMN c int NOT NULL;',
      errors: [
        { messageId: 'notNullWithoutDefault', data: { table: 'app.orders', column: 'a' }, line: 3, column: 1 },
        { messageId: 'notNullWithoutDefault', data: { table: 'app.orders', column: 'c' }, line: 3, column: 1 },
      ],
    },
    {
      name: 'a known small table still fails if it has one row: the severity stays',
      sql: 'ALTER TABLE countries ADD COLUMN iso3 text NOT NULL;',
      tables: { countries: { rows: 250 } },
      errors: [{ messageId: 'notNullWithoutDefault', severity: 'error' }],
    },
    {
      name: 'the same on every supported version',
      sql: 'ALTER TABLE users ADD COLUMN middle_name varchar(40) NOT NULL;',
      postgresVersion: 11,
      errors: [{ messageId: 'notNullWithoutDefault' }],
    },
  ],
});
