/**
 * ALTER COLUMN ... TYPE: values that will not fit, the new type afterwards, and row counts
 * around the rewrite.
 *
 * Without a schema the old type is unknown, so each query is written to run whatever it is:
 * - varchar(n) / char(n): `length(v::text) > n`. An explicit cast would silently truncate,
 *   while the ALTER's assignment cast fails ("value too long"), so no dry run here.
 * - numeric(p,s): |round(v, s)| >= 10^(p-s) overflows (rounding to the new scale first, as
 *   the cast does).
 * - smallint / integer: values outside the range.
 * - every other target: a dry run, `count(CAST(v AS type))`, which evaluates the conversion
 *   for every row and fails with the migration's own error, without its lock.
 * `v` is the USING expression when there is one, else the column.
 */
import { before, columnType, type Query, rowCountPair } from './queries.js';
import { names, quoteIdent, type Rec, type RelationRef, relationSql } from './sql.js';
import type { StatementSource } from './source.js';

const INT_RANGE: Readonly<Record<string, readonly [string, string]>> = {
  int2: ['-32768', '32767'],
  int4: ['-2147483648', '2147483647'],
};

const STRING_TYPES = new Set(['varchar', 'bpchar']);

export function alterColumnTypeQueries(table: RelationRef, column: string, def: Rec, source: StatementSource | undefined): Query[] {
  const typeName = def.typeName as Rec | undefined;
  if (!typeName) return [];
  const typeSql = source ? typeText(source, typeName) : undefined;
  const usingSql = def.raw_default ? (source ? usingText(source, typeName) : undefined) : undefined;
  // A USING expression we could not cut out: the column alone would check the wrong values.
  if (def.raw_default && !usingSql) return typeSql ? [columnType(table, column, `\`${typeSql}\``)] : [];
  const value = usingSql ? `(${usingSql})` : quoteIdent(column);
  const from = relationSql(table);
  const parts = names(typeName.names);
  const base = parts[parts.length - 1] ?? '';
  const builtin = parts.length === 1 || parts[0] === 'pg_catalog';
  const isArray = Array.isArray(typeName.arrayBounds) && typeName.arrayBounds.length > 0;
  const typmods = ((typeName.typmods ?? []) as Rec[]).map((m) => m.A_Const?.ival?.ival as number | undefined);
  const out: Query[] = [];
  const label = `\`${column}\``;

  if (builtin && !isArray && STRING_TYPES.has(base) && typeof typmods[0] === 'number') {
    const n = typmods[0];
    out.push(
      before(
        table,
        `Values of ${label} longer than ${n} characters (the type change fails with "value too long" unless 0)`,
        `SELECT count(*) AS too_long FROM ${from} WHERE length(${value}::text) > ${n}`,
      ),
    );
  } else if (builtin && !isArray && base === 'numeric' && typeof typmods[0] === 'number') {
    const precision = typmods[0];
    const scale = typmods[1] ?? 0;
    const limit = `1${'0'.repeat(Math.max(0, precision - scale))}`;
    out.push(
      before(
        table,
        `Values of ${label} that overflow numeric(${precision},${scale}) (the type change fails unless 0)`,
        `SELECT count(*) AS out_of_range FROM ${from} WHERE abs(round(${value}::numeric, ${scale})) >= ${limit}`,
      ),
    );
  } else if (builtin && !isArray && INT_RANGE[base]) {
    const [min, max] = INT_RANGE[base] as readonly [string, string];
    out.push(
      before(
        table,
        `Values of ${label} outside the ${base === 'int2' ? 'smallint' : 'integer'} range (the type change fails unless 0)`,
        `SELECT count(*) AS out_of_range FROM ${from} WHERE ${value}::numeric NOT BETWEEN ${min} AND ${max}`,
      ),
    );
  } else if (typeSql) {
    out.push(
      before(
        table,
        `Dry run of the conversion of ${label} to ${typeSql}: fails with the migration's error if any value cannot be converted`,
        `SELECT count(CAST(${value} AS ${typeSql})) AS converted FROM ${from}`,
      ),
    );
  }
  out.push(...rowCountPair(table, 'the type change rewrites it'));
  if (typeSql) out.push(columnType(table, column, `\`${typeSql}\``));
  return out;
}

/** The target type as written: from the TypeName's location up to USING, COLLATE or the next command. */
function typeText(source: StatementSource, typeName: Rec): string | undefined {
  if (typeof typeName.location !== 'number' || typeName.location < 0) return undefined;
  const from = source.tokenAt(typeName.location);
  if (from < 0) return undefined;
  let to = source.lastToken;
  for (let i = from; i <= source.lastToken; i++) {
    const t = source.tokens[i];
    if (t && t.depth === 0 && (t.keyword === 'USING' || t.keyword === 'COLLATE' || (t.keyword === '' && t.text === ','))) {
      to = i - 1;
      break;
    }
  }
  const text = source.sliceTokens(from, to);
  return text || undefined;
}

/** The USING expression: after the first top-level USING following the type, up to the next command. */
function usingText(source: StatementSource, typeName: Rec): string | undefined {
  if (typeof typeName.location !== 'number') return undefined;
  const using = source.findKeyword('USING', source.tokenAt(typeName.location));
  if (using < 0) return undefined;
  let to = source.lastToken;
  for (let i = using + 1; i <= source.lastToken; i++) {
    const t = source.tokens[i];
    if (t && t.depth === 0 && t.keyword === '' && t.text === ',') {
      to = i - 1;
      break;
    }
  }
  return source.sliceTokens(using + 1, to) || undefined;
}
