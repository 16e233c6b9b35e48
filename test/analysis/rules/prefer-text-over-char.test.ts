import rule from '../../../src/analysis/rules/prefer-text-over-char.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    'CREATE TABLE countries (code text CHECK (char_length(code) = 2), name varchar);',
    // The one-byte internal "char" type is not char(n).
    'CREATE TABLE flags (kind "char");',
  ],
  invalid: [
    {
      sql: 'CREATE TABLE countries (\n  id bigint,\n  code char(2)\n);',
      errors: [{ messageId: 'charColumn', data: { table: 'countries', column: 'code', type: 'char(2)' }, line: 3, column: 8, severity: 'warning' }],
    },
    {
      name: 'character without a length is char(1)',
      sql: 'ALTER TABLE users ADD COLUMN initial character;',
      errors: [{ messageId: 'charColumn', data: { column: 'initial', type: 'character(1)' }, line: 1, column: 38 }],
    },
    {
      sql: 'ALTER TABLE users ALTER COLUMN country TYPE CHAR(3);',
      errors: [{ messageId: 'charColumn', data: { column: 'country', type: 'char(3)' } }],
    },
  ],
});
