import { expect, test } from '@jest/globals';
import type { Finding } from '../../../src/analysis/finding.js';
import { findingsTitle, inBatches, MAX_SUMMARY_CHARS, renderAnnotations, renderCheckSummary } from '../../../src/analysis/report/check-summary.js';

function finding(i: number, severity: Finding['severity'] = 'error', multiLine = false): Finding {
  return {
    kind: 'parse-error',
    ruleId: 'syntax-error',
    section: 'up',
    severity,
    file: `db/${i}.sql`,
    span: { start: 0, end: 1 },
    range: { start: { line: 3, column: 2 }, end: { line: multiLine ? 5 : 3, column: 9 } },
    message: `broken | statement ${i}\nsecond line`,
    fingerprint: `fp${String(i).padStart(6, '0')}`,
  };
}

test('titles count severities', () => {
  expect(findingsTitle([finding(1), finding(2, 'warning'), finding(3, 'info')], 2)).toBe('1 error, 1 warning, 1 info in 2 migrations');
  expect(findingsTitle([], 1)).toBe('No problems found in 1 migration');
});

test('summary: table with escaped cells, resolved findings, notes; capped at 65,535', () => {
  const summary = renderCheckSummary({ headSha: 'a'.repeat(40), findings: [finding(1)], migrations: ['db/1.sql'], resolved: [{ fingerprint: 'x', description: '`rule`: gone', path: 'db/0.sql' }], notes: ['a note'] });
  expect(summary).toContain('| error | `db/1.sql` | 3 | `syntax-error` |  |  | broken \\| statement 1 second line |');
  expect(summary).toContain('### Resolved since the last review\n\n- `rule`: gone in `db/0.sql`');
  expect(summary).toContain('### Notes\n\na note');
  const huge = renderCheckSummary({ headSha: 'a'.repeat(40), findings: Array.from({ length: 3000 }, (_, i) => finding(i)), migrations: ['db/1.sql'] });
  expect(huge.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
  expect(huge).toMatch(/_…and \d+ more findings: see the annotations._/);
});

test('annotations: levels, columns only on one line, batches of 50', () => {
  const [one, multi] = renderAnnotations([finding(1), finding(2, 'warning', true)]);
  expect(one).toMatchObject({ path: 'db/1.sql', start_line: 3, end_line: 3, start_column: 2, end_column: 9, annotation_level: 'failure', title: 'syntax-error' });
  expect(multi).toMatchObject({ start_line: 3, end_line: 5, annotation_level: 'warning' });
  expect(multi).not.toHaveProperty('start_column');
  expect(inBatches(Array.from({ length: 120 }, (_, i) => i)).map((b) => b.length)).toEqual([50, 50, 20]);
});
