import rule from '../../../src/analysis/rules/require-concurrent-refresh.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // EXCLUSIVE: reads go on (truth 191).
    'REFRESH MATERIALIZED VIEW CONCURRENTLY user_order_totals;',
    // Empties the view at once; nothing is computed.
    'REFRESH MATERIALIZED VIEW user_order_totals WITH NO DATA;',
    // A view created in this migration: nobody reads it yet.
    'CREATE MATERIALIZED VIEW v AS SELECT 1 AS x WITH NO DATA;\nREFRESH MATERIALIZED VIEW v;',
  ],
  invalid: [
    {
      name: 'truth 190',
      sql: 'REFRESH MATERIALIZED VIEW user_order_totals;',
      errors: [{ messageId: 'blocksReads', data: { view: 'user_order_totals', lock: 'ACCESS EXCLUSIVE (blocks reads and writes)' }, line: 1, column: 1, severity: 'warning' }],
    },
    {
      name: 'inside a transaction too: CONCURRENTLY is allowed there',
      sql: 'BEGIN;\nREFRESH MATERIALIZED VIEW reporting.daily_sales;\nCOMMIT;',
      tables: { 'reporting.daily_sales': { rows: 2_000_000 } },
      errors: [{ messageId: 'blocksReads', data: { view: 'reporting.daily_sales' }, line: 2, severity: 'error' }],
    },
  ],
});
