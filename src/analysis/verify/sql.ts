/**
 * Building blocks for generated SQL: identifier and literal quoting, relation names.
 *
 * Identifiers follow `quote_ident` exactly: a name made of lower-case letters, digits, `_`
 * and `$` (not starting with a digit or `$`) that is not a keyword stays bare, and so does
 * an UNRESERVED keyword; anything else is double-quoted with `"` doubled. Whether a word
 * is a keyword, and which kind, is asked of the real PostgreSQL scanner (libpg-query), so
 * the list matches the parser's version instead of a copy that drifts.
 */
import { scanSync } from 'libpg-query';

/** An AST node's body, read loosely: the generators check every field they use. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rec = Record<string, any>;

export interface RelationRef {
  readonly schemaname?: string;
  readonly relname?: string;
}

const PLAIN = /^[a-z_][a-z0-9_$]*$/;
const keywordKinds = new Map<string, string>();

function keywordKind(word: string): string {
  let kind = keywordKinds.get(word);
  if (kind === undefined) {
    try {
      const tokens = scanSync(word).tokens;
      kind = tokens.length === 1 ? (tokens[0]?.keywordName ?? 'NO_KEYWORD') : 'NO_KEYWORD';
    } catch {
      // The parser is not loaded: pretend it is a reserved word, so the name is quoted (always correct).
      return 'RESERVED_KEYWORD';
    }
    keywordKinds.set(word, kind);
  }
  return kind;
}

/** `quote_ident` semantics. */
export function quoteIdent(name: string): string {
  if (PLAIN.test(name)) {
    const kind = keywordKind(name);
    if (kind === 'NO_KEYWORD' || kind === 'UNRESERVED_KEYWORD') return name;
  }
  return `"${name.replace(/"/g, '""')}"`;
}

/** `quote_literal` for standard_conforming_strings = on (the default since 9.1): `'` doubled. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `schema.table` with each part quoted, as the statement named it. */
export function relationSql(rv: RelationRef): string {
  const rel = quoteIdent(rv.relname ?? '');
  return rv.schemaname ? `${quoteIdent(rv.schemaname)}.${rel}` : rel;
}

/** The relation as the statement named it, unquoted: the key used for sizes and `isNew`. */
export function relationName(rv: RelationRef): string {
  return rv.schemaname ? `${rv.schemaname}.${rv.relname}` : (rv.relname ?? '');
}

/**
 * `'name'::regclass`: resolved through search_path exactly as the migration resolves it,
 * which `information_schema` lookups by schema name cannot promise.
 */
export function regclass(rv: RelationRef): string {
  return `${quoteLiteral(relationSql(rv))}::regclass`;
}

/** An index or constraint-owning relation in the schema of `table` (indexes live next to their table). */
export function siblingRelation(table: RelationRef, name: string): RelationRef {
  return table.schemaname ? { schemaname: table.schemaname, relname: name } : { relname: name };
}

/** `String` nodes of a name list (`[{String:{sval}}]`) as plain strings. */
export function names(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((n: Rec) => (n?.String?.sval as string | undefined) ?? '').filter((s) => s !== '');
}

/** A RangeVar from a dotted name list (`DROP TABLE a.b`). */
export function relationFromNames(parts: readonly string[]): RelationRef | undefined {
  if (parts.length === 1) return { relname: parts[0] as string };
  if (parts.length === 2) return { schemaname: parts[0] as string, relname: parts[1] as string };
  return undefined; // catalog.schema.table: leave it alone.
}

/** Column names referenced anywhere inside a node (the last field of each ColumnRef). */
export function columnRefs(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) columnRefs(item, out);
  } else if (node && typeof node === 'object') {
    const rec = node as Rec;
    if (rec.ColumnRef) {
      const fields = names(rec.ColumnRef.fields);
      const last = fields[fields.length - 1];
      if (last) out.add(last);
    }
    for (const value of Object.values(rec)) columnRefs(value, out);
  }
  return out;
}
