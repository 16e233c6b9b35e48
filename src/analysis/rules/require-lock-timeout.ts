import { StateTracker } from '../engine/state.js';
import type { Edit } from '../finding.js';
import { describeLock, type TableLock } from '../locks/index.js';
import { defineRule, type RuleContext, type StatementInfo } from './types.js';

/**
 * A statement that waits for a lock sits in the table's lock queue, and every later request that
 * conflicts with it queues behind it: an ALTER TABLE waiting for ACCESS EXCLUSIVE behind one slow
 * SELECT stops every other SELECT on the table until it gets the lock and finishes
 * (https://www.postgresql.org/docs/current/explicit-locking.html). lock_timeout bounds that wait:
 * the statement fails instead, and the migration can be retried. "Strong" means the lock blocks
 * reads or writes (SHARE and up); SHARE UPDATE EXCLUSIVE only queues other DDL and VACUUM.
 * One finding per section, on the first such statement: one SET at the top fixes them all.
 */
export default defineRule({
  id: 'require-lock-timeout',
  // A down runs in an emergency, under the same locks and the same lock queue.
  sections: ['up', 'down'],
  meta: {
    summary: 'A strong lock is taken with no lock_timeout set: while it waits, all traffic on the table queues behind it',
    severity: 'warning',
    messages: {
      missingLockTimeout:
        'This statement takes {{lock}} on `{{table}}` with no lock_timeout set. While it waits for running transactions to finish, every later query on `{{table}}` that conflicts with it queues behind it, so one slow query can stall the application for as long as it runs. Set lock_timeout first (a few seconds), and retry the migration if it times out.',
    },
    recipe: [
      '```sql',
      "SET lock_timeout = '5s';        -- autocommit: lasts for the session",
      "SET LOCAL lock_timeout = '5s';  -- inside a transaction: lasts until COMMIT",
      'ALTER TABLE <table> ...;',
      '```',
      'If your runner already sets lock_timeout for every migration, turn this rule off with `requireLockTimeout: false`.',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!ctx.requireLockTimeout || ctx.state.lockTimeoutSet) return [];
    const lock = strongLock(stmt, ctx);
    if (!lock) return [];
    // Once per section: replay the statements before this one and stop if one already qualified.
    const replay = new StateTracker(stmt.section.transaction, new Set());
    for (const earlier of ctx.previous) {
      if (!replay.snapshot().lockTimeoutSet && strongLock(earlier, ctx)) return [];
      replay.advance(earlier.ast, earlier.locks.locks);
    }
    const edit = setLockTimeout(stmt, ctx);
    return [
      ctx.report(
        'missingLockTimeout',
        { table: lock.table, lock: describeLock(lock.mode) },
        { table: lock.table, lock, fix: { title: "Set lock_timeout = '5s' before the statement", edits: [edit] } },
      ),
    ];
  },
});

/** The first lock (strongest first) that blocks reads or writes on a relation that existed before this migration. */
function strongLock(stmt: StatementInfo, ctx: RuleContext<string>): TableLock | undefined {
  return stmt.locks.locks.find((l) => (l.blocks.includes('reads') || l.blocks.includes('writes')) && !ctx.isNew(l.table));
}

/** `SET [LOCAL] lock_timeout = '5s';` inserted on its own line before the statement, keeping its indentation. */
function setLockTimeout(stmt: StatementInfo, ctx: RuleContext<string>): Edit {
  // SET LOCAL would be a no-op in autocommit; a session SET inside the runner's transaction would leak to later migrations.
  const set = `SET ${ctx.state.inTransaction ? 'LOCAL ' : ''}lock_timeout = '5s';`;
  const bytes = new TextEncoder().encode(ctx.migration.texts[stmt.file] ?? '');
  let lineStart = stmt.span.start;
  while (lineStart > 0 && bytes[lineStart - 1] !== 0x0a && bytes[lineStart - 1] !== 0x0d) lineStart--;
  const indent = new TextDecoder().decode(bytes.subarray(lineStart, stmt.span.start));
  const newline = /\r\n/.test(ctx.migration.texts[stmt.file] ?? '') ? '\r\n' : '\n';
  const text = /^[ \t]*$/.test(indent) ? `${set}${newline}${indent}` : `${set} `;
  return { span: { start: stmt.span.start, end: stmt.span.start }, text };
}
