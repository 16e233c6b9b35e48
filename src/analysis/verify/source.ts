/**
 * A statement re-read so its pieces can be cut out of the text as written.
 *
 * libpg-query has no deparser, so an expression (a CHECK body, a WHERE clause, an index
 * expression, a USING conversion) is reused as the bytes the author wrote. The statement
 * text is parsed again on its own, so every AST location is a byte offset into that text,
 * and scanned, so parentheses and top-level keywords are found with the real lexer (which
 * knows strings, dollar quotes and comments). Locations are UTF-8 byte offsets: slices are
 * taken from the encoded bytes, never from the JS string.
 */
import { parseSync, scanSync } from 'libpg-query';
import type { Node } from '@pgsql/types';

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Upper-cased keyword text, or '' for identifiers, literals and punctuation. */
  readonly keyword: string;
  /** Parenthesis depth before this token. */
  readonly depth: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A statement's text and AST; with `locationBase` and `span` (as the engine gives them) no re-parse is needed. */
export interface StatementText {
  readonly ast: Node;
  readonly text: string;
  /** Byte offset the AST's `location`s count from, in the same coordinates as `span`. */
  readonly locationBase?: number;
  readonly span?: { readonly start: number };
}

export class StatementSource {
  private scanned: readonly Token[] | undefined;

  private constructor(
    readonly ast: Node,
    private readonly text: string,
    private readonly bytes: Uint8Array,
    /** What to subtract from an AST `location` to get a byte offset into `text`. */
    private readonly locationOffset = 0,
  ) {}

  /**
   * Re-parses `text`. When it does not give back one statement of the same kind (it
   * always should), the given AST is kept and no slices are offered: callers then skip
   * the queries that need the author's expression text.
   */
  static of(stmt: StatementText): { ast: Node; source: StatementSource | undefined } {
    // The engine knows where its AST's locations count from: no second parse needed.
    if (stmt.locationBase !== undefined && stmt.span) {
      return { ast: stmt.ast, source: new StatementSource(stmt.ast, stmt.text, encoder.encode(stmt.text), stmt.span.start - stmt.locationBase) };
    }
    const type = Object.keys(stmt.ast)[0];
    try {
      const parsed = parseSync(stmt.text).stmts ?? [];
      const only = parsed.length === 1 ? parsed[0]?.stmt : undefined;
      if (!only || Object.keys(only)[0] !== type) return { ast: stmt.ast, source: undefined };
      return { ast: only, source: new StatementSource(only, stmt.text, encoder.encode(stmt.text)) };
    } catch {
      return { ast: stmt.ast, source: undefined };
    }
  }

  /**
   * The statement's tokens with parenthesis depth. Scanned on first use: most queries need
   * only AST names, and the scanner costs more than the parse.
   */
  get tokens(): readonly Token[] {
    if (this.scanned) return this.scanned;
    const tokens: Token[] = [];
    let depth = 0;
    try {
      for (const t of scanSync(this.text).tokens) {
        if (t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT') continue;
        const text = decoder.decode(this.bytes.subarray(t.start, t.end));
        if (text === ')') depth--;
        tokens.push({ start: t.start, end: t.end, text, keyword: t.keywordName === 'NO_KEYWORD' ? '' : text.toUpperCase(), depth });
        if (text === '(') depth++;
      }
    } catch {
      // The text parsed, so it scans; an empty list only means no slices are offered.
    }
    this.scanned = tokens;
    return tokens;
  }

  slice(start: number, end: number): string {
    return decoder.decode(this.bytes.subarray(start, end)).trim();
  }

  /** Text of tokens from..to inclusive. */
  sliceTokens(from: number, to: number): string {
    const a = this.tokens[from];
    const b = this.tokens[to];
    return a && b && from <= to ? this.slice(a.start, b.end) : '';
  }

  /** Index of the first token starting at or after `byteOffset`. */
  tokenAt(location: number): number {
    const byteOffset = location - this.locationOffset;
    return this.tokens.findIndex((t) => t.start >= byteOffset);
  }

  /** Index of the first token from `from` that is `keyword` at `depth`, or -1. */
  findKeyword(keyword: string, from = 0, depth = 0): number {
    for (let i = Math.max(0, from); i < this.tokens.length; i++) {
      const t = this.tokens[i] as Token;
      if (t.depth === depth && t.keyword === keyword) return i;
    }
    return -1;
  }

  /** Index of the first `text` punctuation token from `from` at `depth`, or -1. */
  findText(text: string, from = 0, depth = 0): number {
    for (let i = Math.max(0, from); i < this.tokens.length; i++) {
      const t = this.tokens[i] as Token;
      if (t.depth === depth && t.text === text && t.keyword === '') return i;
    }
    return -1;
  }

  /** Index of the `)` closing the `(` at `open`, or -1. */
  closeParen(open: number): number {
    const depth = this.tokens[open]?.depth;
    if (depth === undefined || this.tokens[open]?.text !== '(') return -1;
    for (let i = open + 1; i < this.tokens.length; i++) {
      const t = this.tokens[i] as Token;
      // A `)` carries the depth of its `(` (the depth is taken after closing).
      if (t.depth === depth && t.text === ')') return i;
    }
    return -1;
  }

  /** Inner text of the parenthesized group opening at `open`. */
  groupText(open: number): string | undefined {
    const close = this.closeParen(open);
    return close > open + 1 ? this.sliceTokens(open + 1, close - 1) : undefined;
  }

  /** Comma-separated items of the group opening at `open`, as token index ranges. */
  groupItems(open: number): Array<[number, number]> {
    const close = this.closeParen(open);
    const depth = (this.tokens[open]?.depth ?? 0) + 1;
    const items: Array<[number, number]> = [];
    if (close < 0) return items;
    let start = open + 1;
    for (let i = open + 1; i <= close; i++) {
      const t = this.tokens[i] as Token;
      if (i === close || (t.depth === depth && t.text === ',')) {
        if (i > start) items.push([start, i - 1]);
        start = i + 1;
      }
    }
    return items;
  }

  /** Last token index of the statement, without a trailing `;`. */
  get lastToken(): number {
    let last = this.tokens.length - 1;
    while (last >= 0 && this.tokens[last]?.text === ';') last--;
    return last;
  }

  /** Text from token `from` up to (not including) the first top-level keyword of `stops`, or the end. */
  sliceUntil(from: number, stops: readonly string[]): string {
    let to = this.lastToken;
    for (let i = from; i <= this.lastToken; i++) {
      const t = this.tokens[i] as Token;
      if (t.depth === 0 && stops.includes(t.keyword)) {
        to = i - 1;
        break;
      }
    }
    return this.sliceTokens(from, to);
  }
}
