/**
 * Positions in migration text. libpg-query reports UTF-8 byte offsets; editors, GitHub and
 * SARIF speak in lines and columns. Everything in analysis keeps byte spans and converts
 * through LineIndex only when a finding is built, so non-ASCII text never shifts a position.
 */

/** A half-open range [start, end) of UTF-8 byte offsets into one file's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** 1-based line and 1-based column, the column counted in Unicode code points. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

const encoder = new TextEncoder();

/** UTF-8 length of a string, without allocating for pure ASCII. */
export function byteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++; // a surrogate pair is one code point of four bytes
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Maps UTF-8 byte offsets to line/column and to string (UTF-16) indices. Lines end at
 * "\n", "\r\n" or a lone "\r", as editors count them.
 */
export class LineIndex {
  /** Byte offset where each line starts. */
  private readonly lineStartBytes: number[] = [0];
  /** UTF-16 index where each line starts. */
  private readonly lineStartChars: number[] = [0];
  private readonly isAscii: boolean;

  constructor(readonly text: string) {
    let bytes = 0;
    let ascii = true;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) { bytes += 2; ascii = false; }
      else if (c >= 0xd800 && c <= 0xdbff) { bytes += 4; i++; ascii = false; }
      else { bytes += 3; ascii = false; }
      const isBreak = c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a);
      if (isBreak) {
        this.lineStartBytes.push(bytes);
        this.lineStartChars.push(i + 1);
      }
    }
    this.isAscii = ascii;
    this.totalBytes = bytes;
  }

  readonly totalBytes: number;

  get lineCount(): number {
    return this.lineStartBytes.length;
  }

  /** The 0-based line holding a byte offset. */
  private lineOfByte(byteOffset: number): number {
    const starts = this.lineStartBytes;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= byteOffset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** String index of a byte offset (offsets inside a multi-byte character round down). */
  charIndex(byteOffset: number): number {
    const offset = Math.max(0, Math.min(byteOffset, this.totalBytes));
    if (this.isAscii) return offset;
    const line = this.lineOfByte(offset);
    let bytes = this.lineStartBytes[line] as number;
    let i = this.lineStartChars[line] as number;
    while (i < this.text.length && bytes < offset) {
      const c = this.text.charCodeAt(i);
      const width = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : 3;
      if (bytes + width > offset) break;
      bytes += width;
      i += width === 4 ? 2 : 1;
    }
    return i;
  }

  /** Byte offset of a string index. */
  byteOffset(charIndex: number): number {
    if (this.isAscii) return charIndex;
    return byteLength(this.text.slice(0, charIndex));
  }

  position(byteOffset: number): Position {
    const offset = Math.max(0, Math.min(byteOffset, this.totalBytes));
    const line = this.lineOfByte(offset);
    if (this.isAscii) return { line: line + 1, column: offset - (this.lineStartBytes[line] as number) + 1 };
    const from = this.lineStartChars[line] as number;
    const to = this.charIndex(offset);
    let column = 1;
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) i++;
      column++;
    }
    return { line: line + 1, column };
  }

  /**
   * The range of a span. The end position is inclusive of the last character, so a
   * statement on one line reads `1:1-1:30`; an empty span ends where it starts.
   */
  range(span: Span): Range {
    const start = this.position(span.start);
    if (span.end <= span.start) return { start, end: start };
    const endChar = this.charIndex(span.end);
    // Step back one code point so the end names the last character, not the one after it.
    const lastChar = endChar - (isLowSurrogate(this.text.charCodeAt(endChar - 1)) ? 2 : 1);
    return { start, end: this.position(this.byteOffset(lastChar)) };
  }

  slice(span: Span): string {
    return this.text.slice(this.charIndex(span.start), this.charIndex(span.end));
  }

  /** Byte offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.lineStartBytes[Math.max(0, Math.min(line - 1, this.lineStartBytes.length - 1))] as number;
  }
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}
