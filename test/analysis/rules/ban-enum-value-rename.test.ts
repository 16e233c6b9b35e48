import rule from '../../../src/analysis/rules/ban-enum-value-rename.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // Adding a value breaks nobody (its transaction rules are another rule's business).
    "ALTER TYPE order_status ADD VALUE 'refunded';",
    // The type is created in the same migration: no code uses it yet.
    "CREATE TYPE mood AS ENUM ('sad', 'happy');\nALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';",
  ],
  invalid: [
    {
      sql: "ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';",
      errors: [{ messageId: 'renameValue', data: { type: 'order_status', oldValue: 'canceled', newValue: 'cancelled' }, line: 1, column: 1, severity: 'error' }],
    },
    {
      name: 'a same-named type created in another schema does not count',
      sql: "CREATE TYPE other.mood AS ENUM ('sad');\nALTER TYPE public.mood RENAME VALUE 'sad' TO 'blue';",
      errors: [{ messageId: 'renameValue', data: { type: 'public.mood' }, line: 2, column: 1 }],
    },
  ],
});
