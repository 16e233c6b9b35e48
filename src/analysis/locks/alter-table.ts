/**
 * ALTER TABLE / INDEX / VIEW / MATERIALIZED VIEW / SEQUENCE / TYPE: the lock of each subcommand.
 * PostgreSQL takes the strongest lock any subcommand needs (AlterTableGetLockLevel in
 * src/backend/commands/tablecmds.c); the docs list them per form at
 * https://www.postgresql.org/docs/current/sql-altertable.html. Truth row ids in comments refer to
 * ../shared/truth/truth.tsv.
 */
import type { AlterTableCmd, AlterTableStmt, ColumnDef, Constraint, Node } from '@pgsql/types';
import { alterColumnTypeRewrites, typeRef } from './column-types.js';
import { isNullConstant, isVolatile, sequenceCalls } from './expressions.js';
import { stronger } from './modes.js';
import type { LockModelOptions } from './options.js';
import { LockCollector, nameParts, relationName } from './relation.js';
import type { LockMode } from './types.js';

interface CmdEffect {
  mode: LockMode;
  rewrite?: boolean;
  scan?: boolean;
}

/**
 * Reloptions that need only ShareUpdateExclusiveLock (each reloption declares its own lock mode
 * in src/backend/access/common/reloptions.c). Everything else, e.g. user_catalog_table
 * (truth 313) or a view's security_barrier, takes AccessExclusiveLock.
 */
const SUE_RELOPTIONS = new Set([
  'fillfactor', 'parallel_workers', 'toast_tuple_target', 'log_autovacuum_min_duration', 'vacuum_index_cleanup',
  'vacuum_truncate', 'vacuum_max_eager_freeze_failure_rate', 'pages_per_range', 'autosummarize', 'buffering',
  'fastupdate', 'gin_pending_list_limit', 'deduplicate_items',
]);

function reloptionsMode(def: Node | undefined): LockMode {
  const items = def && 'List' in def ? (def.List.items ?? []) : [];
  let mode: LockMode = 'ShareUpdateExclusiveLock';
  for (const item of items) {
    if (!('DefElem' in item)) continue;
    const name = (item.DefElem.defname ?? '').toLowerCase();
    const ns = (item.DefElem.defnamespace ?? '').toLowerCase();
    const sue = SUE_RELOPTIONS.has(name) || name.startsWith('autovacuum_') || (ns === 'toast' && name.startsWith('autovacuum_'));
    if (!sue) mode = 'AccessExclusiveLock';
  }
  return mode;
}

function constraintsOf(def: ColumnDef): Constraint[] {
  return (def.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint] : []));
}

const SERIAL_TYPES = new Set(['serial', 'bigserial', 'smallserial', 'serial2', 'serial4', 'serial8']);

/**
 * ADD COLUMN: AccessExclusiveLock. Rewrites when existing rows need a value computed per row:
 * a volatile default (008-011), serial types (012, 013: nextval default), an identity column
 * (016, 017), a STORED generated column (014), or before PG 11 any non-NULL default ("fast
 * default" arrived in 11). A domain type with CHECK constraints also rewrites (025), known only
 * through `schema.domain`. A virtual generated column (PG 18, 015) does not.
 */
function addColumn(def: ColumnDef, out: LockCollector, options: LockModelOptions): CmdEffect {
  const constraints = constraintsOf(def);
  const type = typeRef(def.typeName);
  const defaultExpr = constraints.find((c) => c.contype === 'CONSTR_DEFAULT')?.raw_expr;
  const hasDefault = !!defaultExpr && !isNullConstant(defaultExpr);
  let rewrite = false;
  if (SERIAL_TYPES.has(type.name) || SERIAL_TYPES.has(nameParts(def.typeName?.names).pop() ?? '')) rewrite = true;
  if (hasDefault && (isVolatile(defaultExpr) || options.postgresVersion < 11)) rewrite = true;
  if (constraints.some((c) => c.contype === 'CONSTR_IDENTITY')) rewrite = true;
  const generated = constraints.find((c) => c.contype === 'CONSTR_GENERATED');
  if (generated) {
    if (generated.generated_kind === 'v') out.requires(18, options.postgresVersion);
    else rewrite = true;
  }
  if (options.schema?.domain?.(type.name)?.hasCheck) rewrite = true;
  let scan = rewrite;
  for (const c of constraints) {
    // An inline CHECK is validated by a full scan even on a new nullable column (019, 020);
    // NOT NULL without a default must prove the table empty; UNIQUE/PRIMARY KEY build an index (021).
    if (c.contype === 'CONSTR_CHECK' || c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY') scan = true;
    if (c.contype === 'CONSTR_NOTNULL' && !hasDefault) scan = true;
    if (c.contype === 'CONSTR_FOREIGN' && c.pktable) {
      // REFERENCES: ShareRowExclusiveLock on the referenced table (022, 023). With a default, the
      // existing rows are checked against it, which reads both tables (023).
      out.add(relationName(c.pktable), 'ShareRowExclusiveLock', { scan: hasDefault });
      if (hasDefault) scan = true;
    }
  }
  for (const s of sequenceCalls(defaultExpr)) out.add(s.sequence, 'RowExclusiveLock');
  return { mode: 'AccessExclusiveLock', rewrite, scan };
}

/**
 * ADD CONSTRAINT. CHECK/UNIQUE/PRIMARY KEY/EXCLUDE: AccessExclusiveLock (095, 115, 117, 131);
 * UNIQUE/PK/EXCLUDE build their index under it (ShareLock is also taken, but the
 * AccessExclusiveLock dominates). FOREIGN KEY: ShareRowExclusiveLock on both tables (104, 105).
 * NOT VALID skips the validation scan; NOT ENFORCED (PG 18) skips it too (103, 112).
 */
function addConstraint(c: Constraint, out: LockCollector, options: LockModelOptions): CmdEffect {
  // The parser sets is_enforced: true on every CHECK/FOREIGN KEY unless NOT ENFORCED was written
  // (the field is then absent: false is not serialized).
  const notEnforced = c.is_enforced !== true && (c.contype === 'CONSTR_CHECK' || c.contype === 'CONSTR_FOREIGN');
  if (notEnforced) out.requires(18, options.postgresVersion);
  const validates = !c.skip_validation && !notEnforced;
  switch (c.contype) {
    case 'CONSTR_FOREIGN':
      if (c.pktable) out.add(relationName(c.pktable), 'ShareRowExclusiveLock', { scan: validates });
      return { mode: 'ShareRowExclusiveLock', scan: validates };
    case 'CONSTR_CHECK':
      return { mode: 'AccessExclusiveLock', scan: validates };
    case 'CONSTR_NOTNULL':
      // ADD CONSTRAINT name NOT NULL col [NOT VALID] is PG 18 syntax (088, 089).
      out.requires(18, options.postgresVersion);
      return { mode: 'AccessExclusiveLock', scan: validates };
    case 'CONSTR_PRIMARY':
      // USING INDEX reuses the index; a PRIMARY KEY still scans to add NOT NULL (118, 120).
      if (c.without_overlaps) out.requires(18, options.postgresVersion);
      return { mode: 'AccessExclusiveLock', scan: true };
    case 'CONSTR_UNIQUE':
      if (c.without_overlaps) out.requires(18, options.postgresVersion);
      if (c.nulls_not_distinct) out.requires(15, options.postgresVersion);
      return { mode: 'AccessExclusiveLock', scan: !c.indexname };
    case 'CONSTR_EXCLUSION':
      return { mode: 'AccessExclusiveLock', scan: true };
    default:
      return { mode: 'AccessExclusiveLock' };
  }
}

function partitionName(def: Node | undefined): string {
  return def && 'PartitionCmd' in def && def.PartitionCmd.name ? relationName(def.PartitionCmd.name) : '';
}

function cmdEffect(cmd: AlterTableCmd, stmt: AlterTableStmt, table: string, out: LockCollector, options: LockModelOptions): CmdEffect {
  const v = options.postgresVersion;
  const isIndex = stmt.objtype === 'OBJECT_INDEX';
  switch (cmd.subtype) {
    case 'AT_AddColumn':
    case 'AT_AddColumnToView':
      if (cmd.def && 'ColumnDef' in cmd.def) return addColumn(cmd.def.ColumnDef, out, options);
      return { mode: 'AccessExclusiveLock' };
    case 'AT_AddConstraint':
      if (cmd.def && 'Constraint' in cmd.def) return addConstraint(cmd.def.Constraint, out, options);
      return { mode: 'AccessExclusiveLock' };
    case 'AT_ValidateConstraint':
      // ShareUpdateExclusiveLock while the rows are checked (097, 101, 106).
      return { mode: 'ShareUpdateExclusiveLock', scan: true };
    case 'AT_AlterColumnType': {
      const def = cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
      const verdict = alterColumnTypeRewrites(table, cmd.name ?? '', def?.typeName, def?.raw_default, options.schema);
      return { mode: 'AccessExclusiveLock', rewrite: verdict.rewrite, scan: verdict.rewrite };
    }
    case 'AT_SetNotNull':
      // Scans to prove no NULLs, unless a validated CHECK (col IS NOT NULL) exists (PG 12+; 083).
      return { mode: 'AccessExclusiveLock', scan: true };
    case 'AT_SetExpression':
      // PG 17+: recomputes the stored column for every row (314).
      out.requires(17, v);
      return { mode: 'AccessExclusiveLock', rewrite: true };
    case 'AT_SetStatistics':
    case 'AT_SetOptions':
    case 'AT_ResetOptions':
      // Planner-only attribute settings (302, 303).
      return { mode: 'ShareUpdateExclusiveLock' };
    case 'AT_SetRelOptions':
    case 'AT_ResetRelOptions':
    case 'AT_ReplaceRelOptions':
      return { mode: reloptionsMode(cmd.def) };
    case 'AT_ClusterOn':
    case 'AT_DropCluster':
      return { mode: 'ShareUpdateExclusiveLock' }; // 220
    case 'AT_EnableTrig':
    case 'AT_EnableAlwaysTrig':
    case 'AT_EnableReplicaTrig':
    case 'AT_EnableTrigAll':
    case 'AT_EnableTrigUser':
    case 'AT_DisableTrig':
    case 'AT_DisableTrigAll':
    case 'AT_DisableTrigUser':
      return { mode: 'ShareRowExclusiveLock' }; // 244-247
    case 'AT_SetTableSpace':
      // Copies the files: a rewrite of the table or index (162, 212). Moving to the tablespace it
      // is already in is a no-op (213), which the statement cannot tell.
      return { mode: 'AccessExclusiveLock', rewrite: true };
    case 'AT_SetLogged':
    case 'AT_SetUnLogged':
      return { mode: 'AccessExclusiveLock', rewrite: true }; // 214, 215
    case 'AT_SetAccessMethod': {
      // PG 15+. Rewrites unless the table already uses that method; `heap` is the default
      // method, so SET ACCESS METHOD heap is taken as a no-op (217).
      out.requires(15, v);
      const method = (cmd.name ?? '').toLowerCase();
      return { mode: 'AccessExclusiveLock', rewrite: method !== '' && method !== 'heap' };
    }
    case 'AT_AttachPartition': {
      const part = partitionName(cmd.def);
      if (isIndex) {
        // ALTER INDEX parent ATTACH PARTITION child (163): ShareUpdateExclusiveLock on the parent
        // index, AccessExclusiveLock on the child index, AccessShareLock on their tables.
        out.add(table, 'ShareUpdateExclusiveLock', { indexTableMode: 'AccessShareLock' });
        out.add(part, 'AccessExclusiveLock', { indexTableMode: 'AccessShareLock' });
        return { mode: 'ShareUpdateExclusiveLock' };
      }
      // The partition gets AccessExclusiveLock and is scanned for rows outside the bound unless a
      // validated CHECK proves it (232, 233). The parent needs only ShareUpdateExclusiveLock from
      // PG 12; PG 11 took AccessExclusiveLock.
      out.add(part, 'AccessExclusiveLock', { scan: true });
      return { mode: v >= 12 ? 'ShareUpdateExclusiveLock' : 'AccessExclusiveLock' };
    }
    case 'AT_DetachPartition': {
      const part = partitionName(cmd.def);
      const concurrent = cmd.def && 'PartitionCmd' in cmd.def && cmd.def.PartitionCmd.concurrent === true;
      out.add(part, 'AccessExclusiveLock');
      if (concurrent) {
        // PG 14+, outside a transaction block; the parent is held at ShareUpdateExclusiveLock (237).
        out.requires(14, v);
        out.allowedInTransaction = false;
        return { mode: 'ShareUpdateExclusiveLock' };
      }
      return { mode: 'AccessExclusiveLock' }; // 236
    }
    case 'AT_DetachPartitionFinalize':
      out.requires(14, v);
      out.add(partitionName(cmd.def), 'AccessExclusiveLock');
      return { mode: 'ShareUpdateExclusiveLock' };
    case 'AT_AddInherit':
      // The new parent is opened with ShareUpdateExclusiveLock; the child is checked against its constraints.
      if (cmd.def && 'RangeVar' in cmd.def) out.add(relationName(cmd.def.RangeVar), 'ShareUpdateExclusiveLock');
      return { mode: 'AccessExclusiveLock', scan: true };
    case 'AT_DropInherit':
      if (cmd.def && 'RangeVar' in cmd.def) out.add(relationName(cmd.def.RangeVar), 'AccessShareLock');
      return { mode: 'AccessExclusiveLock' };
    case 'AT_AlterConstraint':
      // Changing deferrability rewrites the FK triggers; observed AccessExclusiveLock (114).
      return { mode: 'AccessExclusiveLock' };
    case 'AT_SetIdentity':
    case 'AT_AddIdentity':
    case 'AT_DropIdentity':
      // The identity sequence also gets a new relfilenode on RESTART (257); a sequence is one
      // page, so that is not counted as a rewrite.
      return { mode: 'AccessExclusiveLock' };
    default:
      // Everything else takes AccessExclusiveLock: DROP COLUMN (032), SET/DROP DEFAULT (091-094),
      // DROP NOT NULL (085), DROP CONSTRAINT (113, 124), SET STORAGE/COMPRESSION (305-307),
      // DROP EXPRESSION (315), REPLICA IDENTITY (298-301), OWNER TO (267), SET SCHEMA,
      // ENABLE/DISABLE ROW LEVEL SECURITY (268), RULE switches, OF / NOT OF, GENERIC OPTIONS.
      return { mode: 'AccessExclusiveLock' };
  }
}

export function alterTable(stmt: AlterTableStmt, out: LockCollector, options: LockModelOptions): void {
  if (!stmt.relation) return;
  const table = relationName(stmt.relation);
  if (stmt.objtype === 'OBJECT_TYPE') {
    // ALTER TYPE composite ADD/DROP/ALTER ATTRIBUTE locks the composite type's pg_class entry
    // (202). Tables using the type are checked, not locked; a type in use cannot change type (203).
    out.add(table, 'AccessExclusiveLock');
    return;
  }
  // Listed first among equals: pre-register with the weakest mode, raised below.
  if ((stmt.cmds ?? []).length > 0) out.add(table, 'AccessShareLock');
  let mode: LockMode | undefined;
  let rewrite = false;
  let scan = false;
  for (const node of stmt.cmds ?? []) {
    if (!('AlterTableCmd' in node)) continue;
    const effect = cmdEffect(node.AlterTableCmd, stmt, table, out, options);
    mode = mode ? stronger(mode, effect.mode) : effect.mode;
    rewrite ||= effect.rewrite ?? false;
    scan ||= effect.scan ?? false;
  }
  if (mode) out.add(table, mode, { rewrite, scan });
}
