import rule from '../../../src/analysis/rules/ban-truncate-cascade.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Without CASCADE PostgreSQL refuses if a referencing table is not in the list.
    'TRUNCATE sessions;',
    'TRUNCATE TABLE sessions, session_events RESTRICT;',
    // Only tables created in this migration: nothing existing references them.
    'CREATE TABLE staging (id int);\nTRUNCATE staging CASCADE;',
  ],
  invalid: [
    {
      sql: 'TRUNCATE users CASCADE;',
      errors: [{ messageId: 'truncateCascade', data: { tables: '`users`' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      sql: 'CREATE TABLE staging (id int);\nTRUNCATE TABLE ONLY staging, app.orders CASCADE;',
      errors: [{ messageId: 'truncateCascade', data: { tables: '`staging`, `app.orders`' }, line: 2, column: 1 }],
    },
  ],
});
