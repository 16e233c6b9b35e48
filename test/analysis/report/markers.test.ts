import { expect, test } from '@jest/globals';
import { findingMarker, parseFindingMarkers, parseMarkedFindings, parseReviewMarker, reviewMarker } from '../../../src/analysis/report/markers.js';

test('markers round-trip and are hidden HTML comments', () => {
  expect(findingMarker('0123456789abcdef')).toBe('<!-- migration-review:finding 0123456789abcdef -->');
  expect(parseFindingMarkers(`a ${findingMarker('aaaa1111')} b ${findingMarker('bbbb2222')} ${findingMarker('aaaa1111')}`)).toEqual(['aaaa1111', 'bbbb2222']);
  expect(parseReviewMarker(reviewMarker('a'.repeat(40)))).toBe('a'.repeat(40));
  expect(() => findingMarker('--> <script>')).toThrow();
});

test('marked findings carry their description, from the same line or the next', () => {
  const inline = `${findingMarker('aaaa1111')}\n🛑 **Error** \`require-concurrent-index\`: blocks writes`;
  const entry = `- ${findingMarker('bbbb2222')}⚠️ **Warning** \`require-lock-timeout\` in \`a.sql\` line 2: no timeout ([docs](https://x))`;
  expect(parseMarkedFindings(`${inline}\n\n${entry}`)).toEqual([
    { fingerprint: 'aaaa1111', description: '`require-concurrent-index`: blocks writes' },
    { fingerprint: 'bbbb2222', description: '`require-lock-timeout` in `a.sql` line 2: no timeout' },
  ]);
});
