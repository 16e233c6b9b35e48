import { describeLock } from '../locks/index.js';
import { alterTableOf, columnConstraints, columnDefOf, defineRule, lockOn } from './types.js';

/**
 * ADD COLUMN ... GENERATED ALWAYS AS (expr) STORED computes the value for every existing row:
 * the table is rewritten under ACCESS EXCLUSIVE (truth 014). PostgreSQL 18 adds virtual generated
 * columns (the default kind there), computed on read: adding one is a catalog change (truth 015).
 */
export default defineRule({
  id: 'ban-stored-generated-column',
  meta: {
    summary: 'Adding a STORED generated column rewrites the whole table',
    severity: 'error',
    lock: 'AccessExclusiveLock',
    sizeAware: true,
    messages: {
      rewrites:
        'Adding the STORED generated column `{{column}}` computes it for every row: `{{table}}` is rewritten while it holds {{lock}}. Add a plain nullable column, keep it filled with a trigger and backfill it in batches.',
      rewritesVirtualAvailable:
        'Adding the STORED generated column `{{column}}` computes it for every row: `{{table}}` is rewritten while it holds {{lock}}. On PostgreSQL 18 a VIRTUAL generated column (omit STORED) is computed on read and adds instantly, unless you need to index it.',
    },
    recipe: [
      '```sql',
      '-- PostgreSQL 18+, when the column need not be indexed: computed on read, no rewrite.',
      'ALTER TABLE <table> ADD COLUMN <column> <type> GENERATED ALWAYS AS (<expr>) VIRTUAL;',
      '-- Otherwise: a plain column, kept current by a trigger, backfilled in batches.',
      'ALTER TABLE <table> ADD COLUMN <column> <type>;',
      'CREATE FUNCTION <table>_<column>_fill() RETURNS trigger LANGUAGE plpgsql AS',
      '$$ BEGIN NEW.<column> := <expr using NEW>; RETURN NEW; END $$;',
      'CREATE TRIGGER <table>_<column>_fill BEFORE INSERT OR UPDATE ON <table>',
      '  FOR EACH ROW EXECUTE FUNCTION <table>_<column>_fill();',
      'UPDATE <table> SET <column> = <expr> WHERE id BETWEEN <from> AND <to>;  -- repeat per batch',
      '```',
    ].join('\n'),
  },
  check(stmt, ctx) {
    const alter = alterTableOf(stmt);
    if (!alter) return [];
    const lock = lockOn(stmt, alter.table);
    return alter.cmds.flatMap((cmd) => {
      const def = cmd.subtype === 'AT_AddColumn' ? columnDefOf(cmd) : undefined;
      const generated = columnConstraints(def).find((c) => c.contype === 'CONSTR_GENERATED');
      if (!def || generated?.generated_kind !== 's') return [];
      const data = { column: def.colname ?? '', table: alter.table, lock: describeLock(lock?.mode ?? 'AccessExclusiveLock') };
      const messageId = ctx.postgresVersion >= 18 ? 'rewritesVirtualAvailable' : 'rewrites';
      return [ctx.report(messageId, data, { table: alter.table, rewrite: true, ...(lock ? { lock } : {}) })];
    });
  },
});
