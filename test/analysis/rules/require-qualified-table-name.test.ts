import rule from '../../../src/analysis/rules/require-qualified-table-name.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const on = { options: { rules: { 'require-qualified-table-name': 'warning' as const } } };

ruleTester.run(rule, {
  valid: [
    // Opt-in: nothing unless the config names the rule.
    'CREATE TABLE users (id bigint);',
    { ...on, sql: 'CREATE TABLE app.users (id bigint REFERENCES app.accounts);' },
    { ...on, sql: 'ALTER TABLE app.users ADD COLUMN a int;\nDROP TABLE app.old;' },
    // CTE names and temporary tables have no schema to give.
    { ...on, sql: 'WITH recent AS (SELECT id FROM app.orders) DELETE FROM app.carts WHERE id IN (SELECT id FROM recent);' },
    { ...on, sql: 'CREATE TEMP TABLE scratch (id int);' },
    // The file pins search_path itself.
    { ...on, sql: "SET search_path = app;\nCREATE TABLE users (id bigint);" },
  ],
  invalid: [
    {
      ...on,
      sql: 'CREATE TABLE users (id bigint);',
      errors: [{ messageId: 'unqualifiedTable', data: { table: 'users' }, line: 1, column: 14, severity: 'warning' }],
    },
    {
      ...on,
      name: 'every unqualified relation, once each',
      sql: 'CREATE INDEX i ON orders (user_id);\nALTER TABLE app.orders ADD FOREIGN KEY (user_id) REFERENCES users;\nDROP TABLE IF EXISTS legacy, app.old;',
      errors: [
        { messageId: 'unqualifiedTable', data: { table: 'orders' }, line: 1, column: 19 },
        { messageId: 'unqualifiedTable', data: { table: 'users' }, line: 2, column: 61 },
        { messageId: 'unqualifiedTable', data: { table: 'legacy' }, line: 3, column: 22 },
      ],
    },
    {
      ...on,
      options: { rules: { 'require-qualified-table-name': 'error' } },
      sql: 'UPDATE users SET a = 1 FROM app.accounts WHERE users.id = accounts.user_id;',
      errors: [{ messageId: 'unqualifiedTable', data: { table: 'users' }, severity: 'error' }],
    },
  ],
});
