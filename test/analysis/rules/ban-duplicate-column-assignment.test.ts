import rule from '../../../src/analysis/rules/ban-duplicate-column-assignment.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    'CREATE TABLE t (a int, b int);',
    'UPDATE t SET a = 1, b = 2;',
    'INSERT INTO t (a, b) VALUES (1, 2);',
    // Parts of one array or composite column may be assigned separately.
    'UPDATE t SET tags[1] = 1, tags[2] = 2;',
    // The usual way to change a type and its default together.
    'ALTER TABLE t ALTER COLUMN a DROP DEFAULT, ALTER COLUMN a TYPE bigint, ALTER COLUMN a SET DEFAULT 0;',
    // Different columns, same subcommand.
    'ALTER TABLE t ADD COLUMN a int, ADD COLUMN b int;',
  ],
  invalid: [
    {
      sql: 'CREATE TABLE t (\n  a int,\n  a text\n);',
      errors: [{ messageId: 'duplicateColumn', data: { column: 'a' }, line: 3, column: 3, severity: 'error' }],
    },
    {
      sql: 'UPDATE t SET a = 1, b = 2, a = 3;',
      errors: [{ messageId: 'duplicateAssignment', data: { column: 'a', what: 'UPDATE ... SET' }, line: 1, column: 28 }],
    },
    {
      sql: 'UPDATE t SET (a, b) = (1, 2), b = 3;',
      errors: [{ messageId: 'duplicateAssignment', data: { column: 'b' } }],
    },
    {
      sql: 'INSERT INTO t (a, a) VALUES (1, 2);',
      errors: [{ messageId: 'duplicateAssignment', data: { column: 'a', what: 'INSERT column list' }, column: 19 }],
    },
    {
      sql: 'ALTER TABLE t ALTER COLUMN a TYPE int, ALTER COLUMN a TYPE bigint;',
      errors: [{ messageId: 'duplicateSubcommand', data: { column: 'a', what: 'ALTER COLUMN ... TYPE', outcome: 'PostgreSQL refuses the statement.' }, severity: 'error' }],
    },
    {
      name: 'a repeated SET DEFAULT silently keeps the last: a warning',
      sql: 'ALTER TABLE t ALTER COLUMN a SET DEFAULT 1, ALTER COLUMN a SET DEFAULT 2;',
      errors: [{ messageId: 'duplicateSubcommand', data: { what: 'SET DEFAULT' }, severity: 'warning' }],
    },
  ],
});
