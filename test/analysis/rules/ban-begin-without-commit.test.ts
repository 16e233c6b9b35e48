import rule from '../../../src/analysis/rules/ban-begin-without-commit.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Closed blocks, in every spelling.
    'BEGIN;\nCREATE TABLE t (id bigint);\nCOMMIT;',
    'START TRANSACTION;\nSELECT 1;\nEND;',
    'BEGIN;\nSELECT 1;\nROLLBACK;',
    "BEGIN;\nSELECT 1;\nPREPARE TRANSACTION 'm1';",
    // The runner wraps the file and commits it; the stray BEGIN is ban-nested-transaction's finding.
    { sql: 'BEGIN;\nCREATE TABLE t (id bigint);', txMode: 'per-file', format: 'goose' },
    // BEGIN inside a function body is PL/pgSQL, not transaction control.
    "DO $$ BEGIN PERFORM 1; END $$;",
  ],
  invalid: [
    {
      sql: 'BEGIN;\nALTER TABLE users ADD COLUMN a text;',
      errors: [{ messageId: 'beginWithoutCommit', data: { keyword: 'BEGIN' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'COMMIT AND CHAIN opens the next transaction at once',
      sql: 'SELECT 1;\n  start transaction;\nUPDATE t SET a = 1;\nCOMMIT AND CHAIN;',
      errors: [{ messageId: 'beginWithoutCommit', data: { keyword: 'START' }, line: 2, column: 3 }],
    },
    {
      name: 'the down is checked too',
      sql: 'CREATE TABLE t (id bigint);',
      down: 'BEGIN;\nDROP TABLE t;',
      errors: [{ messageId: 'beginWithoutCommit', section: 'down', line: 1 }],
    },
  ],
});
