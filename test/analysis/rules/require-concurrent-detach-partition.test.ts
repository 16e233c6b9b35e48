import rule from '../../../src/analysis/rules/require-concurrent-detach-partition.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    'ALTER TABLE measurements DETACH PARTITION measurements_2024 CONCURRENTLY;',
    'ALTER TABLE measurements DETACH PARTITION measurements_2024 FINALIZE;',
    // Attaching is another matter (SHARE UPDATE EXCLUSIVE on the parent from 12).
    "ALTER TABLE measurements ATTACH PARTITION m2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
    // A partitioned table created in this migration is new.
    "CREATE TABLE m (at date) PARTITION BY RANGE (at);\nCREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\nALTER TABLE m DETACH PARTITION m1;",
  ],
  invalid: [
    ...[14, 15, 16, 17, 18].map((postgresVersion) => ({
      name: `PostgreSQL ${postgresVersion} has CONCURRENTLY`,
      sql: 'ALTER TABLE measurements DETACH PARTITION measurements_2024;',
      postgresVersion,
      errors: [
        {
          messageId: 'locksParent',
          data: { partition: 'measurements_2024', table: 'measurements', lock: 'ACCESS EXCLUSIVE (blocks reads and writes)' },
          line: 1,
          column: 1,
          severity: 'warning' as const,
        },
      ],
    })),
    ...[11, 12, 13].map((postgresVersion) => ({
      name: `PostgreSQL ${postgresVersion}: no concurrent form yet`,
      sql: 'ALTER TABLE measurements DETACH PARTITION measurements_2024;',
      postgresVersion,
      errors: [{ messageId: 'locksParentNoConcurrent', data: { version: postgresVersion } }],
    })),
    {
      name: 'a big parent is an error',
      sql: 'ALTER TABLE public.measurements DETACH PARTITION public.measurements_2024;',
      tables: { measurements: { rows: 900_000_000 } },
      errors: [{ messageId: 'locksParent', data: { table: 'public.measurements', partition: 'public.measurements_2024' }, severity: 'error' }],
    },
  ],
});
