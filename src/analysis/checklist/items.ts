/**
 * The checklist a human goes through before merge: the process items, then one item per
 * risk someone must accept (a strong lock on an existing table, an operation that loses
 * data). Every item's id is tied to the content of what it is about, so a push that
 * changes one migration resets exactly that migration's items.
 */
import { createHash } from 'node:crypto';
import type { RuleFinding, VerificationQuery } from '../finding.js';
import { irreversibleOperations } from '../irreversible.js';
import { blockedBy, sqlLockName } from '../locks/index.js';
import type { LockMode } from '../locks/types.js';
import { LOCK_MODES } from '../locks/types.js';
import type { AnalysisResult } from '../result.js';
import { initParser, parseSql } from '../parse.js';

export type ChecklistItemKind = 'process' | 'lock' | 'irreversible';

export interface ChecklistItem {
  readonly id: string;
  readonly kind: ChecklistItemKind;
  /** Markdown, one line. */
  readonly text: string;
  readonly file?: string;
  readonly line?: number;
  /** Pre-flight and verification queries for the reviewer, shown collapsed under the item. */
  readonly queries?: readonly VerificationQuery[];
}

export const DEFAULT_PROCESS_ITEMS: readonly string[] = [
  'Down migration written and run',
  'Tested on a copy of production data (dump, restore, migrate, verify)',
  'Verification queries run after the migration and the data looks right',
  'Locking statements have a deploy plan (lock_timeout, off-peak, batched backfill)',
];
/** Locks that make application traffic wait: each one on an existing table is a risk to accept. */
const RISKY_FROM: LockMode = 'ShareLock';

function isRisky(mode: LockMode): boolean {
  return LOCK_MODES.indexOf(mode) >= LOCK_MODES.indexOf(RISKY_FROM);
}

function itemId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 12);
}

function blocksWords(mode: LockMode): string {
  const blocked = blockedBy(mode).filter((b) => b !== 'ddl');
  return blocked.length ? `blocks ${blocked.join(' and ')}` : 'blocks schema changes';
}

export interface ChecklistInput {
  readonly result: AnalysisResult;
  /** Process items from config; the defaults when empty. */
  readonly processItems?: readonly string[];
}

/** The items for one analysis, in a stable order: process items, then risks by file and line. */
export async function buildChecklist({ result, processItems }: ChecklistInput): Promise<ChecklistItem[]> {
  await initParser();
  // Process items concern every migration of the PR: they reset when any of them changes.
  const allContent = result.migrations.map((m) => `${m.path}:${m.contentHash}`).sort().join(',');
  const items: ChecklistItem[] = (processItems?.length ? processItems : DEFAULT_PROCESS_ITEMS).map((text) => ({
    id: itemId('process', text, allContent),
    kind: 'process',
    text,
  }));
  const findings = result.findings.filter((f): f is RuleFinding => f.kind === 'rule');
  for (const migration of result.migrations) {
    const strongest = new Map<string, { mode: LockMode; line: number; file: string }>();
    const seenIrreversible = new Set<string>();
    for (const stmt of migration.statements) {
      if (stmt.section !== 'up') continue;
      for (const lock of stmt.locks) {
        if (!isRisky(lock.mode) || stmt.newRelations.includes(lock.table)) continue;
        const current = strongest.get(lock.table);
        if (!current || LOCK_MODES.indexOf(lock.mode) > LOCK_MODES.indexOf(current.mode)) {
          strongest.set(lock.table, { mode: lock.mode, line: stmt.range.start.line, file: stmt.file });
        }
      }
      const parsed = parseSql(stmt.text).statements[0];
      if (!parsed) continue;
      for (const op of irreversibleOperations(parsed.ast)) {
        if (op.table && stmt.newRelations.includes(op.table)) continue;
        if (seenIrreversible.has(op.description)) continue;
        seenIrreversible.add(op.description);
        items.push({
          id: itemId('irreversible', migration.path, op.description, migration.contentHash),
          kind: 'irreversible',
          text: `\`${op.description}\` is irreversible: data loss accepted (\`${stmt.file}\` line ${stmt.range.start.line})`,
          file: stmt.file,
          line: stmt.range.start.line,
        });
      }
    }
    for (const [table, { mode, line, file }] of strongest) {
      const queries = findings
        .filter((f) => f.file === file && f.lock?.table === table)
        .flatMap((f) => f.verification ?? []);
      items.push({
        id: itemId('lock', migration.path, table, mode, migration.contentHash),
        kind: 'lock',
        text: `${sqlLockName(mode)} on \`${table}\` (${blocksWords(mode)}) accepted (\`${file}\` line ${line})`,
        file,
        line,
        ...(queries.length ? { queries: dedupeQueries(queries) } : {}),
      });
    }
  }
  return items;
}

function dedupeQueries(queries: readonly VerificationQuery[]): VerificationQuery[] {
  const seen = new Set<string>();
  return queries.filter((q) => (seen.has(q.sql) ? false : (seen.add(q.sql), true)));
}
