import rule from '../../../src/analysis/rules/ban-cluster.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Records the index only: SHARE UPDATE EXCLUSIVE, no rewrite (truth 220).
    'ALTER TABLE orders CLUSTER ON orders_created_at_idx;',
    'ALTER TABLE orders SET WITHOUT CLUSTER;',
    // A table created in this migration.
    'CREATE TABLE t (id int PRIMARY KEY);\nCLUSTER t USING t_pkey;',
  ],
  invalid: [
    {
      sql: 'CLUSTER orders USING orders_created_at_idx;',
      errors: [{ messageId: 'rewritesTable', data: { table: 'orders', lock: 'ACCESS EXCLUSIVE (blocks reads and writes)' }, line: 1, column: 1 }],
    },
    {
      name: 'the previously recorded index (truth 219), big table',
      sql: 'CLUSTER orders;',
      tables: { orders: { rows: 12_000_000 } },
      errors: [{ messageId: 'rewritesTable', severity: 'error' }],
    },
    {
      name: 'every clustered table (truth 327)',
      sql: 'CLUSTER;',
      errors: [{ messageId: 'rewritesAllClustered' }],
    },
  ],
});
