/**
 * Positions inside one statement. The engine's AST `location`s count from
 * `stmt.locationBase` (the start of the text the parser saw), so a node's file offset is
 * `locationBase + location`: no re-parse is needed, which matters because these helpers run
 * on every statement (a re-parse per statement doubled the cost of linting the corpus).
 */
import type { ColumnDef, Constraint, Node, TypeName } from '@pgsql/types';
import { scanSync } from 'libpg-query';
import { relationName } from '../../locks/index.js';
import type { Span } from '../../source.js';
import type { StatementInfo } from '../types.js';

interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokenName: string;
  readonly keywordKind: number;
}

const scanned = new WeakMap<StatementInfo, readonly Token[]>();
const encoded = new WeakMap<StatementInfo, Uint8Array>();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The statement's AST; its `location`s count from `stmt.locationBase` (see tokenSpanAt). */
export function locatedAst(stmt: StatementInfo): Node {
  return stmt.ast;
}

/** The statement's tokens, comments excluded, with byte offsets into `stmt.text`. Costly: for rare paths only. */
export function tokensOf(stmt: StatementInfo): readonly Token[] {
  let tokens = scanned.get(stmt);
  if (!tokens) {
    try {
      tokens = (scanSync(stmt.text).tokens as Token[]).filter((t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT');
    } catch {
      tokens = [];
    }
    scanned.set(stmt, tokens);
  }
  return tokens;
}

function bytesOf(stmt: StatementInfo): Uint8Array {
  let bytes = encoded.get(stmt);
  if (!bytes) {
    bytes = encoder.encode(stmt.text);
    encoded.set(stmt, bytes);
  }
  return bytes;
}

const isWordByte = (b: number) =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === 0x24 || b >= 0x80;

/** End of the token starting at byte `at`: a quoted identifier or string, a word, or one character. */
function tokenEnd(bytes: Uint8Array, at: number): number {
  const first = bytes[at] as number;
  if (first === 0x22 || first === 0x27) {
    let i = at + 1;
    while (i < bytes.length) {
      if (bytes[i] === first) {
        if (bytes[i + 1] === first) { i += 2; continue; }
        return i + 1;
      }
      i++;
    }
    return bytes.length;
  }
  let i = at;
  while (i < bytes.length && isWordByte(bytes[i] as number)) i++;
  return i > at ? i : at + 1;
}

/** The token at an AST `location`, as a span in `stmt.text` bytes; undefined when outside the statement. */
function tokenAt(stmt: StatementInfo, location: number | undefined): Span | undefined {
  if (location === undefined || location < 0) return undefined;
  const start = stmt.locationBase + location - stmt.span.start;
  const bytes = bytesOf(stmt);
  if (start < 0 || start >= bytes.length) return undefined;
  return { start, end: tokenEnd(bytes, start) };
}

/** The span (in the file) of the token that starts at AST `location`; undefined when none does. */
export function tokenSpanAt(stmt: StatementInfo, location: number | undefined): Span | undefined {
  const token = tokenAt(stmt, location);
  return token ? { start: stmt.span.start + token.start, end: stmt.span.start + token.end } : undefined;
}

/** The value an identifier token stands for: quoted as written, unquoted folded to lower case. */
export function identifierValue(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}

/** The first identifier token whose value is `name`, as a file span. */
export function identifierSpan(stmt: StatementInfo, name: string): Span | undefined {
  const token = tokensOf(stmt).find((t) => (t.tokenName === 'IDENT' || t.keywordKind !== 0) && identifierValue(t.text) === name);
  return token ? { start: stmt.span.start + token.start, end: stmt.span.start + token.end } : undefined;
}

/** A column type as hygiene rules compare it: the last name part, lower-cased, and its modifiers. */
export interface ColumnType {
  readonly name: string;
  readonly typmods: readonly number[];
  /** `"char"` (one byte, internal) is not `char(n)`: the parser writes the latter as `pg_catalog.bpchar`. */
  readonly internalChar: boolean;
  readonly location: number | undefined;
}

export function columnType(typeName: TypeName | undefined): ColumnType | undefined {
  const parts = (typeName?.names ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
  const last = parts[parts.length - 1];
  if (!last) return undefined;
  const typmods = (typeName?.typmods ?? []).flatMap((m) => ('A_Const' in m && m.A_Const.ival ? [m.A_Const.ival.ival ?? 0] : []));
  return { name: last.toLowerCase(), typmods, internalChar: parts.length === 1 && last === 'char', location: typeName?.location };
}

/** Where a column gets its type: a CREATE TABLE column, ADD COLUMN, or ALTER COLUMN ... TYPE. */
export interface ColumnSite {
  readonly kind: 'create' | 'add' | 'alter-type';
  readonly table: string;
  readonly column: string;
  readonly def: ColumnDef;
  readonly type: ColumnType;
  /** Column-level and (for CREATE TABLE) table-level constraints that name this column. */
  readonly constraints: readonly Constraint[];
}

function constraintsOf(nodes: readonly Node[] | undefined): Constraint[] {
  return (nodes ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint] : []));
}

function names(nodes: readonly Node[] | undefined): string[] {
  return (nodes ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []));
}

/** Every column type the statement sets, from its located AST (so `def.location` points into `stmt.text`). */
export function columnSites(stmt: StatementInfo): ColumnSite[] {
  const ast = locatedAst(stmt);
  const out: ColumnSite[] = [];
  const push = (kind: ColumnSite['kind'], table: string, def: ColumnDef, tableLevel: readonly Constraint[], column = def.colname) => {
    const type = columnType(def.typeName);
    if (!column || !type) return;
    const own = tableLevel.filter((c) => names(c.keys).includes(column) || names(c.fk_attrs).includes(column));
    out.push({ kind, table, column, def, type, constraints: [...constraintsOf(def.constraints), ...own] });
  };
  if ('CreateStmt' in ast && ast.CreateStmt.relation) {
    const table = relationName(ast.CreateStmt.relation);
    const tableLevel = constraintsOf(ast.CreateStmt.tableElts);
    for (const element of ast.CreateStmt.tableElts ?? []) if ('ColumnDef' in element) push('create', table, element.ColumnDef, tableLevel);
  } else if ('AlterTableStmt' in ast && ast.AlterTableStmt.relation && (ast.AlterTableStmt.objtype ?? 'OBJECT_TABLE') === 'OBJECT_TABLE') {
    const table = relationName(ast.AlterTableStmt.relation);
    for (const node of ast.AlterTableStmt.cmds ?? []) {
      if (!('AlterTableCmd' in node)) continue;
      const cmd = node.AlterTableCmd;
      const def = cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
      if (!def) continue;
      if (cmd.subtype === 'AT_AddColumn') push('add', table, def, []);
      else if (cmd.subtype === 'AT_AlterColumnType') push('alter-type', table, def, [], cmd.name);
    }
  }
  return out;
}

/** Where to point a finding about a column's type: the type's first token, else the column name. */
export function columnTypeSpan(stmt: StatementInfo, site: ColumnSite): Span | undefined {
  return tokenSpanAt(stmt, site.type.location) ?? tokenSpanAt(stmt, site.def.location) ?? identifierSpan(stmt, site.column);
}

/** The type as written, for messages: `varchar(20)`, `timestamp`. */
export function typeLabel(type: ColumnType, spelled?: string): string {
  const name = spelled ?? type.name;
  return type.typmods.length ? `${name}(${type.typmods.join(', ')})` : name;
}

/** The type as the statement spells it (`character varying`, `VARCHAR`), lower-cased, from its first token. */
export function spelledType(stmt: StatementInfo, site: ColumnSite): string {
  const token = tokenAt(stmt, site.type.location);
  return token ? identifierValue(decoder.decode(bytesOf(stmt).subarray(token.start, token.end))) : site.type.name;
}
