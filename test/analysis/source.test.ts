import { byteLength, LineIndex } from '../../src/analysis/source.js';

describe('LineIndex', () => {
  it('maps byte offsets of ASCII text', () => {
    const index = new LineIndex('ab\ncd\n');
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(3)).toEqual({ line: 2, column: 1 });
    expect(index.position(4)).toEqual({ line: 2, column: 2 });
    expect(index.lineCount).toBe(3);
  });

  it('counts columns in code points after multi-byte characters', () => {
    const text = '-- é ✓ 😀\nSELECT 1;';
    const index = new LineIndex(text);
    // é is 2 bytes, ✓ 3 bytes, 😀 4 bytes (a surrogate pair in UTF-16).
    expect(byteLength('-- é ✓ 😀\n')).toBe(3 + 2 + 1 + 3 + 1 + 4 + 1);
    const selectAt = byteLength('-- é ✓ 😀\n');
    expect(index.position(selectAt)).toEqual({ line: 2, column: 1 });
    expect(index.position(byteLength('-- é ✓ '))).toEqual({ line: 1, column: 8 });
    expect(index.charIndex(selectAt)).toBe(text.indexOf('SELECT'));
    expect(index.byteOffset(text.indexOf('SELECT'))).toBe(selectAt);
    expect(index.slice({ start: selectAt, end: selectAt + 6 })).toBe('SELECT');
  });

  it('treats CRLF and lone CR as one line break each', () => {
    const index = new LineIndex('a\r\nb\rc\nd');
    expect(index.position(3)).toEqual({ line: 2, column: 1 });
    expect(index.position(5)).toEqual({ line: 3, column: 1 });
    expect(index.position(7)).toEqual({ line: 4, column: 1 });
  });

  it('gives an inclusive end position for a range', () => {
    const index = new LineIndex('SELECT 1;\nSELECT 2;');
    expect(index.range({ start: 0, end: 8 })).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 8 } });
    expect(index.range({ start: 0, end: 10 }).end.line).toBe(1);
    expect(index.range({ start: 10, end: 10 })).toEqual({ start: { line: 2, column: 1 }, end: { line: 2, column: 1 } });
  });

  it('ends a range on a multi-byte last character correctly', () => {
    const text = 'x = \'é\'';
    const index = new LineIndex(text);
    expect(index.range({ start: 0, end: byteLength(text) }).end).toEqual({ line: 1, column: 7 });
  });
});
