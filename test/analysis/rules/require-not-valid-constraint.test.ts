import rule from '../../../src/analysis/rules/require-not-valid-constraint.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // NOT VALID: instant, validated later under SHARE UPDATE EXCLUSIVE (truth 096, 105).
    'ALTER TABLE orders ADD CONSTRAINT orders_total_nonneg CHECK (total >= 0) NOT VALID;',
    'ALTER TABLE orders ADD CONSTRAINT orders_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;',
    'ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;',
    // PG 18: NOT ENFORCED skips validation too.
    { sql: 'ALTER TABLE orders ADD CONSTRAINT orders_total_nonneg CHECK (total >= 0) NOT ENFORCED;', postgresVersion: 18 },
    // The table is new in this migration: nothing to validate.
    'CREATE TABLE coupons (id bigint PRIMARY KEY, user_id bigint, pct int);\nALTER TABLE coupons ADD CONSTRAINT coupons_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);\nALTER TABLE coupons ADD CONSTRAINT coupons_pct CHECK (pct BETWEEN 0 AND 100);',
    // Other constraint kinds are other rules' concern.
    'ALTER TABLE products ADD CONSTRAINT products_sku_key UNIQUE (sku);',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE orders ADD CONSTRAINT orders_total_nonneg CHECK (total >= 0);',
      errors: [{ messageId: 'checkBlocksReadsAndWrites', data: { table: 'orders', constraint: '`orders_total_nonneg`' }, line: 1, column: 1, severity: 'error' }],
      output: 'ALTER TABLE orders ADD CONSTRAINT orders_total_nonneg CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg;',
    },
    {
      name: 'a foreign key locks both tables',
      sql: 'ALTER TABLE orders\n  ADD CONSTRAINT orders_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE;',
      errors: [{ messageId: 'foreignKeyBlocksWrites', data: { table: 'orders', referencedTable: 'accounts', constraint: '`orders_account_id_fkey`' }, line: 1, column: 1 }],
      output:
        'ALTER TABLE orders\n  ADD CONSTRAINT orders_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_account_id_fkey;',
    },
    {
      name: 'names that need quoting stay quoted in the VALIDATE',
      sql: 'ALTER TABLE "Billing"."Orders" ADD CONSTRAINT "Check" CHECK ("Total" >= 0);',
      errors: [{ messageId: 'checkBlocksReadsAndWrites', data: { table: 'Billing.Orders' } }],
      output: 'ALTER TABLE "Billing"."Orders" ADD CONSTRAINT "Check" CHECK ("Total" >= 0) NOT VALID;\nALTER TABLE "Billing"."Orders" VALIDATE CONSTRAINT "Check";',
    },
    {
      name: 'inside the runner transaction VALIDATE would run under the same lock: no fix',
      sql: 'ALTER TABLE orders ADD CONSTRAINT orders_total_nonneg CHECK (total >= 0);',
      txMode: 'per-file',
      errors: [{ messageId: 'checkBlocksReadsAndWrites' }],
      output: null,
    },
    {
      name: 'inside an explicit transaction: no fix',
      sql: 'BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_total_nonneg CHECK (total >= 0);\nCOMMIT;',
      errors: [{ messageId: 'checkBlocksReadsAndWrites', line: 2 }],
      output: null,
    },
    {
      name: 'an unnamed constraint cannot be validated by name: no fix',
      sql: 'ALTER TABLE orders ADD CHECK (total >= 0);',
      errors: [{ messageId: 'checkBlocksReadsAndWrites', data: { constraint: '(unnamed)' } }],
      output: null,
    },
    {
      name: 'several subcommands: no fix, one finding per constraint',
      sql: 'ALTER TABLE orders ADD CONSTRAINT a CHECK (total >= 0), ADD CONSTRAINT b FOREIGN KEY (user_id) REFERENCES users (id);',
      errors: [
        { messageId: 'checkBlocksReadsAndWrites', data: { constraint: '`a`' } },
        { messageId: 'foreignKeyBlocksWrites', data: { constraint: '`b`', referencedTable: 'users' } },
      ],
      output: null,
    },
    {
      name: 'a small known table drops to info',
      sql: 'ALTER TABLE countries ADD CONSTRAINT countries_code_len CHECK (length(code) = 2);',
      tables: { countries: { rows: 250 } },
      errors: [{ messageId: 'checkBlocksReadsAndWrites', severity: 'info' }],
      output: 'ALTER TABLE countries ADD CONSTRAINT countries_code_len CHECK (length(code) = 2) NOT VALID;\nALTER TABLE countries VALIDATE CONSTRAINT countries_code_len;',
    },
  ],
});
