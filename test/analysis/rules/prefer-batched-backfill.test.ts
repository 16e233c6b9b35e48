import rule from '../../../src/analysis/rules/prefer-batched-backfill.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Batches by key range or by LIMIT.
    'UPDATE users SET plan = \'free\' WHERE id >= 1 AND id < 10001 AND plan IS NULL;',
    'UPDATE users SET plan = \'free\' WHERE id BETWEEN 1 AND 10000;',
    'DELETE FROM events WHERE id IN (SELECT id FROM events WHERE created_at < now() - interval \'1 year\' LIMIT 5000);',
    // Point changes to known rows are not backfills.
    'UPDATE settings SET value = \'on\' WHERE key = \'feature_x\';',
    'DELETE FROM users WHERE id IN (1, 2, 3);',
    'UPDATE users SET admin = true WHERE id = $1 AND tenant_id IS NOT NULL;',
    // A table created in this migration is empty.
    'CREATE TABLE t (id bigint, a int);\nUPDATE t SET a = 0;',
  ],
  invalid: [
    {
      sql: 'UPDATE users SET plan = \'free\';',
      errors: [{ messageId: 'noWhere', data: { verb: 'UPDATE', table: 'users' }, line: 1, column: 1, severity: 'warning' }],
    },
    {
      sql: 'DELETE FROM events WHERE created_at < now() - interval \'1 year\';',
      errors: [{ messageId: 'unbatched', data: { verb: 'DELETE', table: 'events' } }],
    },
    {
      name: 'a lower bound alone is no batch',
      sql: 'UPDATE users SET plan = \'free\' WHERE id >= 1000 AND plan IS NULL;',
      errors: [{ messageId: 'unbatched' }],
    },
    {
      name: 'big table: error, with its size',
      sql: 'UPDATE orders SET status = \'open\' WHERE status IS NULL;',
      tables: { orders: { rows: 48_000_000, totalBytes: 21 * 1024 ** 3 } },
      errors: [{ messageId: 'unbatched', severity: 'error' }],
    },
    {
      name: 'small known table: info',
      sql: 'DELETE FROM countries;',
      tables: { countries: { rows: 250 } },
      errors: [{ messageId: 'noWhere', severity: 'info' }],
    },
  ],
});
