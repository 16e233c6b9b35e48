/**
 * A hand-built AnalysisResult for renderer tests: real positions (through LineIndex) over
 * real text, but fixed messages, so a rule's wording can change without touching these tests.
 */
import type { Finding } from '../../../src/analysis/finding.js';
import type { AnalysisResult } from '../../../src/analysis/result.js';
import { LineIndex, type Span } from '../../../src/analysis/source.js';

export const RECIPE = '```sql\nCREATE INDEX CONCURRENTLY <name> ON <table> (<columns>);\n```';

/** The same migration with a choice of line ending and an optional non-ASCII comment before the statements. */
export function migrationText(eol: '\n' | '\r\n', nonAscii = false): string {
  return [
    nonAscii ? '-- Café ☕ 🚀: index for the « commandes » dashboard' : '-- Index for the orders dashboard',
    'CREATE INDEX orders_created_at_idx',
    '    ON orders (created_at);',
    'ALTER TABLE orders ADD COLUMN status text NOT NULL;',
    nonAscii ? '/* 🚀 */ SELEC 1;' : 'SELEC 1;',
    '',
  ].join(eol);
}

function spanOf(text: string, needle: string): Span {
  const index = new LineIndex(text);
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  return { start: index.byteOffset(at), end: index.byteOffset(at + needle.length) };
}

export const FILE = 'db/migrations/0002_orders.up.sql';

export function sampleResult(text: string, file = FILE): AnalysisResult {
  const index = new LineIndex(text);
  const createIndex = text.slice(text.indexOf('CREATE INDEX'), text.indexOf(';', text.indexOf('CREATE INDEX')) + 1);
  const indexSpan = spanOf(text, createIndex);
  const alterSpan = spanOf(text, 'ALTER TABLE orders ADD COLUMN status text NOT NULL;');
  const errorSpan = spanOf(text, 'SELEC');
  const insertAt = spanOf(text, 'INDEX').end;
  const fixed = createIndex.replace('INDEX', 'INDEX CONCURRENTLY');
  const findings: Finding[] = [
    {
      kind: 'rule',
      ruleId: 'require-concurrent-index',
      messageId: 'blocksWrites',
      data: { table: 'orders' },
      severity: 'error',
      file,
      section: 'up',
      span: indexSpan,
      range: index.range(indexSpan),
      message: 'Building this index holds a SHARE lock on `orders`: writes wait.',
      docsUrl: 'https://example.test/docs/rules/require-concurrent-index.md',
      fingerprint: 'aaaaaaaaaaaaaaaa',
      statement: createIndex,
      lock: { table: 'orders', mode: 'ShareLock', blocks: ['writes', 'ddl'] },
      rewrite: false,
      recipe: RECIPE,
      fix: {
        title: 'Build the index CONCURRENTLY',
        edits: [{ span: { start: insertAt, end: insertAt }, text: ' CONCURRENTLY' }],
        lines: { startLine: index.range(indexSpan).start.line, endLine: index.range(indexSpan).end.line, text: fixed.split(/\r?\n/).join('\n') },
      },
    },
    {
      kind: 'rule',
      ruleId: 'ban-add-column-not-null-without-default',
      messageId: 'failsWithRows',
      data: { table: 'orders', column: 'status' },
      severity: 'warning',
      file,
      section: 'up',
      span: alterSpan,
      range: index.range(alterSpan),
      message: 'Adding `status` NOT NULL without a default fails once `orders` has rows,\nand "rewrites": 100% of it, a, b.',
      fingerprint: 'bbbbbbbbbbbbbbbb',
      statement: 'ALTER TABLE orders ADD COLUMN status text NOT NULL;',
      lock: { table: 'orders', mode: 'AccessExclusiveLock', blocks: ['reads', 'writes', 'ddl'] },
      rewrite: true,
    },
    {
      kind: 'parse-error',
      ruleId: 'syntax-error',
      severity: 'error',
      file,
      section: 'up',
      span: errorSpan,
      range: index.range(errorSpan),
      message: 'Syntax error: syntax error at or near "SELEC".',
      docsUrl: 'https://example.test/docs/rules/syntax-error.md',
      fingerprint: 'cccccccccccccccc',
    },
    {
      kind: 'migration',
      ruleId: 'require-down',
      severity: 'info',
      file,
      span: { start: 0, end: 0 },
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      message: 'This migration has no down.',
      fingerprint: 'dddddddddddddddd',
    },
  ];
  return {
    postgresVersion: 16,
    migrations: [
      {
        path: file,
        format: 'golang-migrate',
        version: '0002',
        name: 'orders',
        transaction: 'per-file',
        down: 'missing',
        downPath: file.replace('.up.sql', '.down.sql'),
        contentHash: '0123456789abcdef',
        statements: [
          {
            file,
            section: 'up',
            span: indexSpan,
            range: index.range(indexSpan),
            text: createIndex,
            type: 'IndexStmt',
            locks: [{ table: 'orders', mode: 'ShareLock', blocks: ['writes', 'ddl'], rewrite: false, scan: true }],
            inTransaction: true,
            newRelations: [],
          },
        ],
      },
    ],
    findings,
  };
}
