import { expect, test } from '@jest/globals';
import { DiffIndex, parsePatch } from '../../src/github/diff/patch.js';

test('RIGHT-side hunk ranges: added and context lines, not deleted ones', () => {
  const patch = '@@ -1,3 +1,4 @@\n a\n-b\n+c\n+d\n e\n@@ -20,2 +21,3 @@\n x\n+y\n z\n\\ No newline at end of file';
  expect(parsePatch(patch)).toEqual([
    { start: 1, end: 4 },
    { start: 21, end: 23 },
  ]);
  expect(parsePatch(undefined)).toEqual([]);
  expect(parsePatch('@@ -0,0 +1 @@\n+only')).toEqual([{ start: 1, end: 1 }]);
});

test('anchors: fix lines, whole range, the part in a hunk, or nothing', () => {
  const diff = new DiffIndex([{ path: 'a.sql', patch: '@@ -1,3 +1,4 @@\n a\n-b\n+c\n+d\n e' }, { path: 'gone.sql', status: 'removed' }]);
  const base = { kind: 'parse-error', ruleId: 'syntax-error', section: 'up', severity: 'error', file: 'a.sql', span: { start: 0, end: 0 }, message: '', fingerprint: 'ffff' } as const;
  const at = (s: number, e: number) => ({ ...base, range: { start: { line: s, column: 1 }, end: { line: e, column: 1 } } });
  expect(diff.anchor(at(2, 3))).toEqual({ startLine: 2, line: 3, suggestion: false });
  expect(diff.anchor(at(4, 4))).toEqual({ line: 4, suggestion: false });
  expect(diff.anchor(at(3, 9))).toEqual({ startLine: 3, line: 4, suggestion: false });
  expect(diff.anchor(at(7, 9))).toBeUndefined();
  expect(diff.anchor({ ...at(1, 1), file: 'gone.sql' })).toBeUndefined();
});
