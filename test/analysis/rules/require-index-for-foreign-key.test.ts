import rule from '../../../src/analysis/rules/require-index-for-foreign-key.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // An index created later in the migration.
    'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nCREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);',
    // ... or earlier, with more columns after the FK's.
    'CREATE INDEX orders_user_created_idx ON orders (user_id, created_at);\nALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);',
    // A composite FK served by an index with the same leading columns in another order.
    'CREATE INDEX ON order_items (product_id, order_id);\nALTER TABLE order_items ADD FOREIGN KEY (order_id, product_id) REFERENCES order_products (order_id, product_id);',
    // The PRIMARY KEY or UNIQUE constraint of CREATE TABLE leads with the FK column.
    'CREATE TABLE memberships (user_id bigint REFERENCES users, team_id bigint REFERENCES teams, PRIMARY KEY (user_id, team_id), UNIQUE (team_id, user_id));',
    'CREATE TABLE profiles (user_id bigint PRIMARY KEY REFERENCES users (id), bio text);',
    // Schema-qualified and unqualified names are one table.
    'ALTER TABLE public.orders ADD FOREIGN KEY (user_id) REFERENCES users;\nCREATE INDEX ON orders (user_id);',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;',
      errors: [{ messageId: 'missingIndex', data: { table: 'orders', columns: 'user_id', parent: 'users' }, line: 1, column: 1, severity: 'warning' }],
    },
    {
      name: 'inline REFERENCES in CREATE TABLE: a new table still grows',
      sql: 'CREATE TABLE sessions (\n  id bigint PRIMARY KEY,\n  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE\n);',
      errors: [{ messageId: 'missingIndex', data: { table: 'sessions', columns: 'user_id', parent: 'users' }, line: 1 }],
    },
    {
      name: 'ADD COLUMN ... REFERENCES',
      sql: 'ALTER TABLE orders ADD COLUMN product_id integer REFERENCES products (id);',
      errors: [{ messageId: 'missingIndex', data: { columns: 'product_id', parent: 'products' } }],
    },
    {
      name: 'a partial index does not count, nor an index where the FK column is not leading',
      sql: 'CREATE INDEX ON orders (user_id) WHERE deleted_at IS NULL;\nCREATE INDEX ON orders (created_at, user_id);\nALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users;',
      errors: [{ messageId: 'missingIndex', line: 3 }],
    },
    {
      name: 'composite key: only part of it indexed; the other FK of the table is covered',
      sql: 'CREATE TABLE items (order_id bigint, line int, product_id bigint REFERENCES products, FOREIGN KEY (order_id, line) REFERENCES order_lines, PRIMARY KEY (product_id, order_id));',
      errors: [{ messageId: 'missingIndex', data: { columns: 'order_id, line', parent: 'order_lines' } }],
    },
  ],
});
