import rule from '../../../src/analysis/rules/prefer-text-over-varchar.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Unbounded varchar is text.
    'CREATE TABLE t (a text, b varchar, c character varying);',
    'ALTER TABLE t ADD COLUMN name text CHECK (char_length(name) <= 200);',
  ],
  invalid: [
    {
      sql: 'CREATE TABLE users (email varchar(255));',
      errors: [{ messageId: 'boundedVarchar', data: { table: 'users', column: 'email', type: 'varchar(255)' }, line: 1, column: 27, severity: 'info' }],
    },
    {
      sql: '-- ü\nALTER TABLE users ADD COLUMN name character varying(100), ALTER COLUMN email TYPE varchar(320);',
      errors: [
        { messageId: 'boundedVarchar', data: { column: 'name', type: 'character(100)' }, line: 2, column: 35 },
        { messageId: 'boundedVarchar', data: { column: 'email', type: 'varchar(320)' }, line: 2 },
      ],
    },
  ],
});
