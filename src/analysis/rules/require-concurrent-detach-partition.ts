import { describeLock, relationName } from '../locks/index.js';
import { alterTableOf, defineRule, lockOn } from './types.js';

/**
 * DETACH PARTITION takes ACCESS EXCLUSIVE on the parent (truth 236): every query on any partition
 * through the parent waits, and the lock request itself queues behind long queries. DETACH ...
 * CONCURRENTLY (PostgreSQL 14+) holds the parent only in SHARE UPDATE EXCLUSIVE (237), outside a
 * transaction block and not when the parent has a default partition. Before 14 there is no
 * alternative: the finding says so and keeps the size-aware severity.
 */
export default defineRule({
  id: 'require-concurrent-detach-partition',
  meta: {
    summary: 'DETACH PARTITION without CONCURRENTLY locks the whole partitioned table',
    severity: 'warning',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      locksParent:
        'Detaching `{{partition}}` holds {{lock}} on `{{table}}`: every query on the partitioned table waits, and the lock queues behind running queries. Use DETACH PARTITION ... CONCURRENTLY (outside a transaction block; not possible while `{{table}}` has a default partition).',
      locksParentNoConcurrent:
        'Detaching `{{partition}}` holds {{lock}} on `{{table}}`: every query on the partitioned table waits. DETACH PARTITION CONCURRENTLY needs PostgreSQL 14 (target: {{version}}): set a short lock_timeout and run it when traffic is low.',
    },
    recipe: [
      '```sql',
      '-- PostgreSQL 14+, alone and outside a transaction block:',
      'ALTER TABLE <parent> DETACH PARTITION <partition> CONCURRENTLY;',
      '-- If it was interrupted, finish it:',
      'ALTER TABLE <parent> DETACH PARTITION <partition> FINALIZE;',
      '-- Before 14:',
      "SET lock_timeout = '2s';",
      'ALTER TABLE <parent> DETACH PARTITION <partition>;',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    if (!alter) return [];
    const lock = lockOn(stmt, alter.table);
    return alter.cmds.flatMap((cmd) => {
      if (cmd.subtype !== 'AT_DetachPartition' || !cmd.def || !('PartitionCmd' in cmd.def)) return [];
      const part = cmd.def.PartitionCmd;
      if (part.concurrent) return [];
      const data = {
        partition: part.name ? relationName(part.name) : '',
        table: alter.table,
        lock: describeLock(lock?.mode ?? 'AccessExclusiveLock'),
        version: ctx.postgresVersion,
      };
      const options = { table: alter.table, ...(lock ? { lock } : {}) };
      return [ctx.report(ctx.postgresVersion >= 14 ? 'locksParent' : 'locksParentNoConcurrent', data, options)];
    });
  },
});
