/**
 * Does ALTER COLUMN ... TYPE rewrite the table? PostgreSQL skips the rewrite when the old type
 * is binary-coercible to the new one and no USING expression changes the value
 * (https://www.postgresql.org/docs/current/sql-altertable.html, Notes). That needs the old type.
 */
import type { Node, TypeName } from '@pgsql/types';
import { nameParts } from './relation.js';

/** A column type reduced to what the binary-coercibility check needs. */
export interface TypeRef {
  /** Internal name, unqualified: "varchar", "int4", "numeric", "timestamptz", or a user type. */
  readonly name: string;
  /** Type modifiers as written: varchar(50) -> [50], numeric(10,2) -> [10, 2]. */
  readonly typmods: readonly number[];
  readonly array?: boolean;
}

/**
 * What the caller knows about the schema (from earlier migrations or a schema dump). Every member
 * is optional; without them the model judges from the statement text alone.
 */
export interface SchemaLookup {
  /** The current declared type of a column; undefined when unknown. */
  columnType?(table: string, column: string): TypeRef | undefined;
  /** A domain's base type and whether it carries CHECK constraints; undefined when `name` is not a known domain. */
  domain?(name: string): { readonly baseType: TypeRef; readonly hasCheck: boolean } | undefined;
}

const ALIASES: Readonly<Record<string, string>> = {
  integer: 'int4', int: 'int4', bigint: 'int8', smallint: 'int2', serial: 'int4', bigserial: 'int8',
  'character varying': 'varchar', character: 'bpchar', char: 'bpchar', decimal: 'numeric', boolean: 'bool',
  real: 'float4', 'double precision': 'float8', 'timestamp with time zone': 'timestamptz',
  'timestamp without time zone': 'timestamp',
};

/** The TypeRef of a parse-tree TypeName. */
export function typeRef(typeName: TypeName | undefined): TypeRef {
  const parts = nameParts(typeName?.names).filter((p, i, all) => !(i === 0 && p === 'pg_catalog' && all.length > 1));
  const raw = (parts[parts.length - 1] ?? '').toLowerCase();
  const typmods: number[] = [];
  for (const m of typeName?.typmods ?? []) {
    if ('A_Const' in m && m.A_Const.ival) typmods.push(m.A_Const.ival.ival ?? 0);
  }
  const array = (typeName?.arrayBounds?.length ?? 0) > 0;
  return { name: ALIASES[raw] ?? raw, typmods, ...(array ? { array } : {}) };
}

/** A USING expression that is just the column itself does not change any value (truth 320). */
function usingIsIdentity(using: Node | undefined, column: string): boolean {
  if (!using) return true;
  if (!('ColumnRef' in using)) return false;
  const fields = nameParts(using.ColumnRef.fields);
  return fields[fields.length - 1] === column;
}

function sameTypmods(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Old -> new without a rewrite: the pg_cast entries marked binary-coercible plus typmod rules. */
function binaryCoercible(from: TypeRef, to: TypeRef): boolean {
  if (!!from.array !== !!to.array) return false;
  if (from.name === to.name) {
    if (sameTypmods(from.typmods, to.typmods)) return true;
    if (to.typmods.length === 0 && (to.name === 'varchar' || to.name === 'numeric' || to.name === 'varbit')) return true;
    if ((to.name === 'varchar' || to.name === 'varbit') && from.typmods.length === 1 && to.typmods.length === 1) {
      return (to.typmods[0] as number) >= (from.typmods[0] as number);
    }
    if (to.name === 'numeric' && from.typmods.length >= 1 && to.typmods.length >= 1) {
      // numeric(p,s) -> numeric(p2,s): same scale, precision not reduced (truth 064 vs 065/067).
      return (from.typmods[1] ?? 0) === (to.typmods[1] ?? 0) && (to.typmods[0] as number) >= (from.typmods[0] as number);
    }
    return false;
  }
  const pair = `${from.name}->${to.name}`;
  // Across types only to an unbounded target: text -> varchar(n) checks every value (truth 318).
  return to.typmods.length === 0 && BINARY_PAIRS.has(pair);
}

const BINARY_PAIRS = new Set([
  'varchar->text', 'text->varchar', 'cidr->inet', 'xml->text', 'bit->varbit', 'citext->text', 'text->citext',
  'varchar->citext', 'citext->varchar',
]);

/** The decision and why, for the finding text and for tests. */
export interface AlterTypeVerdict {
  readonly rewrite: boolean;
  readonly reason: string;
}

/**
 * Statement-only rule (no `SchemaLookup`, or it does not know the column):
 * - a USING expression other than the bare column rewrites (truth 068, 072, 321);
 * - target `text` or unbounded `varchar` does not rewrite (047, 051, 320): the usual source is a
 *   varchar or text column, which is binary-coercible. Converting from another type family
 *   (integer -> text) does rewrite, and this rule misses it; that is why callers should pass
 *   the old type when they know it;
 * - every other target rewrites (conservative): bounded varchar(n) rewrites from text or a longer
 *   varchar but not from a shorter one, numeric(p,s) depends on the old p and s, timestamptz
 *   depends on the old type and the session TimeZone. A reviewer wants the possible rewrite flagged.
 * With the old type: binary-coercible per pg_cast plus typmod widening; a domain is judged by its
 * base type, and a domain with CHECK constraints as target always rewrites (truth 077) while a
 * domain's base type as target does not (076).
 */
export function alterColumnTypeRewrites(
  table: string,
  column: string,
  target: TypeName | undefined,
  using: Node | undefined,
  schema: SchemaLookup | undefined,
): AlterTypeVerdict {
  if (!usingIsIdentity(using, column)) return { rewrite: true, reason: 'USING expression computes new values' };
  let to = typeRef(target);
  const toDomain = schema?.domain?.(to.name);
  if (toDomain?.hasCheck) return { rewrite: true, reason: `domain ${to.name} has CHECK constraints` };
  if (toDomain) to = toDomain.baseType;
  let from = schema?.columnType?.(table, column);
  if (from) {
    const fromDomain = schema?.domain?.(from.name);
    if (fromDomain) from = fromDomain.baseType;
    return binaryCoercible(from, to)
      ? { rewrite: false, reason: `${from.name} is binary-coercible to ${to.name}` }
      : { rewrite: true, reason: `${from.name} is not binary-coercible to ${to.name}` };
  }
  if (!to.array && (to.name === 'text' || (to.name === 'varchar' && to.typmods.length === 0))) {
    return { rewrite: false, reason: 'text targets are binary-coercible from varchar/text (old type unknown)' };
  }
  return { rewrite: true, reason: 'old type unknown: assume the conversion is not binary-coercible' };
}
