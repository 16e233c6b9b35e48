import rule from '../../../src/analysis/rules/ban-drop-database.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Creating is not destroying.
    'CREATE DATABASE analytics;',
    'DROP SCHEMA staging;',
  ],
  invalid: [
    { sql: 'DROP DATABASE analytics;', errors: [{ messageId: 'dropDatabase', data: { database: 'analytics' }, line: 1, column: 1 }] },
    {
      sql: '\n  DROP DATABASE IF EXISTS "Legacy" WITH (FORCE);',
      errors: [{ messageId: 'dropDatabase', data: { database: 'Legacy' }, line: 2, column: 3, severity: 'error' }],
    },
  ],
});
