import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../../src/analysis/index.js';
import { JSON_REPORT_VERSION, renderJson, toJsonReport } from '../../../src/analysis/report/json.js';
import { FILE, migrationText, sampleResult } from './fixtures.js';

describe('renderJson', () => {
  it('is versioned and round-trips through JSON.parse', () => {
    const result = sampleResult(migrationText('\n'));
    const text = renderJson(result, { toolVersion: '1.2.3' });
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(toJsonReport(result, { toolVersion: '1.2.3' }));
    expect(JSON.parse(text)).toMatchObject({
      version: JSON_REPORT_VERSION,
      tool: { name: 'migration-review', version: '1.2.3' },
      postgresVersion: 16,
      summary: { errors: 2, warnings: 1, infos: 1, migrations: 1, filesWithFindings: 1 },
    });
  });

  it('gives every finding every field, with 1-based positions and byte offsets', () => {
    const report = toJsonReport(sampleResult(migrationText('\r\n', true)));
    const keys = ['kind', 'ruleId', 'severity', 'file', 'start', 'end', 'byteOffsets', 'message', 'docsUrl', 'fingerprint', 'section', 'messageId', 'data', 'statement', 'lock', 'rewrite', 'recipe', 'fix', 'verification'];
    for (const f of report.findings) expect(Object.keys(f).sort()).toEqual([...keys].sort());
    const [index, , syntax, down] = report.findings;
    expect(index).toMatchObject({
      kind: 'rule',
      ruleId: 'require-concurrent-index',
      file: FILE,
      start: { line: 2, column: 1 },
      end: { line: 3, column: 27 },
      section: 'up',
      lock: { table: 'orders', mode: 'ShareLock', blocks: ['writes', 'ddl'] },
      rewrite: false,
      fix: { title: 'Build the index CONCURRENTLY', lines: { startLine: 2, endLine: 3 } },
    });
    // The comment line holds 2- and 4-byte characters: byte offsets are UTF-8, columns are code points.
    expect(index!.byteOffsets.start).toBe(Buffer.byteLength(migrationText('\r\n', true).split('\r\n')[0]!) + 2);
    expect(syntax).toMatchObject({ kind: 'parse-error', start: { line: 5, column: 9 }, end: { line: 5, column: 13 }, section: 'up', lock: null, fix: null });
    expect(down).toMatchObject({ kind: 'migration', section: null, docsUrl: null, start: { line: 1, column: 1 } });
  });

  it('describes migrations with their format, down state and statements', () => {
    const [migration] = toJsonReport(sampleResult(migrationText('\n'))).migrations;
    expect(migration).toMatchObject({
      path: FILE,
      format: 'golang-migrate',
      down: 'missing',
      downPath: 'db/migrations/0002_orders.down.sql',
      transaction: 'per-file',
      statements: [{ type: 'IndexStmt', start: { line: 2, column: 1 }, inTransaction: true, locks: [{ mode: 'ShareLock', scan: true, rewrite: false }] }],
    });
  });

  it('serializes a real analysis', async () => {
    const files = [
      { path: 'db/migrations/0001_init.up.sql', text: '-- é\r\nCREATE INDEX users_email_idx ON users (email);\r\n' },
      { path: 'db/migrations/0001_init.down.sql', text: 'DROP INDEX users_email_idx;\n' },
    ];
    const report = JSON.parse(renderJson(await analyze(files)));
    expect(report.migrations).toHaveLength(1);
    expect(report.migrations[0]).toMatchObject({ format: 'golang-migrate', down: 'present', downPath: 'db/migrations/0001_init.down.sql' });
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'require-concurrent-index')).toMatchObject({
      start: { line: 2, column: 1 },
      end: { line: 2, column: 45 }, // the statement ends at `)`: the `;` is not part of it
    });
  });
});
