import { byteLength } from '../source.js';
import { identifierValue, tokensOf } from './lib/located.js';
import { defineRule } from './types.js';

/** NAMEDATALEN - 1: the longest identifier PostgreSQL keeps, in bytes. */
const MAX_IDENTIFIER_BYTES = 63;

/** The first 63 bytes, cut at a character boundary as pg_mbcliplen does. */
function truncate(name: string): string {
  let out = '';
  for (const ch of name) {
    if (byteLength(out + ch) > MAX_IDENTIFIER_BYTES) break;
    out += ch;
  }
  return out;
}

/**
 * PostgreSQL truncates identifiers longer than 63 bytes with only a NOTICE
 * (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS): the
 * object gets a shorter name than the code uses, and two long names with the same first 63
 * bytes collide. Bytes, not characters: "é" counts 2. The parser has already truncated the names
 * in the AST, so this rule reads the tokens.
 */
const LONG_RUNS = /[\p{L}\p{N}_$]{16,}|"[^"]{16,}"/gu;

function hasLongRun(text: string): boolean {
  for (const match of text.matchAll(LONG_RUNS)) if (byteLength(match[0].replace(/^"|"$/g, '')) > MAX_IDENTIFIER_BYTES) return true;
  return false;
}

export default defineRule({
  id: 'ban-long-identifier',
  meta: {
    summary: 'Identifiers over 63 bytes are silently truncated by PostgreSQL',
    severity: 'warning',
    messages: {
      longIdentifier:
        '`{{identifier}}` is {{bytes}} bytes long: PostgreSQL silently truncates identifiers to 63 bytes, so the object is named `{{truncated}}`, not what the code and later migrations will look for, and names sharing those 63 bytes collide. Use a shorter name.',
    },
  },
  check(stmt, ctx) {
    // Scanning every statement is costly; only one with a long run of name characters can hold
    // a long identifier (64 bytes are at least 16 characters, even of four bytes each).
    if (!hasLongRun(stmt.text)) return [];
    const seen = new Set<string>();
    const reports = [];
    for (const token of tokensOf(stmt)) {
      if (token.tokenName !== 'IDENT') continue;
      const identifier = identifierValue(token.text);
      const bytes = byteLength(identifier);
      if (bytes <= MAX_IDENTIFIER_BYTES || seen.has(identifier)) continue;
      seen.add(identifier);
      const span = { start: stmt.span.start + token.start, end: stmt.span.start + token.end };
      reports.push(ctx.report('longIdentifier', { identifier, bytes, truncated: truncate(identifier) }, { span }));
    }
    return reports;
  },
});
