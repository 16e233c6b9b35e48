/**
 * Ignore and irreversible annotations, end to end through analyzeMigrations: a working ignore
 * silences its rule (more cases in the rules' own tests), a broken one is reported where it is
 * written, as an `invalid-directive` warning, so a typo never silently ignores nothing.
 */
import { analyzeMigrations } from '../../src/analysis/index.js';
import type { Finding } from '../../src/analysis/finding.js';
import { rules } from '../../src/analysis/rules/index.js';
import { migrationOf } from '../helpers/rule-tester.js';

async function findingsOf(sql: string): Promise<Finding[]> {
  const result = await analyzeMigrations([migrationOf(sql)], { postgresVersion: 16, requireLockTimeout: false }, [
    rules['require-concurrent-index-drop'],
    rules['require-irreversible-annotation'],
  ]);
  return [...result.findings];
}

const summary = (findings: readonly Finding[]) =>
  findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, line: f.range.start.line, column: f.range.start.column }));

describe('migration-review annotations', () => {
  it('an ignore with a reason silences the named rule on the next statement, and nothing else', async () => {
    const findings = await findingsOf(
      '-- migration-review:ignore require-concurrent-index-drop -- a 200-row lookup table\nDROP INDEX countries_code_idx;\nDROP INDEX orders_status_idx;',
    );
    expect(summary(findings)).toEqual([{ ruleId: 'require-concurrent-index-drop', severity: 'error', line: 3, column: 1 }]);
  });

  it('an ignore without a reason still applies, but is reported at the comment', async () => {
    const findings = await findingsOf('  -- migration-review:ignore require-concurrent-index-drop\nDROP INDEX countries_code_idx;');
    expect(summary(findings)).toEqual([{ ruleId: 'invalid-directive', severity: 'warning', line: 1, column: 3 }]);
    expect(findings[0]?.message).toContain('needs a reason');
  });

  it('an unknown rule name is reported and ignores nothing', async () => {
    const findings = await findingsOf('-- migration-review:ignore require-concurent-index-drop -- typo\nDROP INDEX countries_code_idx;');
    expect(summary(findings)).toEqual([
      { ruleId: 'invalid-directive', severity: 'warning', line: 1, column: 1 },
      { ruleId: 'require-concurrent-index-drop', severity: 'error', line: 2, column: 1 },
    ]);
    expect(findings[0]?.message).toContain('`require-concurent-index-drop` is not a migration-review rule');
  });

  it('an irreversible annotation without a reason is reported, and still marks the statement', async () => {
    const findings = await findingsOf('-- migration-review: irreversible\nALTER TABLE users DROP COLUMN legacy_id;');
    expect(summary(findings)).toEqual([{ ruleId: 'invalid-directive', severity: 'warning', line: 1, column: 1 }]);
    expect(findings[0]?.message).toContain('needs a reason');
  });

  it('an unknown annotation is reported', async () => {
    const findings = await findingsOf('-- migration-review: irreversable oops\nSELECT 1;');
    expect(summary(findings)).toEqual([{ ruleId: 'invalid-directive', severity: 'warning', line: 1, column: 1 }]);
    expect(findings[0]?.message).toContain('`migration-review: irreversable` is not a known annotation');
  });

  it('ignore-file silences the rule in the whole file', async () => {
    const findings = await findingsOf(
      '-- migration-review:ignore-file require-concurrent-index-drop -- maintenance window\nDROP INDEX a_idx;\nDROP INDEX b_idx;',
    );
    expect(findings).toEqual([]);
  });
});
