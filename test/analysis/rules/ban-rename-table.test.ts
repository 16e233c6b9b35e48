import rule from '../../../src/analysis/rules/ban-rename-table.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Columns are ban-rename-column's business.
    'ALTER TABLE users RENAME COLUMN a TO b;',
    // Renaming an index breaks no query.
    'ALTER INDEX users_email_idx RENAME TO users_email_key;',
    // A table created in the same migration has no code using it yet.
    'CREATE TABLE tmp (id bigint);\nALTER TABLE tmp RENAME TO imports;',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE users RENAME TO accounts;',
      errors: [{ messageId: 'renameTable', data: { kind: 'table', table: 'users', newName: 'accounts' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      sql: 'ALTER VIEW reporting.active_users RENAME TO current_users;',
      errors: [{ messageId: 'renameTable', data: { kind: 'view', table: 'reporting.active_users', newName: 'current_users' } }],
    },
    {
      sql: 'ALTER MATERIALIZED VIEW daily_totals RENAME TO daily_sums;',
      errors: [{ messageId: 'renameTable', data: { kind: 'materialized view', table: 'daily_totals' } }],
    },
  ],
});
