/**
 * What the ground-truth fixture's schema says about relation names: which names are indexes (and
 * of which table), partitions (and of which parent), and sequences. The lock model never sees
 * this; the truth test uses it only to map what the truth reports (an index's table, a
 * partition's rewrite) onto what the model can say from the statement.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseSql } from '../../../src/analysis/parse.js';
import { typeRef, type SchemaLookup, type TypeRef } from '../../../src/analysis/locks/column-types.js';
import type { TypeName } from '@pgsql/types';

export interface FixtureCatalog {
  readonly indexTable: Map<string, string>;
  readonly partitionParent: Map<string, string>;
  readonly sequences: Set<string>;
  /** Column types and domains, as a SchemaLookup for the model's optional schema input. */
  readonly schema: SchemaLookup;
}

export const TRUTH_DIR = path.resolve(process.cwd(), '../shared/truth');

type Obj = Record<string, unknown>;

function str(n: unknown): string {
  return ((n as { String?: { sval?: string } }).String?.sval ?? '') as string;
}

/** Parses fixture.sql plus the row's `-- setup:` lines. Call after initParser(). */
export function fixtureCatalog(setup: readonly string[]): FixtureCatalog {
  const text = fs.readFileSync(path.join(TRUTH_DIR, 'fixture.sql'), 'utf8') + '\n;' + setup.join(';\n') + ';';
  const columns = new Map<string, TypeRef>();
  const domains = new Map<string, { baseType: TypeRef; hasCheck: boolean }>();
  const cat: FixtureCatalog = {
    indexTable: new Map(),
    partitionParent: new Map(),
    sequences: new Set(),
    schema: {
      columnType: (table, column) => columns.get(`${table}.${column}`),
      domain: (name) => domains.get(name),
    },
  };
  for (const { ast } of parseSql(text).statements) {
    const node = ast as unknown as Obj;
    if ('IndexStmt' in node) {
      const s = node['IndexStmt'] as Obj;
      const rel = (s['relation'] as Obj)['relname'] as string;
      if (s['idxname']) cat.indexTable.set(s['idxname'] as string, rel);
    } else if ('CreateSeqStmt' in node) {
      cat.sequences.add(((node['CreateSeqStmt'] as Obj)['sequence'] as Obj)['relname'] as string);
    } else if ('CreateStmt' in node) {
      const s = node['CreateStmt'] as Obj;
      const table = (s['relation'] as Obj)['relname'] as string;
      const parents = (s['inhRelations'] as Obj[] | undefined) ?? [];
      if (s['partbound'] && parents[0]) cat.partitionParent.set(table, (parents[0]['RangeVar'] as Obj)['relname'] as string);
      for (const elt of (s['tableElts'] as Obj[] | undefined) ?? []) {
        const col = elt['ColumnDef'] as Obj | undefined;
        const constraints = ((col?.['constraints'] as Obj[] | undefined) ?? []).map((c) => c['Constraint'] as Obj);
        if (col) {
          const colname = col['colname'] as string;
          columns.set(`${table}.${colname}`, typeRef(col['typeName'] as TypeName));
          const typeNames = (((col['typeName'] as Obj)['names'] as unknown[]) ?? []).map(str);
          if (typeNames.some((t) => t.endsWith('serial')) || constraints.some((c) => c['contype'] === 'CONSTR_IDENTITY')) {
            cat.sequences.add(`${table}_${colname}_seq`);
          }
          if (constraints.some((c) => c['contype'] === 'CONSTR_PRIMARY')) cat.indexTable.set(`${table}_pkey`, table);
          if (constraints.some((c) => c['contype'] === 'CONSTR_UNIQUE')) cat.indexTable.set(`${table}_${colname}_key`, table);
        }
      }
    } else if ('CreateDomainStmt' in node) {
      const s = node['CreateDomainStmt'] as Obj;
      const name = ((s['domainname'] as unknown[]) ?? []).map(str).pop() ?? '';
      const hasCheck = ((s['constraints'] as Obj[] | undefined) ?? []).some((c) => (c['Constraint'] as Obj)['contype'] === 'CONSTR_CHECK');
      domains.set(name, { baseType: typeRef(s['typeName'] as TypeName), hasCheck });
    }
  }
  // Partitions inherit the parent's partitioned indexes as <partition>_<cols>_idx.
  for (const [part, parent] of cat.partitionParent) {
    for (const [idx, table] of [...cat.indexTable]) {
      if (table === parent && idx.startsWith(parent + '_')) cat.indexTable.set(part + idx.slice(parent.length), part);
    }
  }
  return cat;
}

/** The `-- setup:` lines of statements/NNN.sql. */
export function setupLines(id: string): string[] {
  const file = path.join(TRUTH_DIR, 'statements', `${id}.sql`);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('-- setup:'))
    .map((l) => l.slice('-- setup:'.length).trim());
}
