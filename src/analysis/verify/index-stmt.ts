/** CREATE INDEX and REINDEX: duplicates before a unique build, validity after. */
import { duplicates, indexValid, invalidIndexesOn, type Query } from './queries.js';
import { quoteIdent, quoteLiteral, type Rec, type RelationRef, siblingRelation } from './sql.js';
import type { StatementSource } from './source.js';

export function createIndexQueries(ix: Rec, source: StatementSource | undefined): Query[] {
  const table = ix.relation as RelationRef | undefined;
  if (!table?.relname) return [];
  const out: Query[] = [];
  if (ix.unique) {
    const keys = indexKeys(ix, source);
    if (keys) {
      const where = ix.whereClause ? partialWhere(source) : undefined;
      // A partial index whose predicate could not be cut out would count rows it does not cover.
      if (!ix.whereClause || where) {
        out.push(
          duplicates(table, keys, {
            nullsDistinct: !ix.nulls_not_distinct,
            ...(where ? { where } : {}),
            what: `the unique index${ix.idxname ? ` \`${ix.idxname}\`` : ''}`,
          }),
        );
      }
    }
  }
  // Essential after CONCURRENTLY: a failed build leaves an INVALID index that still slows writes.
  out.push(ix.idxname ? indexValid(siblingRelation(table, ix.idxname as string)) : invalidIndexesOn(table));
  return out;
}

/**
 * The key of each index column as SQL: a quoted column, or the author's expression text.
 * Expressions have no location in the AST, so they are found as the items of the column
 * list (the first top-level parenthesis after ON), trimmed of opclass, COLLATE and ordering.
 */
function indexKeys(ix: Rec, source: StatementSource | undefined): string[] | undefined {
  const params = (ix.indexParams ?? []) as Rec[];
  if (params.every((p) => p.IndexElem?.name)) return params.map((p) => quoteIdent(p.IndexElem.name as string));
  if (!source) return undefined;
  const on = source.findKeyword('ON');
  const open = on < 0 ? -1 : source.findText('(', on);
  const items = open < 0 ? [] : source.groupItems(open);
  if (items.length !== params.length) return undefined;
  const keys: string[] = [];
  for (const [i, p] of params.entries()) {
    const elem = p.IndexElem as Rec | undefined;
    if (elem?.name) {
      keys.push(quoteIdent(elem.name as string));
      continue;
    }
    const [from] = items[i] as [number, number];
    const expr = expressionAt(source, from);
    if (!expr) return undefined;
    keys.push(`(${expr})`);
  }
  return keys;
}

/** `(expr)` or `func(args)` starting at token `from`: the expression without what follows it. */
function expressionAt(source: StatementSource, from: number): string | undefined {
  const first = source.tokens[from];
  if (!first) return undefined;
  if (first.text === '(') return source.groupText(from);
  // A function-call key: name tokens up to its argument list, then the list.
  const open = source.findText('(', from, first.depth);
  const close = open < 0 ? -1 : source.closeParen(open);
  return close < 0 ? undefined : source.sliceTokens(from, close);
}

function partialWhere(source: StatementSource | undefined): string | undefined {
  if (!source) return undefined;
  const where = source.findKeyword('WHERE');
  return where < 0 ? undefined : source.sliceUntil(where + 1, []);
}

export function reindexQueries(stmt: Rec): Query[] {
  const rv = stmt.relation as RelationRef | undefined;
  switch (stmt.kind) {
    case 'REINDEX_OBJECT_INDEX':
      return rv?.relname ? [indexValid(rv)] : [];
    case 'REINDEX_OBJECT_TABLE':
      return rv?.relname ? [invalidIndexesOn(rv)] : [];
    case 'REINDEX_OBJECT_SCHEMA':
      return stmt.name
        ? [
            {
              when: 'after',
              title: `No invalid index left in schema \`${stmt.name}\` (REINDEX CONCURRENTLY leaves \`_ccnew\` indexes behind when it fails; expect no rows)`,
              sql: `SELECT i.indexrelid::regclass AS index_name, i.indisvalid, i.indisready FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${quoteLiteral(stmt.name as string)} AND NOT (i.indisvalid AND i.indisready)`,
            },
          ]
        : [];
    default:
      return [];
  }
}
