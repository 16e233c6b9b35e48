import rule from '../../../src/analysis/rules/require-unique-using-index.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // The recipe: the index is built CONCURRENTLY, the constraint only attaches it (truth 116, 118).
    'CREATE UNIQUE INDEX CONCURRENTLY products_sku_uidx ON products (sku);\nALTER TABLE products ADD CONSTRAINT products_sku_key UNIQUE USING INDEX products_sku_uidx;',
    'ALTER TABLE sessions ADD CONSTRAINT sessions_pkey PRIMARY KEY USING INDEX sessions_id_uidx;',
    // The table is new in this migration.
    'CREATE TABLE coupons (id bigint, code text);\nALTER TABLE coupons ADD PRIMARY KEY (id), ADD CONSTRAINT coupons_code_key UNIQUE (code);',
    // Other constraints.
    'ALTER TABLE orders ADD CONSTRAINT orders_total_nonneg CHECK (total >= 0) NOT VALID;',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE products ADD CONSTRAINT products_sku_key UNIQUE (sku);',
      errors: [{ messageId: 'uniqueBuildsIndex', data: { table: 'products', constraint: '`products_sku_key`', columns: 'sku' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      sql: 'ALTER TABLE sessions ADD PRIMARY KEY (id);',
      errors: [{ messageId: 'primaryKeyBuildsIndex', data: { table: 'sessions', constraint: '(unnamed)', columns: 'id' } }],
    },
    {
      name: 'NULLS NOT DISTINCT on PG 15+ (truth 122)',
      sql: 'ALTER TABLE orders ADD CONSTRAINT orders_ref_code_key UNIQUE NULLS NOT DISTINCT (ref_code);',
      postgresVersion: 15,
      errors: [{ messageId: 'uniqueBuildsIndex', data: { columns: 'ref_code' } }],
    },
    {
      name: 'several columns, after another statement',
      sql: 'SELECT 1;\n\nALTER TABLE measurements ADD CONSTRAINT m_key UNIQUE (id, recorded_at);',
      errors: [{ messageId: 'uniqueBuildsIndex', data: { columns: 'id, recorded_at' }, line: 3, column: 1 }],
    },
    {
      name: 'a big table is an error, a small one info',
      sql: 'ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (id);',
      tables: { events: { rows: 90_000_000 } },
      errors: [{ messageId: 'primaryKeyBuildsIndex', severity: 'error' }],
    },
    {
      sql: 'ALTER TABLE countries ADD CONSTRAINT countries_code_key UNIQUE (code);',
      tables: { countries: { rows: 250 } },
      errors: [{ messageId: 'uniqueBuildsIndex', severity: 'info' }],
    },
  ],
});
