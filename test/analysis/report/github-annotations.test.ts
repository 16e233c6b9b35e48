import { describe, expect, it } from '@jest/globals';
import { escapeData, escapeProperty, renderGitHubAnnotations } from '../../../src/analysis/report/github-annotations.js';
import { migrationText, sampleResult } from './fixtures.js';

describe('renderGitHubAnnotations', () => {
  it('writes one workflow command per finding', () => {
    expect(renderGitHubAnnotations(sampleResult(migrationText('\n')))).toMatchSnapshot();
  });

  it('is the same for CRLF input, and counts columns in code points after non-ASCII text', () => {
    expect(renderGitHubAnnotations(sampleResult(migrationText('\r\n')))).toBe(renderGitHubAnnotations(sampleResult(migrationText('\n'))));
    const out = renderGitHubAnnotations(sampleResult(migrationText('\r\n', true)));
    expect(out).toContain('::error file=db/migrations/0002_orders.up.sql,line=5,endLine=5,col=9,endColumn=14,title=migration-review%3A syntax-error::');
  });

  it('escapes data and properties', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    const lines = renderGitHubAnnotations(sampleResult(migrationText('\n'))).split('\n');
    const warning = lines.find((l) => l.startsWith('::warning'))!;
    expect(warning).toContain('::Adding `status` NOT NULL without a default fails once `orders` has rows,%0Aand "rewrites": 100%25 of it, a, b.%0ALock: ACCESS EXCLUSIVE');
    for (const line of lines.filter((l) => l.startsWith('::'))) expect(line).not.toMatch(/\r/);
  });

  it('annotates at most 10 findings per level and prints the rest as log lines', () => {
    const result = sampleResult(migrationText('\n'));
    const errors = Array.from({ length: 12 }, () => result.findings[2]!);
    const out = renderGitHubAnnotations({ ...result, findings: [...errors, result.findings[1]!] });
    const lines = out.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('::warning'))).toHaveLength(1);
    expect(out).toContain('GitHub shows 10 annotations per level; 2 more findings:');
    expect(out).toContain('db/migrations/0002_orders.up.sql:5:1: error [syntax-error] Syntax error: syntax error at or near "SELEC".');
    expect(lines.at(-1)).toBe('migration-review: 12 errors, 1 warning, 0 info in 1 migration');
  });
});
