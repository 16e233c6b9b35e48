/** The engine attaches each statement's verification queries to its rule findings. */
import { analyze } from '../../../src/analysis/index.js';
import type { RuleFinding } from '../../../src/analysis/finding.js';

const ruleFindings = async (text: string) =>
  (await analyze([{ path: 'db/migrations/20240101000000_add_things.sql', text }])).findings.filter((f): f is RuleFinding => f.kind === 'rule');

it('a finding on CREATE UNIQUE INDEX carries the duplicates and validity queries', async () => {
  const findings = await ruleFindings('CREATE UNIQUE INDEX users_email_key ON users (email);\n');
  const finding = findings.find((f) => f.ruleId === 'require-concurrent-index');
  expect(finding?.verification?.map((q) => q.when)).toEqual(['before', 'after']);
  expect(finding?.verification?.[0]?.sql).toContain('GROUP BY 1 HAVING count(*) > 1');
  expect(JSON.parse(JSON.stringify(finding))).toEqual(finding);
});

it('drops before-queries on a table the migration creates', async () => {
  const findings = await ruleFindings('CREATE TABLE t (a int);\nALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0);\nALTER TABLE t ALTER COLUMN a SET NOT NULL;\n');
  for (const f of findings) expect(f.verification?.filter((q) => q.when === 'before') ?? []).toEqual([]);
});
