import rule from '../../../src/analysis/rules/ban-drop-column.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Not a column drop.
    'ALTER TABLE users ADD COLUMN nickname text;',
    'ALTER TABLE users DROP CONSTRAINT users_email_key;',
    // The table is created in the same migration: no running code uses it yet.
    'CREATE TABLE drafts (id bigint, body text);\nALTER TABLE drafts DROP COLUMN body;',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users DROP COLUMN legacy_flag;',
      errors: [{ messageId: 'dropColumn', data: { table: 'users', column: 'legacy_flag' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'one finding per dropped column, IF EXISTS included',
      sql: '-- cleanup\nALTER TABLE app.orders DROP COLUMN IF EXISTS a, DROP b CASCADE;',
      errors: [
        { messageId: 'dropColumn', data: { table: 'app.orders', column: 'a' }, line: 2, column: 1 },
        { messageId: 'dropColumn', data: { table: 'app.orders', column: 'b' }, line: 2, column: 1 },
      ],
    },
    {
      name: 'the same in a per-file transaction',
      sql: 'ALTER TABLE "Users" DROP COLUMN "Ünïcode";',
      txMode: 'per-file',
      errors: [{ messageId: 'dropColumn', data: { table: 'Users', column: 'Ünïcode' } }],
    },
  ],
});
