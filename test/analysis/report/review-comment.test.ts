import { expect, test } from '@jest/globals';
import type { Finding, RuleFinding } from '../../../src/analysis/finding.js';
import { fenceFor, lockModeName, MAX_BODY_CHARS, planReview, renderFindingComment } from '../../../src/analysis/report/review-comment.js';

function finding(over: Partial<RuleFinding> = {}): RuleFinding {
  return {
    kind: 'rule',
    ruleId: 'require-concurrent-index',
    messageId: 'blocksWrites',
    data: {},
    severity: 'error',
    file: 'db/1.up.sql',
    section: 'up',
    span: { start: 0, end: 10 },
    range: { start: { line: 2, column: 1 }, end: { line: 2, column: 40 } },
    message: 'Building this index blocks writes on `users`.',
    docsUrl: 'https://example.com/rule',
    fingerprint: 'aaaa0000aaaa0000',
    statement: 'CREATE INDEX i ON users (email);',
    lock: { table: 'users', mode: 'ShareLock', blocks: ['writes', 'ddl'] },
    recipe: 'Use `CREATE INDEX CONCURRENTLY`.',
    fix: { title: 'Build the index concurrently', edits: [], lines: { startLine: 2, endLine: 2, text: 'CREATE INDEX CONCURRENTLY i ON users (email);' } },
    ...over,
  };
}

test('an inline comment: marker, lock, recipe, suggestion, docs', () => {
  const body = renderFindingComment(finding(), { suggestion: true });
  expect(body.split('\n')[0]).toBe('<!-- migration-review:finding aaaa0000aaaa0000 -->');
  expect(body).toContain('**Lock:** `SHARE` on `users`: blocks writes and schema changes until the transaction ends.');
  expect(body).toContain('```suggestion\nCREATE INDEX CONCURRENTLY i ON users (email);\n```');
  expect(body).toContain('[Why, and the safe recipe](https://example.com/rule)');
  // Not anchored on the fix's lines: the fix is shown, but not as a suggestion GitHub would apply.
  expect(renderFindingComment(finding(), { suggestion: false })).not.toContain('```suggestion');
});

test('pre-flight and verification queries come collapsed, and go before the suggestion when space runs out', () => {
  const verification = [
    { when: 'before' as const, title: 'duplicate emails', sql: 'SELECT email, count(*) FROM users GROUP BY email HAVING count(*) > 1' },
    { when: 'after' as const, title: 'the index is valid', sql: "SELECT indisvalid FROM pg_index WHERE indexrelid = 'i'::regclass" },
  ];
  const body = renderFindingComment(finding({ verification }), { suggestion: true });
  expect(body).toContain('<details><summary>Pre-flight and verification queries</summary>');
  expect(body).toContain('Before the migration: duplicate emails\n\n```sql\nSELECT email, count(*)');
  expect(body).toContain('After the migration: the index is valid');
  const huge = [{ when: 'before' as const, title: 'big', sql: 'x'.repeat(MAX_BODY_CHARS) }];
  const trimmed = renderFindingComment(finding({ verification: huge }), { suggestion: true });
  expect(trimmed).not.toContain('<details>');
  expect(trimmed).toContain('```suggestion');
});

test('a suggestion holding backticks gets a longer fence', () => {
  expect(fenceFor('a ``` b')).toBe('````');
  const body = renderFindingComment(finding({ fix: { title: 't', edits: [], lines: { startLine: 2, endLine: 2, text: 'SELECT \'```\';' } } }), { suggestion: true });
  expect(body).toContain("````suggestion\nSELECT '```';\n````");
});

test('bodies stay within GitHub limits, dropping the recipe before the suggestion', () => {
  const body = renderFindingComment(finding({ recipe: 'x'.repeat(70_000) }), { suggestion: true });
  expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
  expect(body).toContain('```suggestion');
});

test('lock modes read as in the PostgreSQL docs', () => {
  expect(lockModeName('AccessExclusiveLock')).toBe('ACCESS EXCLUSIVE');
  expect(lockModeName('ShareUpdateExclusiveLock')).toBe('SHARE UPDATE EXCLUSIVE');
});

test('plan: errors first, at most 30 inline, the rest and off-diff findings in the body', () => {
  const many: Finding[] = Array.from({ length: 35 }, (_, i) =>
    finding({ fingerprint: `f${String(i).padStart(7, '0')}`, severity: i % 2 ? 'warning' : 'error', range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 5 } }, fix: undefined }),
  );
  const offDiff = finding({ fingerprint: 'offdiff0', file: 'db/old.sql' });
  const plan = planReview({ findings: [...many, offDiff], headSha: 'c'.repeat(40), anchor: (f) => (f.file === 'db/old.sql' ? undefined : { line: f.range.start.line, suggestion: false }) });
  expect(plan.comments).toHaveLength(30);
  expect(plan.comments.slice(0, 18).every((c) => c.body.includes('**Error**'))).toBe(true);
  expect(plan.comments.every((c) => c.side === 'RIGHT' && c.start_line === undefined)).toBe(true);
  expect(plan.body).toContain('#### Not on a line of this diff');
  expect(plan.body).toContain('<!-- migration-review:finding offdiff0 -->');
  expect(plan.body).toContain('#### Beyond the 30 inline comments of one review');
  expect(plan.inBody).toHaveLength(6);
});

test('multi-line anchors send start_line; single lines never do', () => {
  const plan = planReview({ findings: [finding()], headSha: 'c'.repeat(40), anchor: () => ({ startLine: 2, line: 4, suggestion: false }) });
  expect(plan.comments[0]).toMatchObject({ line: 4, start_line: 2, start_side: 'RIGHT', side: 'RIGHT' });
  expect(planReview({ findings: [], headSha: 'c'.repeat(40), anchor: () => undefined }).body).toBeUndefined();
});
