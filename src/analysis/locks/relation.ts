/** Relation names as the statement writes them, and the lock collector every statement model fills. */
import type { Node } from '@pgsql/types';
import { blockedBy, isStrongerOrEqual } from './modes.js';
import type { LockMode, StatementLocks, TableLock } from './types.js';

/**
 * Relation name as written: "schema.name" when qualified, else "name". The parser has already
 * folded unquoted identifiers to lower case and kept quoted ones as written; names are returned
 * without quotes.
 */
/** Relation names compare unqualified and case-folded: `public.Users` and `users` are one table. */
export function relationKey(name: string): string {
  const parts = name.split('.');
  return (parts[parts.length - 1] ?? name).replace(/^"|"$/g, '').toLowerCase();
}

export function relationName(rangeVar: { schemaname?: string; relname?: string }): string {
  const rel = rangeVar.relname ?? '';
  return rangeVar.schemaname ? `${rangeVar.schemaname}.${rel}` : rel;
}

/** The strings of a name list node (`[{String: {sval}}]`), e.g. a qualified name. */
export function nameParts(nodes: readonly Node[] | undefined): string[] {
  const out: string[] = [];
  for (const n of nodes ?? []) {
    if ('String' in n) out.push(n.String.sval ?? '');
  }
  return out;
}

/** A `List` of `String`s (DROP INDEX a.b, COMMENT ON COLUMN t.c) as its parts. */
export function listParts(node: Node | undefined): string[] {
  if (!node) return [];
  if ('List' in node) return nameParts(node.List.items);
  if ('String' in node) return [node.String.sval ?? ''];
  return [];
}

export interface LockFacts {
  readonly rewrite?: boolean;
  readonly scan?: boolean;
  readonly indexTableMode?: LockMode;
  readonly indexesRebuilt?: boolean;
}

/**
 * Accumulates the locks of one statement. The same relation locked several times keeps its
 * strongest mode (what pg_locks' strongest row shows) and the union of the facts.
 */
export class LockCollector {
  private readonly byName = new Map<string, TableLock>();
  private readonly order: string[] = [];
  private readonly createdNames: string[] = [];
  allowedInTransaction = true;
  requiresVersion: number | undefined;

  add(table: string, mode: LockMode, facts: LockFacts = {}): void {
    if (!table) return;
    const old = this.byName.get(table);
    if (!old) this.order.push(table);
    const finalMode = old && isStrongerOrEqual(old.mode, mode) ? old.mode : mode;
    const indexTableMode =
      old?.indexTableMode && facts.indexTableMode
        ? isStrongerOrEqual(old.indexTableMode, facts.indexTableMode)
          ? old.indexTableMode
          : facts.indexTableMode
        : (old?.indexTableMode ?? facts.indexTableMode);
    const lock: TableLock = {
      table,
      mode: finalMode,
      blocks: blockedBy(finalMode),
      rewrite: (old?.rewrite ?? false) || (facts.rewrite ?? false),
      scan: (old?.scan ?? false) || (facts.scan ?? false) || (facts.rewrite ?? false),
      ...(indexTableMode ? { indexTableMode } : {}),
      ...(old?.indexesRebuilt || facts.indexesRebuilt ? { indexesRebuilt: true } : {}),
    };
    this.byName.set(table, lock);
  }

  created(table: string): void {
    if (table && !this.createdNames.includes(table)) this.createdNames.push(table);
  }

  /** Notes that the statement needs at least this major version. */
  requires(version: number, target: number): void {
    if (version > target) this.requiresVersion = Math.max(this.requiresVersion ?? 0, version);
  }

  result(): StatementLocks {
    const locks = this.order
      .map((n, i) => ({ lock: this.byName.get(n) as TableLock, i }))
      .sort((a, b) => (a.lock.mode === b.lock.mode ? a.i - b.i : isStrongerOrEqual(a.lock.mode, b.lock.mode) ? -1 : 1))
      .map((x) => x.lock);
    return {
      locks,
      allowedInTransaction: this.allowedInTransaction,
      ...(this.createdNames.length > 0 ? { created: [...this.createdNames] } : {}),
      ...(this.requiresVersion !== undefined ? { requiresVersion: this.requiresVersion } : {}),
    };
  }
}
