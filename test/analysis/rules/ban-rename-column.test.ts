import rule from '../../../src/analysis/rules/ban-rename-column.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Renaming other things is other rules' business.
    'ALTER TABLE users RENAME TO accounts;',
    'ALTER TABLE users RENAME CONSTRAINT users_pkey TO users_pk;',
    // A table created in the same migration has no code using it yet.
    'CREATE TABLE drafts (id bigint, titel text);\nALTER TABLE drafts RENAME COLUMN titel TO title;',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users RENAME COLUMN email TO email_address;',
      errors: [{ messageId: 'renameColumn', data: { table: 'users', column: 'email', newName: 'email_address' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'COLUMN is optional',
      sql: 'SELECT 1;\nALTER TABLE IF EXISTS app.users RENAME name TO full_name;',
      txMode: 'per-file',
      errors: [{ messageId: 'renameColumn', data: { table: 'app.users', column: 'name', newName: 'full_name' }, line: 2, column: 1 }],
    },
  ],
});
