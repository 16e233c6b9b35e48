import { defineRule } from './types.js';

/**
 * ALTER DOMAIN ... ADD CONSTRAINT (validated) and ALTER DOMAIN ... SET NOT NULL check every
 * column of every table that uses the domain, holding SHARE (writes wait) on each of those tables
 * for the scan (truth 205, 209). ADD CONSTRAINT ... NOT VALID takes no table lock (206).
 * VALIDATE CONSTRAINT later takes the same SHARE lock and scan (207), so NOT VALID only lets you
 * choose when the scan happens; it is not reported, as it is the recipe's second step.
 * CREATE DOMAIN with a CHECK is not reported: no table uses a new domain yet.
 */
export default defineRule({
  id: 'ban-domain-constraint',
  meta: {
    summary: 'Adding a constraint to an existing domain scans every table that uses it while blocking writes',
    severity: 'warning',
    lock: 'ShareLock',
    messages: {
      scansEveryTable:
        'Adding constraint{{name}} to domain `{{domain}}` checks every column of that type in every table, holding SHARE on each table (writes wait) during the scan. Add it NOT VALID (new values are checked at once) and VALIDATE CONSTRAINT at a quiet time.',
      setNotNullScans:
        'SET NOT NULL on domain `{{domain}}` checks every column of that type in every table, holding SHARE on each table (writes wait), and has no NOT VALID form. Add CHECK (VALUE IS NOT NULL) NOT VALID instead and VALIDATE CONSTRAINT at a quiet time.',
    },
    recipe: [
      '```sql',
      '-- Enforced for new values at once; no table is locked or read:',
      'ALTER DOMAIN <domain> ADD CONSTRAINT <name> CHECK (<condition>) NOT VALID;',
      '-- Later, when writes may wait for the scan (SHARE on every table using the domain):',
      'ALTER DOMAIN <domain> VALIDATE CONSTRAINT <name>;',
      '```',
      'On big tables, prefer a table CHECK constraint (NOT VALID, then VALIDATE under SHARE UPDATE EXCLUSIVE, which lets writes through).',
    ].join('\n'),
  },
  check(stmt, ctx) {
    if (!('AlterDomainStmt' in stmt.ast)) return [];
    const alter = stmt.ast.AlterDomainStmt;
    const domain = (alter.typeName ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : [])).join('.');
    if (alter.subtype === 'O') return [ctx.report('setNotNullScans', { domain })];
    if (alter.subtype !== 'C' || !alter.def || !('Constraint' in alter.def)) return [];
    const constraint = alter.def.Constraint;
    if (constraint.skip_validation) return [];
    return [ctx.report('scansEveryTable', { domain, name: constraint.conname ? ` \`${constraint.conname}\`` : '' })];
  },
});
