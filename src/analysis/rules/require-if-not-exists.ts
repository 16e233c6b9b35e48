import type { Edit } from '../finding.js';
import { alterTableOf, defineRule, type RuleContext, type StatementInfo } from './types.js';

/** The keyword after which DROP <kind> takes IF EXISTS. */
const DROP_KEYWORD: Readonly<Record<string, string>> = {
  OBJECT_TABLE: 'TABLE', OBJECT_INDEX: 'INDEX', OBJECT_SEQUENCE: 'SEQUENCE', OBJECT_VIEW: 'VIEW', OBJECT_MATVIEW: 'VIEW',
  OBJECT_TYPE: 'TYPE', OBJECT_DOMAIN: 'DOMAIN', OBJECT_SCHEMA: 'SCHEMA', OBJECT_EXTENSION: 'EXTENSION',
  OBJECT_FUNCTION: 'FUNCTION', OBJECT_PROCEDURE: 'PROCEDURE', OBJECT_TRIGGER: 'TRIGGER', OBJECT_FOREIGN_TABLE: 'TABLE',
};

type Check = { messageId: 'createWithoutIfNotExists' | 'dropWithoutIfExists' | 'unnamedIndex'; what: string; keyword?: string };

function missingGuard(stmt: StatementInfo): Check[] {
  const ast = stmt.ast;
  if ('CreateStmt' in ast) return ast.CreateStmt.if_not_exists ? [] : [{ messageId: 'createWithoutIfNotExists', what: 'CREATE TABLE', keyword: 'TABLE' }];
  if ('CreateTableAsStmt' in ast) {
    const matview = ast.CreateTableAsStmt.objtype === 'OBJECT_MATVIEW';
    return ast.CreateTableAsStmt.if_not_exists ? [] : [{ messageId: 'createWithoutIfNotExists', what: matview ? 'CREATE MATERIALIZED VIEW' : 'CREATE TABLE AS', keyword: matview ? 'VIEW' : 'TABLE' }];
  }
  if ('CreateSeqStmt' in ast) return ast.CreateSeqStmt.if_not_exists ? [] : [{ messageId: 'createWithoutIfNotExists', what: 'CREATE SEQUENCE', keyword: 'SEQUENCE' }];
  if ('CreateSchemaStmt' in ast) return ast.CreateSchemaStmt.if_not_exists ? [] : [{ messageId: 'createWithoutIfNotExists', what: 'CREATE SCHEMA', keyword: 'SCHEMA' }];
  if ('CreateExtensionStmt' in ast) return ast.CreateExtensionStmt.if_not_exists ? [] : [{ messageId: 'createWithoutIfNotExists', what: 'CREATE EXTENSION', keyword: 'EXTENSION' }];
  if ('IndexStmt' in ast) {
    const index = ast.IndexStmt;
    if (index.if_not_exists) return [];
    // IF NOT EXISTS needs a name; an unnamed index is created again under a new name (t_a_idx1) on a re-run.
    if (!index.idxname) return [{ messageId: 'unnamedIndex', what: 'CREATE INDEX' }];
    return [{ messageId: 'createWithoutIfNotExists', what: 'CREATE INDEX', keyword: index.concurrent ? 'CONCURRENTLY' : 'INDEX' }];
  }
  if ('DropStmt' in ast) {
    const drop = ast.DropStmt;
    const keyword = DROP_KEYWORD[drop.removeType ?? ''];
    if (drop.missing_ok || !keyword) return [];
    return [{ messageId: 'dropWithoutIfExists', what: `DROP ${keyword === 'VIEW' && drop.removeType === 'OBJECT_MATVIEW' ? 'MATERIALIZED VIEW' : keyword}`, keyword: drop.concurrent ? 'CONCURRENTLY' : keyword }];
  }
  const alter = alterTableOf(stmt);
  if (!alter) return [];
  const single = alter.cmds.length === 1;
  return alter.cmds.flatMap((cmd): Check[] => {
    if (cmd.missing_ok) return [];
    if (cmd.subtype === 'AT_AddColumn') return [{ messageId: 'createWithoutIfNotExists', what: 'ADD COLUMN', ...(single ? { keyword: 'ADD' } : {}) }];
    if (cmd.subtype === 'AT_DropColumn') return [{ messageId: 'dropWithoutIfExists', what: 'DROP COLUMN', ...(single ? { keyword: 'DROP' } : {}) }];
    return [];
  });
}

function guardEdit(stmt: StatementInfo, ctx: RuleContext<string>, check: Check): Edit | undefined {
  if (!check.keyword) return undefined;
  const guard = check.messageId === 'dropWithoutIfExists' ? ' IF EXISTS' : ' IF NOT EXISTS';
  // ADD/DROP [COLUMN]: the guard goes after COLUMN when it is written, else right after ADD/DROP.
  if (check.keyword === 'ADD' || check.keyword === 'DROP') {
    return ctx.insertAfterKeyword(stmt, 'COLUMN', guard) ?? ctx.insertAfterKeyword(stmt, check.keyword, guard);
  }
  return ctx.insertAfterKeyword(stmt, check.keyword, guard);
}

/**
 * Outside a transaction each statement commits on its own. If a later statement of the section
 * fails, this one stays applied, and re-running the migration (the runner runs the whole file
 * again) fails here with "already exists" / "does not exist". A failed CREATE INDEX
 * CONCURRENTLY leaves an INVALID index under its name, so even alone it cannot simply re-run.
 * Inside a transaction the failure rolls everything back and a re-run starts clean.
 */
export default defineRule({
  id: 'require-if-not-exists',
  meta: {
    summary: 'CREATE/DROP without IF [NOT] EXISTS where a half-applied migration cannot be re-run',
    severity: 'warning',
    messages: {
      createWithoutIfNotExists:
        'This runs outside a transaction: if a later statement of the migration fails, this {{what}} stays applied and re-running the migration fails here with "already exists". Add IF NOT EXISTS.',
      dropWithoutIfExists:
        'This runs outside a transaction: if a later statement of the migration fails, this {{what}} stays applied and re-running the migration fails here with "does not exist". Add IF EXISTS.',
      unnamedIndex:
        'This runs outside a transaction: if the migration fails after it and is re-run, an unnamed index is built a second time under a new name (`..._idx1`), a silent duplicate. Name the index and add IF NOT EXISTS.',
    },
    recipe: [
      '```sql',
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_idx ON orders (user_id);',
      'DROP INDEX CONCURRENTLY IF EXISTS orders_legacy_idx;',
      'ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;',
      '-- IF NOT EXISTS also skips an INVALID index left by a failed concurrent build: check after the re-run',
      "SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid;",
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (ctx.state.inTransaction) return [];
    const concurrentBuild = 'IndexStmt' in stmt.ast && stmt.ast.IndexStmt.concurrent === true;
    const laterCanFail = ctx.following.some((s) => !('TransactionStmt' in s.ast) && !('VariableSetStmt' in s.ast));
    if (!laterCanFail && !concurrentBuild) return [];
    return missingGuard(stmt).map((check) => {
      const edit = guardEdit(stmt, ctx as RuleContext<string>, check);
      const fix = edit ? { fix: { title: `Add IF ${check.messageId === 'dropWithoutIfExists' ? '' : 'NOT '}EXISTS`, edits: [edit] } } : {};
      return ctx.report(check.messageId, { what: check.what }, fix);
    });
  },
});
