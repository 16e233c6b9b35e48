import rule from '../../../src/analysis/rules/ban-nested-transaction.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // One block, opened and closed, where the runner does not wrap the file.
    'BEGIN;\nCREATE TABLE t (id bigint);\nCOMMIT;',
    'BEGIN;\nSAVEPOINT s1;\nSELECT 1;\nRELEASE SAVEPOINT s1;\nCOMMIT;',
    'BEGIN;\nSELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;\nCOMMIT;',
    // The runner's own transaction with no transaction control in the file.
    { sql: 'CREATE TABLE t (id bigint);', txMode: 'per-file', format: 'goose' },
    // COMMIT AND CHAIN keeps a block open: nothing stray.
    'BEGIN;\nSELECT 1;\nCOMMIT AND CHAIN;\nSELECT 2;\nCOMMIT;',
  ],
  invalid: [
    {
      sql: 'BEGIN;\nSELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;',
      errors: [{ messageId: 'nestedBegin', data: { keyword: 'BEGIN' }, line: 3, column: 1, severity: 'error' }],
    },
    {
      name: 'goose already wraps the file: the advice names goose and its switch',
      sql: 'BEGIN;\nCREATE INDEX i ON t (a);\nCOMMIT;',
      txMode: 'per-file',
      format: 'goose',
      errors: [
        {
          messageId: 'beginInRunnerTransaction',
          data: { keyword: 'BEGIN', format: 'goose', manageYourself: ' (or, to manage the transaction yourself, add `-- +goose NO TRANSACTION` at the top of the file).' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      name: 'a COMMIT alone ends the runner transaction early',
      sql: 'CREATE TABLE t (id bigint);\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (id);',
      txMode: 'per-file',
      format: 'goose',
      errors: [{ messageId: 'endsRunnerTransaction', data: { keyword: 'COMMIT', format: 'goose' }, line: 2 }],
    },
    {
      name: 'a ROLLBACK throws the migration away',
      sql: 'UPDATE t SET a = 1;\nROLLBACK;',
      txMode: 'per-file',
      format: 'goose',
      errors: [{ messageId: 'endsRunnerTransaction', data: { keyword: 'ROLLBACK', consequence: 'everything before it is thrown away, yet the migration is recorded as applied.' } }],
    },
    {
      name: 'a stray COMMIT in autocommit only warns',
      sql: 'SELECT 1;\nEND;',
      errors: [{ messageId: 'endWithoutBegin', data: { keyword: 'END' }, line: 2, severity: 'warning' }],
    },
    {
      sql: 'SAVEPOINT before_backfill;\nUPDATE t SET a = 1;',
      errors: [{ messageId: 'savepointOutsideTransaction', data: { keyword: 'SAVEPOINT' }, line: 1 }],
    },
    {
      name: 'BEGIN after a per-file COMMIT: the block the runner opened is gone, the second COMMIT has nothing to end',
      sql: 'BEGIN;\nSELECT 1;\nCOMMIT;\nCOMMIT;',
      txMode: 'per-file',
      format: 'goose',
      errors: [{ messageId: 'beginInRunnerTransaction', line: 1 }, { messageId: 'endsRunnerTransaction', line: 4 }],
    },
  ],
});
