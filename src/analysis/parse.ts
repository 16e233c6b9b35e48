/**
 * The real PostgreSQL parser (libpg-query, WASM) with exact statement spans.
 *
 * libpg-query reports `stmt_location`/`stmt_len` as UTF-8 byte offsets into the text it was
 * given, and an error as one message for the whole text. A migration with one bad statement
 * should still have its other statements checked, so on an error the text is cut at top-level
 * semicolons (found with the real scanner, which knows dollar quotes and comments) and each
 * piece is parsed on its own.
 */
import { loadModule, parseSync, scanSync, parsePlPgSQLSync } from 'libpg-query';
import type { Node } from '@pgsql/types';
import { byteLength, type Span } from './source.js';

export type { Node } from '@pgsql/types';

export interface ParsedStatement {
  /** One statement node, e.g. `{ IndexStmt: {...} }`. */
  readonly ast: Node;
  /** Byte span in the parsed text: from the first token to the end of the statement (no `;`). */
  readonly span: Span;
  readonly text: string;
}

export interface SyntaxError {
  readonly span: Span;
  readonly message: string;
}

export interface Comment {
  readonly span: Span;
  /** The comment's text including its `--` or `/* *\/` delimiters. */
  readonly text: string;
}

export interface ParsedSql {
  readonly statements: readonly ParsedStatement[];
  readonly errors: readonly SyntaxError[];
  readonly comments: readonly Comment[];
}

let ready: Promise<void> | undefined;

/** Loads the WASM parser once; every other function here needs it loaded. */
export function initParser(): Promise<void> {
  ready ??= loadModule();
  return ready;
}

interface Token {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly text: string;
}

const COMMENT_TOKENS = new Set(['SQL_COMMENT', 'C_COMMENT']);

function scanTokens(bytes: Uint8Array, text: string): Token[] | undefined {
  try {
    return scanSync(text).tokens.map((t) => ({
      start: t.start,
      end: t.end,
      name: t.tokenName,
      text: decodeBytes(bytes, t.start, t.end),
    }));
  } catch {
    // An unterminated quote or comment stops the scanner: there is nothing finer to offer.
    return undefined;
  }
}

const decoder = new TextDecoder();
function decodeBytes(bytes: Uint8Array, start: number, end: number): string {
  return decoder.decode(bytes.subarray(start, end));
}

/** Parses SQL text into statements with byte spans. Never throws on bad SQL. */
export function parseSql(text: string): ParsedSql {
  const bytes = new TextEncoder().encode(text);
  const tokens = scanTokens(bytes, text);
  const comments: Comment[] = (tokens ?? [])
    .filter((t) => COMMENT_TOKENS.has(t.name))
    .map((t) => ({ span: { start: t.start, end: t.end }, text: t.text }));
  const whole = tryParse(text);
  if (whole.ok) {
    return { statements: toStatements(whole.stmts, 0, bytes, tokens), errors: [], comments };
  }
  if (!tokens) {
    return { statements: [], errors: [{ span: errorSpan(whole.error, 0, bytes.length), message: whole.error.message }], comments };
  }
  // Parse statement by statement so one bad statement does not hide the rest.
  const statements: ParsedStatement[] = [];
  const errors: SyntaxError[] = [];
  for (const piece of splitAtSemicolons(tokens, bytes.length)) {
    const pieceText = decodeBytes(bytes, piece.start, piece.end);
    const result = tryParse(pieceText);
    if (result.ok) statements.push(...toStatements(result.stmts, piece.start, bytes, tokens));
    else errors.push({ span: errorSpan(result.error, piece.start, piece.end, bytes, pieceText), message: result.error.message });
  }
  return { statements, errors, comments };
}

type RawStatements = ReadonlyArray<{ stmt?: Node; stmt_location?: number; stmt_len?: number }>;
type ParseAttempt = { ok: true; stmts: RawStatements } | { ok: false; error: { message: string; cursor?: number } };

function tryParse(text: string): ParseAttempt {
  try {
    return { ok: true, stmts: parseSync(text).stmts ?? [] };
  } catch (error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const message = details?.message ?? (error instanceof Error ? error.message : String(error));
    return { ok: false, error: { message, cursor: details?.cursorPosition } };
  }
}

/**
 * The parser's cursor is a 0-based byte offset into the text it saw. An error at the very
 * end (a missing `)`) points past the last token; show it on the last token instead.
 */
function errorSpan(
  error: { cursor?: number },
  base: number,
  limit: number,
  bytes?: Uint8Array,
  pieceText?: string,
): Span {
  if (error.cursor === undefined || error.cursor < 0) return { start: base, end: limit };
  let start = base + Math.min(error.cursor, Math.max(0, limit - base - 1));
  if (bytes && pieceText !== undefined) {
    // Do not point into trailing whitespace: step back to the last non-space byte.
    while (start > base && (bytes[start] === undefined || isSpaceByte(bytes[start] as number))) start--;
  }
  let end = start + 1;
  if (bytes) {
    while (end < limit && !isSpaceByte(bytes[end] as number) && (bytes[end] as number) !== 0x3b) end++;
  }
  return { start, end: Math.max(end, start + 1) };
}

function isSpaceByte(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c;
}

/** Pieces of text between top-level semicolons; `BEGIN ATOMIC ... END` bodies stay whole. */
function splitAtSemicolons(tokens: readonly Token[], totalBytes: number): Span[] {
  const pieces: Span[] = [];
  let start = 0;
  let atomicDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.name === 'ATOMIC' && tokens[i - 1]?.name === 'BEGIN_P') atomicDepth++;
    else if (atomicDepth > 0 && t.name === 'END_P') atomicDepth--;
    else if (t.text === ';' && atomicDepth === 0) {
      pieces.push({ start, end: t.end });
      start = t.end;
    }
  }
  if (start < totalBytes) pieces.push({ start, end: totalBytes });
  return pieces.filter((p) => tokens.some((t) => t.start >= p.start && t.end <= p.end && !COMMENT_TOKENS.has(t.name) && t.text !== ';'));
}

/**
 * Turns the parser's statements into spans that start at the statement's first token
 * (not at leading comments or blank lines) and end at its last token, without the `;`.
 */
function toStatements(
  stmts: RawStatements,
  base: number,
  bytes: Uint8Array,
  tokens: readonly Token[] | undefined,
): ParsedStatement[] {
  const out: ParsedStatement[] = [];
  for (const raw of stmts) {
    if (!raw.stmt) continue;
    let start = base + (raw.stmt_location ?? 0);
    // stmt_len 0 means "to the end of the text".
    let end = raw.stmt_len ? start + raw.stmt_len : tokens ? lastTokenEnd(tokens, start, bytes.length) : bytes.length;
    if (tokens) {
      const first = tokens.find((t) => t.start >= start && t.end <= end && !COMMENT_TOKENS.has(t.name));
      if (first) start = first.start;
      const inside = tokens.filter((t) => t.start >= start && t.end <= end && !COMMENT_TOKENS.has(t.name) && t.text !== ';');
      const last = inside[inside.length - 1];
      if (last) end = last.end;
    }
    out.push({ ast: raw.stmt, span: { start, end }, text: decodeBytes(bytes, start, end) });
  }
  return out;
}

function lastTokenEnd(tokens: readonly Token[], from: number, limit: number): number {
  let end = limit;
  for (const t of tokens) {
    if (t.start < from) continue;
    if (t.text === ';') return t.start;
    end = t.end;
  }
  return end;
}

/**
 * Parses a PL/pgSQL function or DO body. Returns undefined when the body does not parse;
 * callers treat that as "nothing to look inside", the outer statement already parsed.
 */
export function parsePlpgsql(createFunctionSql: string): unknown[] | undefined {
  try {
    return parsePlPgSQLSync(createFunctionSql) as unknown as unknown[];
  } catch {
    return undefined;
  }
}

export { byteLength };
