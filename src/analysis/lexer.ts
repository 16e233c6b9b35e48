/**
 * A small SQL lexer over UTF-8 bytes: just enough to find comments, top-level semicolons
 * and where real tokens start. libpg-query's own scanner does this too, but costs more
 * than the parse itself (measured on ../shared/corpus: 658 ms to scan vs 388 ms to
 * parse), and it runs on every file; this pass is a single loop over bytes.
 * Every delimiter it cares about is ASCII, so offsets are UTF-8 byte offsets, as the
 * parser's are.
 */
import type { Span } from './source.js';

export interface Trivia {
  /** Comments, in order: spans and whether each is a `--` line comment. */
  readonly comments: readonly (Span & { readonly line: boolean })[];
  /** Byte offsets of semicolons outside strings, identifiers and comments. */
  readonly semicolons: readonly number[];
  /** An unterminated string, identifier, dollar quote or comment starts here. */
  readonly unterminatedAt?: number;
}

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c || b === 0x0b;
const isIdentStart = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b >= 0x80;
const isIdentChar = (b: number) => isIdentStart(b) || (b >= 0x30 && b <= 0x39) || b === 0x24;

export function lex(bytes: Uint8Array): Trivia {
  const comments: (Span & { line: boolean })[] = [];
  const semicolons: number[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    const next = bytes[i + 1];
    if (b === 0x2d && next === 0x2d) {
      const start = i;
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
      comments.push({ start, end: i, line: true });
    } else if (b === 0x2f && next === 0x2a) {
      // Block comments nest in PostgreSQL.
      const start = i;
      let depth = 0;
      while (i < n) {
        if (bytes[i] === 0x2f && bytes[i + 1] === 0x2a) { depth++; i += 2; }
        else if (bytes[i] === 0x2a && bytes[i + 1] === 0x2f) { depth--; i += 2; if (depth === 0) break; }
        else i++;
      }
      if (depth > 0) return { comments, semicolons, unterminatedAt: start };
      comments.push({ start, end: i, line: false });
    } else if (b === 0x27) {
      const start = i;
      const prev = bytes[i - 1];
      const escapes = (prev === 0x45 || prev === 0x65) && !isIdentChar(bytes[i - 2] ?? 0x20);
      i++;
      let closed = false;
      while (i < n) {
        const c = bytes[i] as number;
        if (escapes && c === 0x5c) { i += 2; continue; }
        if (c === 0x27) {
          if (bytes[i + 1] === 0x27) { i += 2; continue; }
          i++;
          closed = true;
          break;
        }
        i++;
      }
      if (!closed) return { comments, semicolons, unterminatedAt: start };
    } else if (b === 0x22) {
      const start = i;
      i++;
      let closed = false;
      while (i < n) {
        if (bytes[i] === 0x22) {
          if (bytes[i + 1] === 0x22) { i += 2; continue; }
          i++;
          closed = true;
          break;
        }
        i++;
      }
      if (!closed) return { comments, semicolons, unterminatedAt: start };
    } else if (b === 0x24 && !isIdentChar(bytes[i - 1] ?? 0x20)) {
      // $tag$ ... $tag$; `$1` is a parameter, not a quote.
      let j = i + 1;
      if (j < n && isIdentStart(bytes[j] as number)) while (j < n && isIdentChar(bytes[j] as number) && bytes[j] !== 0x24) j++;
      if (bytes[j] !== 0x24) { i++; continue; }
      const tag = bytes.subarray(i, j + 1);
      const start = i;
      i = j + 1;
      let closed = false;
      while (i < n) {
        if (bytes[i] === 0x24 && matches(bytes, i, tag)) { i += tag.length; closed = true; break; }
        i++;
      }
      if (!closed) return { comments, semicolons, unterminatedAt: start };
    } else if (b === 0x3b) {
      semicolons.push(i);
      i++;
    } else if (isIdentStart(b)) {
      // Skip the whole word so an E or a $ inside it is not taken for a quote prefix.
      while (i < n && isIdentChar(bytes[i] as number)) i++;
    } else {
      i++;
    }
  }
  return { comments, semicolons };
}

function matches(bytes: Uint8Array, at: number, tag: Uint8Array): boolean {
  for (let k = 0; k < tag.length; k++) if (bytes[at + k] !== tag[k]) return false;
  return true;
}

/** The first byte at or after `from` that is neither white space nor inside a comment. */
export function skipTrivia(bytes: Uint8Array, trivia: Trivia, from: number, to: number): number {
  let i = from;
  while (i < to) {
    if (isSpace(bytes[i] as number)) { i++; continue; }
    const comment = trivia.comments[firstCommentAtOrAfter(trivia, i)];
    if (comment && comment.start === i) { i = comment.end; continue; }
    break;
  }
  return i;
}

/** The end of the last byte before `to` (and after `from`) that is neither white space nor comment. */
export function trimTrivia(bytes: Uint8Array, trivia: Trivia, from: number, to: number): number {
  let end = to;
  for (;;) {
    while (end > from && isSpace(bytes[end - 1] as number)) end--;
    const comment = lastCommentEndingAt(trivia, end);
    if (comment && comment.start >= from) { end = comment.start; continue; }
    return end;
  }
}

function firstCommentAtOrAfter(trivia: Trivia, at: number): number {
  const list = trivia.comments;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Span).start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lastCommentEndingAt(trivia: Trivia, end: number): Span | undefined {
  const list = trivia.comments;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Span).end <= end) lo = mid + 1;
    else hi = mid;
  }
  const candidate = list[lo - 1];
  return candidate && candidate.end === end ? candidate : undefined;
}
