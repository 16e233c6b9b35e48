import rule from '../../../src/analysis/rules/prefer-timestamptz.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    'CREATE TABLE events (at timestamptz, b timestamp with time zone, c timestamptz(3));',
    // Dates and times of day are other types.
    'ALTER TABLE events ADD COLUMN day date;',
  ],
  invalid: [
    {
      sql: 'CREATE TABLE events (id bigint, created_at timestamp NOT NULL DEFAULT now());',
      errors: [{ messageId: 'timestampWithoutTimeZone', data: { table: 'events', column: 'created_at' }, line: 1, column: 44, severity: 'warning' }],
    },
    {
      sql: 'ALTER TABLE events ADD COLUMN a timestamp without time zone, ADD COLUMN b timestamp(3);',
      errors: [{ messageId: 'timestampWithoutTimeZone', data: { column: 'a' } }, { messageId: 'timestampWithoutTimeZone', data: { column: 'b' } }],
    },
    {
      sql: 'ALTER TABLE events ALTER COLUMN at TYPE timestamp;',
      errors: [{ messageId: 'timestampWithoutTimeZone', data: { column: 'at' } }],
    },
  ],
});
