import rule from '../../../src/analysis/rules/ban-exclusion-constraint.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    // In CREATE TABLE the index is built on an empty table.
    'CREATE TABLE bookings (room_id int, during tstzrange, EXCLUDE USING gist (room_id WITH =, during WITH &&));',
    // A table created earlier in the same migration.
    'CREATE TABLE b2 (during tstzrange);\nALTER TABLE b2 ADD CONSTRAINT b2_no_overlap EXCLUDE USING gist (during WITH &&);',
    // Other constraints are other rules' business.
    'ALTER TABLE bookings ADD CONSTRAINT bookings_room_check CHECK (room_id > 0) NOT VALID;',
  ],
  invalid: [
    {
      sql: 'ALTER TABLE bookings ADD CONSTRAINT bookings_room_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);',
      errors: [
        {
          messageId: 'buildsUnderExclusiveLock',
          data: { name: ' `bookings_room_no_overlap`', table: 'bookings', lock: 'ACCESS EXCLUSIVE (blocks reads and writes)' },
          line: 1,
          column: 1,
        },
      ],
    },
    {
      name: 'unnamed, on a big table',
      sql: 'ALTER TABLE bookings ADD EXCLUDE USING gist (during WITH &&);',
      tables: { bookings: { rows: 2_000_000 } },
      errors: [{ messageId: 'buildsUnderExclusiveLock', data: { name: '' }, severity: 'error' }],
    },
  ],
});
