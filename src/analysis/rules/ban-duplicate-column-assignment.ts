import type { Node } from '@pgsql/types';
import type { Span } from '../source.js';
import { locatedAst, tokenSpanAt } from './lib/located.js';
import { defineRule, type StatementInfo } from './types.js';

/** ALTER TABLE subcommands PostgreSQL refuses to repeat for one column (the others: last one wins). */
const FAILS_TWICE = new Set(['AT_AddColumn', 'AT_DropColumn', 'AT_AlterColumnType']);

const SUBCOMMAND: Readonly<Record<string, string>> = {
  AT_AddColumn: 'ADD COLUMN', AT_DropColumn: 'DROP COLUMN', AT_AlterColumnType: 'ALTER COLUMN ... TYPE', AT_ColumnDefault: 'SET DEFAULT',
  AT_SetStatistics: 'SET STATISTICS', AT_SetStorage: 'SET STORAGE', AT_SetCompression: 'SET COMPRESSION', AT_SetOptions: 'SET (...)',
  AT_AddIdentity: 'ADD GENERATED ... AS IDENTITY', AT_SetIdentity: 'SET identity options',
};

interface Duplicate {
  readonly messageId: 'duplicateColumn' | 'duplicateAssignment' | 'duplicateSubcommand';
  readonly column: string;
  readonly what: string;
  readonly location?: number;
  readonly fails: boolean;
}

function repeated<T>(items: readonly T[], key: (item: T) => string | undefined, found: (item: T, key: string) => void): void {
  const seen = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    if (seen.has(k)) found(item, k);
    seen.add(k);
  }
}

function duplicates(ast: Node): Duplicate[] {
  const out: Duplicate[] = [];
  if ('CreateStmt' in ast) {
    const defs = (ast.CreateStmt.tableElts ?? []).flatMap((e) => ('ColumnDef' in e ? [e.ColumnDef] : []));
    repeated(defs, (d) => d.colname, (d, column) => out.push({ messageId: 'duplicateColumn', column, what: 'CREATE TABLE', location: d.location, fails: true }));
  }
  const targets = 'UpdateStmt' in ast ? ast.UpdateStmt.targetList : 'InsertStmt' in ast ? ast.InsertStmt.cols : undefined;
  if (targets) {
    const what = 'UpdateStmt' in ast ? 'UPDATE ... SET' : 'INSERT column list';
    const plain = targets.flatMap((t) => ('ResTarget' in t && !t.ResTarget.indirection?.length ? [t.ResTarget] : []));
    // `SET a[1] = x, a[2] = y` and `SET c.f1 = x, c.f2 = y` assign parts: allowed, so skipped above.
    repeated(plain, (t) => t.name, (t, column) => out.push({ messageId: 'duplicateAssignment', column, what, location: t.location, fails: true }));
  }
  if ('AlterTableStmt' in ast) {
    const cmds = (ast.AlterTableStmt.cmds ?? []).flatMap((c) => ('AlterTableCmd' in c ? [c.AlterTableCmd] : []));
    const column = (c: (typeof cmds)[number]) => c.name ?? (c.def && 'ColumnDef' in c.def ? c.def.ColumnDef.colname : undefined);
    // Repeating an idempotent subcommand (SET NOT NULL twice) changes nothing, and DROP DEFAULT before TYPE then
    // SET DEFAULT after it is the usual way to change a column's type and default together: neither is reported.
    const isDropDefault = (c: (typeof cmds)[number]) => c.subtype === 'AT_ColumnDefault' && !c.def;
    repeated(
      cmds.filter((c) => SUBCOMMAND[c.subtype ?? ''] && !isDropDefault(c)),
      (c) => (column(c) ? `${c.subtype}\0${column(c)}` : undefined),
      (c) => out.push({ messageId: 'duplicateSubcommand', column: column(c) ?? '', what: SUBCOMMAND[c.subtype ?? ''] ?? '', fails: FAILS_TWICE.has(c.subtype ?? '') }),
    );
  }
  return out;
}

function spanOf(stmt: StatementInfo, d: Duplicate): Span | undefined {
  return tokenSpanAt(stmt, d.location);
}

/**
 * The same column twice in one statement: CREATE TABLE fails (42701), UPDATE SET and INSERT
 * column lists fail (42601 "multiple assignments to same column"), ALTER TABLE fails for a
 * repeated ADD/DROP/TYPE and silently keeps the last of any other repeated subcommand.
 */
export default defineRule({
  id: 'ban-duplicate-column-assignment',
  meta: {
    summary: 'The same column twice in one CREATE TABLE, ALTER TABLE, UPDATE SET or INSERT column list',
    severity: 'error',
    messages: {
      duplicateColumn: '`{{column}}` is defined twice in this CREATE TABLE: PostgreSQL refuses it (column specified more than once).',
      duplicateAssignment: '`{{column}}` appears twice in this {{what}}: PostgreSQL refuses it (multiple assignments to same column).',
      duplicateSubcommand:
        'This ALTER TABLE has {{what}} twice for `{{column}}`: {{outcome}}',
    },
  },
  check(stmt, ctx) {
    return duplicates(locatedAst(stmt)).map((d) => {
      const span = spanOf(stmt, d);
      const outcome = d.fails ? 'PostgreSQL refuses the statement.' : 'only the last one takes effect, which is rarely what the author meant.';
      return ctx.report(d.messageId, { column: d.column, what: d.what, outcome }, { ...(span ? { span } : {}), ...(d.fails ? {} : { severity: 'warning' as const }) });
    });
  },
});
