import rule from '../../../src/analysis/rules/ban-set-logged-unlogged.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Created unlogged from the start: nothing to rewrite.
    'CREATE UNLOGGED TABLE cache_entries (k text PRIMARY KEY, v jsonb);',
    // A table created in the same migration.
    'CREATE UNLOGGED TABLE staging (id int);\nALTER TABLE staging SET LOGGED;',
  ],
  invalid: [
    {
      name: 'SET LOGGED (truth 215)',
      sql: 'ALTER TABLE sessions SET LOGGED;',
      errors: [{ messageId: 'setLogged', data: { table: 'sessions', lock: 'ACCESS EXCLUSIVE (blocks reads and writes)' }, line: 1, column: 1 }],
    },
    {
      name: 'SET UNLOGGED (truth 214), big table',
      sql: 'ALTER TABLE sessions SET UNLOGGED;',
      tables: { sessions: { rows: 7_000_000 } },
      errors: [{ messageId: 'setUnlogged', data: { table: 'sessions' }, severity: 'error' }],
    },
  ],
});
