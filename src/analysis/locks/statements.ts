/**
 * Every statement kind other than ALTER TABLE. Modes follow the PostgreSQL docs
 * (https://www.postgresql.org/docs/current/explicit-locking.html) where they say it and the
 * observed locks in ../shared/truth where they differ (row ids in comments).
 */
import type { CreateStmt, DropStmt, Node, RangeVar } from '@pgsql/types';
import { alterTable } from './alter-table.js';
import { readRelations, sequenceCalls, walk } from './expressions.js';
import { lockModeFromNumber } from './modes.js';
import type { LockModelOptions } from './options.js';
import { LockCollector, listParts, relationName } from './relation.js';
import type { LockMode } from './types.js';

function defNames(options: readonly Node[] | undefined): string[] {
  return (options ?? []).flatMap((o) => ('DefElem' in o && o.DefElem.defname ? [o.DefElem.defname.toLowerCase()] : []));
}

/** "a.b" from a List of Strings (DROP INDEX a.b). */
function qualified(node: Node | undefined): string {
  return listParts(node).join('.');
}

/** The referencing table of a qualified child object ("users.trigger" -> "users"). */
function tableOfQualifiedChild(node: Node | undefined): string {
  const parts = listParts(node);
  return parts.slice(0, -1).join('.');
}

const RELATION_OBJECTS = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_FOREIGN_TABLE']);

function readQuery(query: unknown, out: LockCollector): void {
  for (const r of readRelations(query)) out.add(r.name, r.locked ? 'RowShareLock' : 'AccessShareLock');
  for (const s of sequenceCalls(query)) out.add(s.sequence, s.fn === 'currval' ? 'AccessShareLock' : 'RowExclusiveLock');
}

function createTable(stmt: CreateStmt, out: LockCollector): void {
  if (!stmt.relation) return;
  const name = relationName(stmt.relation);
  // CREATE TABLE IF NOT EXISTS on an existing table does nothing (171); the text cannot tell.
  out.created(name);
  for (const parent of stmt.inhRelations ?? []) {
    if (!('RangeVar' in parent)) continue;
    // PARTITION OF takes AccessExclusiveLock on the parent (169, 170); INHERITS takes
    // ShareUpdateExclusiveLock on the parent (MergeAttributes in tablecmds.c).
    out.add(relationName(parent.RangeVar), stmt.partbound ? 'AccessExclusiveLock' : 'ShareUpdateExclusiveLock');
  }
  walk(stmt.tableElts, (kind, body) => {
    if (kind === 'Constraint' && body['contype'] === 'CONSTR_FOREIGN' && body['pktable']) {
      out.add(relationName(body['pktable'] as RangeVar), 'ShareRowExclusiveLock'); // 165
    }
    if (kind === 'TableLikeClause' && body['relation']) {
      out.add(relationName(body['relation'] as RangeVar), 'AccessShareLock'); // 166
    }
  });
}

function drop(stmt: DropStmt, out: LockCollector): void {
  const type = stmt.removeType ?? '';
  if (type === 'OBJECT_INDEX') {
    // The index's table gets the same AccessExclusiveLock (152); CONCURRENTLY holds the table at
    // ShareUpdateExclusiveLock and ends with AccessExclusiveLock on the index only (153).
    const concurrent = stmt.concurrent === true;
    if (concurrent) out.allowedInTransaction = false;
    for (const obj of stmt.objects ?? []) {
      out.add(qualified(obj), 'AccessExclusiveLock', {
        indexTableMode: concurrent ? 'ShareUpdateExclusiveLock' : 'AccessExclusiveLock',
      });
    }
    return;
  }
  if (RELATION_OBJECTS.has(type)) {
    // 172, 187, 194, 255. Dropping a partition also locks its parent, dropping a table with an
    // FK locks the referenced table (173): neither is named in the statement.
    for (const obj of stmt.objects ?? []) out.add(qualified(obj), 'AccessExclusiveLock');
    return;
  }
  if (type === 'OBJECT_TRIGGER' || type === 'OBJECT_POLICY' || type === 'OBJECT_RULE') {
    for (const obj of stmt.objects ?? []) out.add(tableOfQualifiedChild(obj), 'AccessExclusiveLock'); // 243
  }
}

/** Adds the locks of one statement to `out`. Statements that touch no relation add nothing. */
export function collectStatement(stmt: Node, out: LockCollector, options: LockModelOptions): void {
  const v = options.postgresVersion;
  if ('AlterTableStmt' in stmt) return alterTable(stmt.AlterTableStmt, out, options);

  if ('IndexStmt' in stmt) {
    const s = stmt.IndexStmt;
    if (!s.relation) return;
    if (s.nulls_not_distinct) out.requires(15, v);
    // ShareLock blocks writes for the whole build (133); CONCURRENTLY takes
    // ShareUpdateExclusiveLock and cannot run in a transaction block (134).
    if (s.concurrent) out.allowedInTransaction = false;
    out.add(relationName(s.relation), s.concurrent ? 'ShareUpdateExclusiveLock' : 'ShareLock', { scan: true });
    return;
  }

  if ('DropStmt' in stmt) return drop(stmt.DropStmt, out);

  if ('ReindexStmt' in stmt) {
    const s = stmt.ReindexStmt;
    const concurrent = defNames(s.params).includes('concurrently');
    if (concurrent) {
      out.requires(12, v);
      out.allowedInTransaction = false;
    }
    const kind = s.kind ?? '';
    if (kind === 'REINDEX_OBJECT_INDEX' && s.relation) {
      // Truth 157: ShareLock on the table, AccessExclusiveLock on the index (the explicit-locking
      // page lists REINDEX as ACCESS EXCLUSIVE; observed otherwise). CONCURRENTLY: the table at
      // ShareUpdateExclusiveLock, the old index AccessExclusiveLock at the swap (159).
      out.add(relationName(s.relation), 'AccessExclusiveLock', {
        rewrite: true,
        indexTableMode: concurrent ? 'ShareUpdateExclusiveLock' : 'ShareLock',
      });
    } else if (kind === 'REINDEX_OBJECT_TABLE' && s.relation) {
      // 158, 160: the heap is read, not rewritten; every index is rebuilt.
      out.add(relationName(s.relation), concurrent ? 'ShareUpdateExclusiveLock' : 'ShareLock', {
        scan: true,
        indexesRebuilt: true,
      });
    } else {
      // SCHEMA / DATABASE / SYSTEM: every table of the scope, one at a time, outside a transaction block (326).
      out.allowedInTransaction = false;
    }
    return;
  }

  if ('CreateStmt' in stmt) return createTable(stmt.CreateStmt, out);

  if ('CreateTableAsStmt' in stmt) {
    const s = stmt.CreateTableAsStmt;
    if (s.into?.rel) out.created(relationName(s.into.rel)); // 167, 188, 189
    readQuery(s.query, out);
    return;
  }

  if ('ViewStmt' in stmt) {
    const s = stmt.ViewStmt;
    if (!s.view) return;
    // CREATE OR REPLACE on an existing view takes AccessExclusiveLock on it (184).
    if (s.replace) out.add(relationName(s.view), 'AccessExclusiveLock');
    else out.created(relationName(s.view));
    readQuery(s.query, out);
    return;
  }

  if ('CreateSeqStmt' in stmt) {
    if (stmt.CreateSeqStmt.sequence) out.created(relationName(stmt.CreateSeqStmt.sequence)); // 254
    return;
  }

  if ('AlterSeqStmt' in stmt) {
    const s = stmt.AlterSeqStmt;
    if (!s.sequence) return;
    // ShareRowExclusiveLock (249-253). RESTART/INCREMENT/AS/CACHE also give the sequence a new
    // relfilenode: one page, so not a rewrite. OWNED BY reads the table (252).
    out.add(relationName(s.sequence), 'ShareRowExclusiveLock');
    for (const o of s.options ?? []) {
      if ('DefElem' in o && o.DefElem.defname === 'owned_by') {
        const table = tableOfQualifiedChild(o.DefElem.arg);
        if (table && table !== 'none') out.add(table, 'AccessShareLock');
      }
    }
    return;
  }

  if ('RenameStmt' in stmt) {
    const s = stmt.RenameStmt;
    if (!s.relation) return;
    const name = relationName(s.relation);
    // ALTER INDEX RENAME takes ShareUpdateExclusiveLock from PG 12 (042); everything else
    // renamed on a relation (table, column, constraint, view, sequence, trigger, policy) takes
    // AccessExclusiveLock (038-046, 129).
    const mode: LockMode = s.renameType === 'OBJECT_INDEX' && v >= 12 ? 'ShareUpdateExclusiveLock' : 'AccessExclusiveLock';
    out.add(name, mode);
    return;
  }

  if ('AlterObjectSchemaStmt' in stmt) {
    const s = stmt.AlterObjectSchemaStmt;
    if (s.relation && RELATION_OBJECTS.has(s.objectType ?? '')) out.add(relationName(s.relation), 'AccessExclusiveLock'); // 297
    return;
  }

  if ('TruncateStmt' in stmt) {
    // AccessExclusiveLock (178). The new, empty relfilenode is instant: not a rewrite.
    for (const r of stmt.TruncateStmt.relations ?? []) if ('RangeVar' in r) out.add(relationName(r.RangeVar), 'AccessExclusiveLock');
    return;
  }

  if ('VacuumStmt' in stmt) {
    const s = stmt.VacuumStmt;
    const opts = defNames(s.options);
    const full = s.is_vacuumcmd === true && opts.includes('full');
    // VACUUM cannot run in a transaction block; ANALYZE alone can (224).
    if (s.is_vacuumcmd) out.allowedInTransaction = false;
    for (const r of s.rels ?? []) {
      if (!('VacuumRelation' in r) || !r.VacuumRelation.relation) continue;
      // FULL copies the table under AccessExclusiveLock (221, 325); plain VACUUM and ANALYZE
      // take ShareUpdateExclusiveLock (222-224).
      out.add(relationName(r.VacuumRelation.relation), full ? 'AccessExclusiveLock' : 'ShareUpdateExclusiveLock', {
        rewrite: full,
        scan: true,
      });
    }
    return;
  }

  if ('ClusterStmt' in stmt) {
    const s = stmt.ClusterStmt;
    // CLUSTER rewrites the table in index order under AccessExclusiveLock (218, 219). Without a
    // table name it re-clusters every clustered table and cannot run in a transaction (327).
    if (!s.relation) {
      out.allowedInTransaction = false;
      return;
    }
    out.add(relationName(s.relation), 'AccessExclusiveLock', { rewrite: true });
    return;
  }

  if ('RefreshMatViewStmt' in stmt) {
    const s = stmt.RefreshMatViewStmt;
    if (!s.relation) return;
    // Plain: AccessExclusiveLock and new storage (190). CONCURRENTLY: ExclusiveLock (reads go
    // on), rows are diffed in place, no new relfilenode (191).
    out.add(relationName(s.relation), s.concurrent ? 'ExclusiveLock' : 'AccessExclusiveLock', {
      rewrite: !s.concurrent && !s.skipData,
      scan: !s.skipData,
    });
    return;
  }

  if ('LockStmt' in stmt) {
    const mode = lockModeFromNumber(stmt.LockStmt.mode);
    for (const r of stmt.LockStmt.relations ?? []) if ('RangeVar' in r) out.add(relationName(r.RangeVar), mode); // 225-231
    return;
  }

  if ('CreateTrigStmt' in stmt) {
    const s = stmt.CreateTrigStmt;
    if (s.replace) out.requires(14, v);
    if (s.relation) out.add(relationName(s.relation), 'ShareRowExclusiveLock'); // 240-242
    if (s.constrrel) out.add(relationName(s.constrrel), 'AccessShareLock');
    return;
  }

  if ('CreatePolicyStmt' in stmt) {
    if (stmt.CreatePolicyStmt.table) out.add(relationName(stmt.CreatePolicyStmt.table), 'AccessExclusiveLock'); // 269
    return;
  }
  if ('AlterPolicyStmt' in stmt) {
    if (stmt.AlterPolicyStmt.table) out.add(relationName(stmt.AlterPolicyStmt.table), 'AccessExclusiveLock');
    return;
  }
  if ('RuleStmt' in stmt) {
    if (stmt.RuleStmt.relation) out.add(relationName(stmt.RuleStmt.relation), 'AccessExclusiveLock');
    return;
  }

  if ('CreateStatsStmt' in stmt) {
    for (const r of stmt.CreateStatsStmt.relations ?? []) {
      if ('RangeVar' in r) out.add(relationName(r.RangeVar), 'ShareUpdateExclusiveLock'); // 304
    }
    return;
  }

  if ('CommentStmt' in stmt) {
    const s = stmt.CommentStmt;
    const type = s.objtype ?? '';
    // COMMENT ON a relation or column: ShareUpdateExclusiveLock on it (270-272). ON CONSTRAINT /
    // TRIGGER / POLICY / RULE: only AccessShareLock on the table (273; the docs say
    // ShareUpdateExclusiveLock, which goes to the constraint object).
    if (RELATION_OBJECTS.has(type) || type === 'OBJECT_INDEX') out.add(qualified(s.object), 'ShareUpdateExclusiveLock');
    else if (type === 'OBJECT_COLUMN') out.add(tableOfQualifiedChild(s.object), 'ShareUpdateExclusiveLock');
    else if (['OBJECT_TABCONSTRAINT', 'OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE'].includes(type)) {
      out.add(tableOfQualifiedChild(s.object), 'AccessShareLock');
    }
    return;
  }

  if ('GrantStmt' in stmt) {
    const s = stmt.GrantStmt;
    // PG 18 takes AccessShareLock on each named table or sequence; PG 15 takes none (261-266).
    // 16 and 17 are not observed; the lock is harmless either way, so it is reported from 18.
    if (v >= 18 && s.targtype === 'ACL_TARGET_OBJECT' && RELATION_OBJECTS.has(s.objtype ?? '')) {
      for (const o of s.objects ?? []) if ('RangeVar' in o) out.add(relationName(o.RangeVar), 'AccessShareLock');
    }
    return;
  }

  if ('AlterEnumStmt' in stmt) {
    // ADD VALUE ran only outside a transaction block before PG 12; RENAME VALUE (PG 10+) never
    // had that limit. No table is locked (195-198).
    if (stmt.AlterEnumStmt.newVal !== undefined && !stmt.AlterEnumStmt.oldVal && v < 12) out.allowedInTransaction = false;
    return;
  }

  if ('InsertStmt' in stmt) {
    const s = stmt.InsertStmt;
    if (s.relation) out.add(relationName(s.relation), 'RowExclusiveLock'); // 284-286
    readQuery(s.selectStmt, out);
    readQuery(s.withClause, out);
    return;
  }
  if ('UpdateStmt' in stmt) {
    const s = stmt.UpdateStmt;
    readQuery(s.withClause, out);
    for (const r of fromRelations(s.fromClause, s.withClause)) out.add(r, 'AccessShareLock');
    // RowExclusiveLock (274-279); without WHERE every row is visited.
    if (s.relation) out.add(relationName(s.relation), 'RowExclusiveLock', { scan: !s.whereClause });
    readQuery(s.whereClause, out);
    return;
  }
  if ('DeleteStmt' in stmt) {
    const s = stmt.DeleteStmt;
    readQuery(s.withClause, out);
    for (const r of fromRelations(s.usingClause, s.withClause)) out.add(r, 'AccessShareLock');
    if (s.relation) out.add(relationName(s.relation), 'RowExclusiveLock', { scan: !s.whereClause }); // 280-283
    readQuery(s.whereClause, out);
    return;
  }
  if ('MergeStmt' in stmt) {
    const s = stmt.MergeStmt;
    if (s.relation) out.add(relationName(s.relation), 'RowExclusiveLock'); // 287
    readQuery(s.sourceRelation, out);
    for (const r of fromRelations(s.sourceRelation ? [s.sourceRelation] : [])) out.add(r, 'AccessShareLock');
    return;
  }
  if ('SelectStmt' in stmt) {
    readQuery(stmt, out); // SELECT setval('users_id_seq', ...) locks the sequence (256)
    return;
  }
  if ('ExplainStmt' in stmt) {
    const analyze = defNames(stmt.ExplainStmt.options).includes('analyze');
    // EXPLAIN ANALYZE runs the statement; plain EXPLAIN only plans it (AccessShareLock on what it reads).
    if (stmt.ExplainStmt.query) {
      if (analyze) collectStatement(stmt.ExplainStmt.query, out, options);
      else readQuery(stmt.ExplainStmt.query, out);
    }
    return;
  }

  if ('AlterDomainStmt' in stmt) {
    // ADD CONSTRAINT (validated), VALIDATE CONSTRAINT and SET NOT NULL take ShareLock on every
    // table with a column of the domain and scan it (205, 207, 209). Those tables are not named
    // in the statement, so nothing is reported here.
    return;
  }

  if (NOT_IN_TRANSACTION.some((k) => k in stmt)) out.allowedInTransaction = false;
  if ('CreateSubscriptionStmt' in stmt || 'DropSubscriptionStmt' in stmt) {
    // With a replication slot (the default) these refuse a transaction block.
    out.allowedInTransaction = false;
  }
}

const NOT_IN_TRANSACTION = ['CreatedbStmt', 'DropdbStmt', 'CreateTableSpaceStmt', 'DropTableSpaceStmt', 'AlterSystemStmt'];

/** Plain relations in a FROM/USING list, minus references to the statement's CTEs. */
function fromRelations(nodes: readonly Node[] | undefined, withClause?: unknown): string[] {
  const ctes = new Set<string>();
  walk(withClause, (kind, body) => {
    if (kind === 'CommonTableExpr' && typeof body['ctename'] === 'string') ctes.add(body['ctename']);
  });
  const out: string[] = [];
  for (const n of nodes ?? []) {
    if (!('RangeVar' in n)) continue;
    if (!n.RangeVar.schemaname && ctes.has(n.RangeVar.relname ?? '')) continue;
    out.push(relationName(n.RangeVar));
  }
  return out;
}
