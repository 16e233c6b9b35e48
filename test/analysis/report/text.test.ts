import { describe, expect, it } from '@jest/globals';
import { renderText } from '../../../src/analysis/report/text.js';
import type { AnalysisResult } from '../../../src/analysis/result.js';
import { FILE, migrationText, sampleResult } from './fixtures.js';

const sources = (text: string) => ({ [FILE]: text });

describe('renderText', () => {
  const lf = migrationText('\n');

  it('groups by file and explains each finding', () => {
    expect(renderText(sampleResult(lf), { sources: sources(lf) })).toMatchSnapshot();
  });

  it('renders CRLF text exactly as LF text', () => {
    const crlf = migrationText('\r\n');
    expect(renderText(sampleResult(crlf), { sources: sources(crlf) })).toBe(renderText(sampleResult(lf), { sources: sources(lf) }));
  });

  it('keeps line numbers and columns right after non-ASCII text', () => {
    const text = migrationText('\n', true);
    const out = renderText(sampleResult(text), { sources: sources(text) });
    expect(out).toContain('  2:1  error  require-concurrent-index');
    expect(out).toContain('> 2 | CREATE INDEX orders_created_at_idx');
    // "/* 🚀 */ " is 8 code points (9 UTF-16 units, 11 bytes): SELEC starts at column 9.
    expect(out).toContain('  5:9  error  syntax-error');
    expect(out).toContain('> 5 | /* 🚀 */ SELEC 1;');
    expect(out).toMatchSnapshot();
  });

  it('falls back to the statement text without sources', () => {
    const out = renderText(sampleResult(lf));
    expect(out).toContain('> 2 | CREATE INDEX orders_created_at_idx');
    expect(out).toContain('> 3 |     ON orders (created_at);');
  });

  it('says the lock in plain words, the rewrite, the fix and the docs', () => {
    const out = renderText(sampleResult(lf), { sources: sources(lf) });
    expect(out).toContain('lock     SHARE on `orders`: blocks writes, not reads');
    expect(out).toContain('lock     ACCESS EXCLUSIVE on `orders`: blocks reads and writes');
    expect(out).toContain('rewrite  the table is rewritten');
    expect(out).toContain('fix      Build the index CONCURRENTLY (lines 2-3 become):');
    expect(out).toContain('           CREATE INDEX CONCURRENTLY orders_created_at_idx');
    expect(out).toContain('docs     https://example.test/docs/rules/require-concurrent-index.md');
    expect(out).not.toContain('```');
  });

  it('ends with a summary line with counts', () => {
    const out = renderText(sampleResult(lf));
    expect(out.trimEnd().split('\n').at(-1)).toBe('✖ 4 problems (2 errors, 1 warning, 1 info) in 1 file; 1 migration checked (PostgreSQL 16)');
    const clean: AnalysisResult = { ...sampleResult(lf), findings: [] };
    expect(renderText(clean)).toBe('✔ no problems: 1 migration checked (PostgreSQL 16)\n');
  });

  it('colors only when asked', () => {
    expect(renderText(sampleResult(lf))).not.toContain('\u001b[');
    const colored = renderText(sampleResult(lf), { color: true });
    expect(colored).toContain('\u001b[31merror\u001b[39m');
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(renderText(sampleResult(lf)));
  });

  it('never prints control characters from a migration', () => {
    const text = lf.replace('-- Index', '-- \u001b[2J\u001b]0;pwned\u0007 Index');
    const result = sampleResult(text);
    const out = renderText({ ...result, findings: result.findings.map((f) => ({ ...f, message: `${f.message}\u001b[31m` })) }, { sources: sources(text) });
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('cuts a long statement, keeping the finding in view', () => {
    const body = Array.from({ length: 30 }, (_, i) => `    c${i} int,`).join('\n');
    const text = `CREATE TABLE t (\n${body}\n    z int\n);\nCREATE INDEX orders_created_at_idx ON orders (x);\nALTER TABLE orders ADD COLUMN status text NOT NULL;\nSELEC 1;\n`;
    const result = sampleResult(text);
    const long = { ...result.migrations[0]!.statements[0]!, span: { start: 0, end: text.indexOf(');') + 2 }, range: { start: { line: 1, column: 1 }, end: { line: 33, column: 2 } } };
    const finding = { ...result.findings[3]!, span: { start: text.indexOf('c20'), end: text.indexOf('c20') + 3 }, range: { start: { line: 22, column: 5 }, end: { line: 22, column: 7 } } };
    const out = renderText({ ...result, migrations: [{ ...result.migrations[0]!, statements: [long] }], findings: [finding] }, { sources: sources(text) });
    expect(out).toContain('> 22 |     c20 int,');
    expect(out).toContain(' … | 26 more lines of this statement');
    expect(out.split('\n').filter((l) => / \| /.test(l))).toHaveLength(8);
  });
});

describe('renderText verification queries', () => {
  it('shows a statement’s queries under its first finding, and points back to them after', async () => {
    const { analyze } = await import('../../../src/analysis/index.js');
    const sql = 'CREATE UNIQUE INDEX users_email_key ON users (email);\n';
    const result = await analyze([{ path: 'db/0001_x.up.sql', text: sql }, { path: 'db/0001_x.down.sql', text: 'DROP INDEX CONCURRENTLY users_email_key;\n' }]);
    const out = renderText(result, { sources: { 'db/0001_x.up.sql': sql } });
    expect(out).toMatch(/ {2}before {3}.*duplicate.*:\n {11}SELECT /i);
    expect(out).toMatch(/ {2}after {4}.*valid.*:\n {11}SELECT indexrelid::regclass/);
    expect(out).toContain('verify   queries as above for this statement');
  });
});
