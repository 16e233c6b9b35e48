import rule from '../../../src/analysis/rules/ban-volatile-default.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Constant and STABLE defaults are stored once on PG 11+ (truth 004-007, 018, 028).
    "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';",
    'ALTER TABLE users ADD COLUMN joined_at timestamptz NOT NULL DEFAULT now();',
    'ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT CURRENT_TIMESTAMP;',
    'ALTER TABLE users ADD COLUMN created_on date DEFAULT CURRENT_DATE;',
    "ALTER TABLE users ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb;",
    { name: 'PG 11 is the first with stored defaults', sql: 'ALTER TABLE users ADD COLUMN is_verified boolean DEFAULT false;', postgresVersion: 11 },
    // No default, or DEFAULT NULL.
    'ALTER TABLE users ADD COLUMN middle_name text;',
    { sql: 'ALTER TABLE users ADD COLUMN middle_name text DEFAULT NULL;', postgresVersion: 10 },
    // The table is new in this migration: nothing to rewrite.
    'CREATE TABLE t (id bigint);\nALTER TABLE t ADD COLUMN public_id uuid DEFAULT gen_random_uuid();',
    // SET DEFAULT affects new rows only.
    'ALTER TABLE users ALTER COLUMN public_id SET DEFAULT gen_random_uuid();',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();',
      errors: [{ messageId: 'volatileDefault', data: { table: 'users', column: 'public_id', functions: 'gen_random_uuid()' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      sql: 'ALTER TABLE users ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();',
      errors: [{ messageId: 'volatileDefault', data: { functions: 'clock_timestamp()' } }],
    },
    {
      name: 'only the volatile call is named',
      sql: 'ALTER TABLE users ADD COLUMN token text DEFAULT md5(random()::text);',
      errors: [{ messageId: 'volatileDefault', data: { functions: 'random()' } }],
    },
    {
      sql: "ALTER TABLE orders ADD COLUMN invoice_no bigint DEFAULT nextval('invoice_number_seq');",
      errors: [{ messageId: 'volatileDefault', data: { table: 'orders', functions: 'nextval()' } }],
    },
    {
      name: 'a schema-qualified extension function',
      sql: 'ALTER TABLE users ADD COLUMN ext uuid DEFAULT public.uuid_generate_v4();',
      errors: [{ messageId: 'volatileDefault', data: { functions: 'uuid_generate_v4()' } }],
    },
    {
      name: 'a volatile default is volatile on every version',
      sql: 'ALTER TABLE users ADD COLUMN rnd double precision DEFAULT random();',
      postgresVersion: 18,
      errors: [{ messageId: 'volatileDefault' }],
    },
    {
      name: 'before PG 11 any default rewrites',
      sql: "\n  ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';",
      postgresVersion: 10,
      errors: [{ messageId: 'defaultBeforePg11', data: { table: 'users', column: 'status', postgresVersion: 10 }, line: 2, column: 3 }],
    },
    {
      name: 'one finding per column',
      sql: 'ALTER TABLE users ADD COLUMN a uuid DEFAULT gen_random_uuid(), ADD COLUMN b int DEFAULT 0, ADD COLUMN c float8 DEFAULT random();',
      errors: [
        { messageId: 'volatileDefault', data: { column: 'a' } },
        { messageId: 'volatileDefault', data: { column: 'c' } },
      ],
    },
    {
      name: 'a small table drops to info',
      sql: 'ALTER TABLE countries ADD COLUMN uid uuid DEFAULT gen_random_uuid();',
      tables: { countries: { rows: 250 } },
      errors: [{ messageId: 'volatileDefault', severity: 'info' }],
    },
  ],
});
