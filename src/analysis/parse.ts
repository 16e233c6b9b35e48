/**
 * The real PostgreSQL parser (libpg-query, WASM) with exact statement spans.
 *
 * libpg-query reports `stmt_location`/`stmt_len` as UTF-8 byte offsets into the text it was
 * given, and an error as one message for the whole text. A migration with one bad statement
 * should still have its other statements checked, so on an error the text is cut at top-level
 * semicolons and each piece is parsed on its own. Comments and token boundaries come from
 * our own lexer (lexer.ts), which costs a fraction of libpg-query's scanner.
 */
import { loadModule, parseSync, parsePlPgSQLSync } from 'libpg-query';
import type { Node } from '@pgsql/types';
import { lex, skipTrivia, trimTrivia, type Trivia } from './lexer.js';
import type { Span } from './source.js';

export type { Node } from '@pgsql/types';

export interface ParsedStatement {
  /** One statement node, e.g. `{ IndexStmt: {...} }`. */
  readonly ast: Node;
  /** Byte span in the parsed text: from the first token to the end of the statement (no `;`). */
  readonly span: Span;
  readonly text: string;
  /** The byte offset, in the same text as `span`, that the AST's `location` fields count from. */
  readonly locationBase: number;
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

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const decode = (bytes: Uint8Array, start: number, end: number) => decoder.decode(bytes.subarray(start, end));

/** Parses SQL text into statements with byte spans. Never throws on bad SQL. */
export function parseSql(text: string): ParsedSql {
  const bytes = encoder.encode(text);
  const trivia = lex(bytes);
  const comments = trivia.comments.map((c) => ({ span: { start: c.start, end: c.end }, text: decode(bytes, c.start, c.end) }));
  const whole = tryParse(text);
  if (whole.ok) return { statements: toStatements(whole.stmts, 0, bytes.length, bytes, trivia), errors: [], comments };
  if (trivia.unterminatedAt !== undefined) {
    // An unterminated quote or comment swallows the rest of the text: no finer split exists.
    return { statements: [], errors: [{ span: errorSpan(whole.error.cursor, 0, bytes.length, bytes), message: whole.error.message }], comments };
  }
  // Parse statement by statement so one bad statement does not hide the rest.
  const statements: ParsedStatement[] = [];
  const errors: SyntaxError[] = [];
  let start = 0;
  for (const end of [...trivia.semicolons.map((s) => s + 1), bytes.length]) {
    const from = skipTrivia(bytes, trivia, start, end);
    const piece = { start, end };
    start = end;
    if (from >= end || (bytes[from] === 0x3b && from === end - 1)) continue;
    const result = tryParse(decode(bytes, piece.start, piece.end));
    if (result.ok) statements.push(...toStatements(result.stmts, piece.start, piece.end, bytes, trivia));
    else errors.push({ span: errorSpan(result.error.cursor, piece.start, piece.end, bytes), message: result.error.message });
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

const isSpaceByte = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c;

/**
 * The parser's cursor is a 0-based byte offset into the text it saw. An error at the very
 * end (a missing `)`) points past the last token; show it on the last token instead.
 */
function errorSpan(cursor: number | undefined, base: number, limit: number, bytes: Uint8Array): Span {
  if (cursor === undefined || cursor < 0) return { start: base, end: limit };
  let start = base + Math.min(cursor, Math.max(0, limit - base - 1));
  while (start > base && (bytes[start] === undefined || isSpaceByte(bytes[start] as number))) start--;
  let end = start + 1;
  while (end < limit && !isSpaceByte(bytes[end] as number) && bytes[end] !== 0x3b) end++;
  return { start, end };
}

/** Statement spans from the first token to the last, without leading comments or the `;`. */
function toStatements(stmts: RawStatements, base: number, limit: number, bytes: Uint8Array, trivia: Trivia): ParsedStatement[] {
  const out: ParsedStatement[] = [];
  for (const raw of stmts) {
    if (!raw.stmt) continue;
    const location = base + (raw.stmt_location ?? 0);
    // stmt_len 0 means "to the end of the text".
    const rawEnd = raw.stmt_len ? location + raw.stmt_len : limit;
    const start = skipTrivia(bytes, trivia, location, rawEnd);
    let end = trimTrivia(bytes, trivia, start, rawEnd);
    if (bytes[end - 1] === 0x3b) end = trimTrivia(bytes, trivia, start, end - 1);
    out.push({ ast: raw.stmt, span: { start, end }, text: decode(bytes, start, end), locationBase: base });
  }
  return out;
}

/**
 * Parses a PL/pgSQL function or DO body. Returns undefined when the body does not parse;
 * callers treat that as "nothing to look inside", the outer statement already parsed.
 */
export function parsePlpgsql(createFunctionSql: string): unknown | undefined {
  try {
    return parsePlPgSQLSync(createFunctionSql);
  } catch {
    return undefined;
  }
}
