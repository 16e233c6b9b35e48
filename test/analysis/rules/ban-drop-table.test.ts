import rule from '../../../src/analysis/rules/ban-drop-table.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Other objects are other rules' business.
    'DROP VIEW active_users;',
    'DROP INDEX CONCURRENTLY users_email_idx;',
    // Created in the same migration: no running code uses it yet.
    'CREATE TABLE tmp_import (id bigint);\nDROP TABLE tmp_import;',
  ],
  invalid: [
    {
      sql: 'DROP TABLE legacy_events;',
      errors: [{ messageId: 'dropTable', data: { table: 'legacy_events' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'only the existing tables of a list are reported',
      sql: 'CREATE TABLE scratch (id int);\nDROP TABLE IF EXISTS scratch, app.audit_log CASCADE;',
      errors: [{ messageId: 'dropTable', data: { table: 'app.audit_log' }, line: 2, column: 1 }],
    },
  ],
});
