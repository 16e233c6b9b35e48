import rule from '../../../src/analysis/rules/prefer-jsonb.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    "CREATE TABLE events (payload jsonb NOT NULL DEFAULT '{}');",
    // A json value in a query is not a column type.
    "SELECT '{}'::json;",
  ],
  invalid: [
    {
      sql: 'CREATE TABLE events (payload json);',
      errors: [{ messageId: 'jsonColumn', data: { table: 'events', column: 'payload' }, line: 1, column: 30, severity: 'warning' }],
    },
    {
      sql: 'ALTER TABLE events ADD COLUMN meta json, ALTER COLUMN payload TYPE json USING payload::json;',
      errors: [{ messageId: 'jsonColumn', data: { column: 'meta' } }, { messageId: 'jsonColumn', data: { column: 'payload' } }],
    },
  ],
});
