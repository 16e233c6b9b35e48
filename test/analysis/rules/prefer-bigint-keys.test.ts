import rule from '../../../src/analysis/rules/prefer-bigint-keys.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users, qty integer);',
    'CREATE TABLE orders (id bigserial PRIMARY KEY);',
    // Not a key.
    'ALTER TABLE orders ADD COLUMN qty smallint;',
    // A type change says nothing about keys; the rewrite is another rule's business.
    'ALTER TABLE orders ALTER COLUMN id TYPE integer;',
  ],
  invalid: [
    {
      sql: 'CREATE TABLE orders (id int PRIMARY KEY);',
      errors: [{ messageId: 'smallKey', data: { table: 'orders', column: 'id', keyKind: 'primary key', type: 'int', limit: '2,147,483,647' }, line: 1, column: 25, severity: 'warning' }],
      output: 'CREATE TABLE orders (id bigint PRIMARY KEY);',
    },
    {
      name: 'table-level keys, serial, smallint',
      sql: 'CREATE TABLE memberships (\n  id serial,\n  group_id smallint,\n  PRIMARY KEY (id),\n  FOREIGN KEY (group_id) REFERENCES groups\n);',
      errors: [
        { messageId: 'smallKey', data: { column: 'id', keyKind: 'primary key', type: 'serial' }, line: 2, column: 6 },
        { messageId: 'smallKey', data: { column: 'group_id', keyKind: 'foreign key', type: 'smallint', limit: '32,767' }, line: 3, column: 12 },
      ],
      output: 'CREATE TABLE memberships (\n  id bigserial,\n  group_id smallint,\n  PRIMARY KEY (id),\n  FOREIGN KEY (group_id) REFERENCES groups\n);',
    },
    {
      sql: 'ALTER TABLE orders ADD COLUMN user_id integer REFERENCES users (id);',
      errors: [{ messageId: 'smallKey', data: { column: 'user_id', keyKind: 'foreign key', type: 'integer' } }],
      output: 'ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);',
    },
    {
      name: 'a multi-token spelling is reported without a fix',
      sql: 'CREATE TABLE t (id pg_catalog.int4 PRIMARY KEY);',
      errors: [{ messageId: 'smallKey', data: { type: 'int4' } }],
      output: null,
    },
  ],
});
