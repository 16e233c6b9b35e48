import { describe, expect, test } from '@jest/globals';
import { EMPTY_STATE, parseChecklist, type ChecklistItem } from '../../src/analysis/checklist/index.js';
import { MAX_COMMENT_CHARS, renderComment } from '../../src/github/checklist/comment.js';
import type { ChecklistSnapshot } from '../../src/github/checklist/check-text.js';

const item = (i: number, withQueries: boolean): ChecklistItem => ({
  id: i.toString(16).padStart(12, '0'),
  kind: 'lock',
  text: `ACCESS EXCLUSIVE on \`orders_${i}\` (blocks reads and writes) accepted (\`db/migrations/2024${String(i).padStart(10, '0')}_m${i}.up.sql\` line 3)`,
  ...(withQueries ? { queries: [{ when: 'before' as const, title: 'orphans before the foreign key', sql: `SELECT count(*) FROM orders_${i} o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.id IS NULL AND o.customer_id IS NOT NULL;` }] } : {}),
});
const snapshot = (items: ChecklistItem[]): ChecklistSnapshot => ({ version: 1, pr: 1, head: 'a'.repeat(40), errors: 0, policy: { allowAuthor: false, teams: [] }, items });

describe('the checklist comment stays within GitHub\'s 65,536 characters', () => {
  test('a short checklist keeps its queries', () => {
    const body = renderComment(snapshot([item(1, true)]), EMPTY_STATE);
    expect(body).toContain('Pre-flight and verification queries');
    expect(body).not.toContain('left out');
  });

  test('a checklist too long with its queries (the 150-file benchmark: 300 risk items) drops them and keeps every item', () => {
    const items = Array.from({ length: 300 }, (_, i) => item(i, true));
    const body = renderComment(snapshot(items), EMPTY_STATE);
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(body).toContain('The pre-flight and verification queries are left out');
    expect([...parseChecklist(body).keys()]).toEqual(items.map((i) => i.id));
  });
});
