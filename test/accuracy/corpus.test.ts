/**
 * Accuracy on real migration directories (../shared/corpus, read by path, never copied):
 * the full analysis (format discovery, parser, locks, every rule) over each project.
 *
 * Floor: no crash, and no `syntax-error` on a file PostgreSQL accepts. Files that are not
 * plain PostgreSQL (templating, another dialect) are listed in KNOWN_INVALID with the reason.
 * Printed: statements, findings per 100 statements by rule and by project, so noise shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'libpg-query';
import { analyze, type AnalysisResult } from '../../src/analysis/index.js';
import type { SourceFile } from '../../src/analysis/formats/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORPUS = path.resolve(here, '../../../shared/corpus');

/** `project/relative/path` -> why PostgreSQL would not accept the file as written. */
const KNOWN_INVALID: Readonly<Record<string, string>> = {};

/**
 * Projects whose migrations are SQL files: discovery must find them (a format regression
 * would otherwise pass silently with 0 statements). automatisch (knex), immich (TypeORM) and
 * stacks-blockchain-api (node-pg-migrate) write migrations in JS/TS: nothing to analyze.
 */
const SQL_PROJECTS = new Set([
  'LemmyNet__lemmy',
  'chef__chef-server',
  'documenso__documenso',
  'goharbor__harbor',
  'hatchet-dev__hatchet',
  'kestra-io__kestra',
  'mattermost__mattermost',
  'supabase__postgres',
]);

/** Side files the formats read (sqitch.plan, morph metadata, ORDER.txt) are small text; skip big or binary files. */
const MAX_FILE_BYTES = 2_000_000;
const TEXT_EXTENSIONS = /\.(sql|plan|conf|txt|toml|ya?ml|json|md)$/i;

function readProject(dir: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (abs: string) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const full = path.join(abs, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && (TEXT_EXTENSIONS.test(entry.name) || entry.name === 'sqitch.plan') && fs.statSync(full).size <= MAX_FILE_BYTES) {
        files.push({ path: path.relative(dir, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  walk(dir);
  return files;
}

const projects = fs
  .readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

interface ProjectResult {
  readonly project: string;
  readonly migrations: number;
  readonly statements: number;
  readonly byRule: Map<string, number>;
  /** Findings that carry verification queries, and the queries. */
  readonly verified: number;
  readonly queries: number;
  /** Generated verification queries that libpg-query rejects (must be none). */
  readonly badQueries: string[];
  readonly syntaxErrors: Array<{ file: string; line: number; message: string }>;
  readonly crash?: string;
}

const results: ProjectResult[] = [];

function summarize(project: string, result: AnalysisResult): ProjectResult {
  const byRule = new Map<string, number>();
  const syntaxErrors: ProjectResult['syntaxErrors'] = [];
  for (const f of result.findings) {
    if (f.kind === 'parse-error') {
      if (!KNOWN_INVALID[`${project}/${f.file}`]) syntaxErrors.push({ file: f.file, line: f.range.start.line, message: f.message });
      continue;
    }
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  }
  const statements = result.migrations.reduce((n, m) => n + m.statements.length, 0);
  const withQueries = result.findings.filter((f) => f.kind === 'rule' && f.verification?.length);
  const queries = withQueries.reduce((n, f) => n + (f.kind === 'rule' ? (f.verification?.length ?? 0) : 0), 0);
  const badQueries: string[] = [];
  const seen = new Set<string>();
  for (const f of withQueries) {
    for (const q of f.kind === 'rule' ? (f.verification ?? []) : []) {
      if (seen.has(q.sql)) continue;
      seen.add(q.sql);
      try {
        if ((parseSync(q.sql).stmts ?? []).length !== 1) badQueries.push(q.sql);
      } catch (error) {
        badQueries.push(`${q.sql} -- ${(error as Error).message}`);
      }
    }
  }
  return { project, migrations: result.migrations.length, statements, byRule, syntaxErrors, verified: withQueries.length, queries, badQueries };
}

const per100 = (n: number, statements: number) => (statements ? ((100 * n) / statements).toFixed(2) : '-');

describe('corpus accuracy', () => {
  it.each(projects)('%s: analyzes without crash or unexpected syntax errors', async (project) => {
    const files = readProject(path.join(CORPUS, project));
    let summary: ProjectResult;
    try {
      summary = summarize(project, await analyze(files, { postgresVersion: 16 }));
    } catch (error) {
      summary = { project, migrations: 0, statements: 0, byRule: new Map(), syntaxErrors: [], verified: 0, queries: 0, badQueries: [], crash: (error as Error).stack ?? String(error) };
    }
    results.push(summary);
    expect(summary.crash).toBeUndefined();
    expect(summary.syntaxErrors).toEqual([]);
    expect(summary.badQueries).toEqual([]);
    if (SQL_PROJECTS.has(project)) expect(summary.statements).toBeGreaterThan(0);
  });

  afterAll(() => {
    const statements = results.reduce((n, r) => n + r.statements, 0);
    const byRule = new Map<string, number>();
    for (const r of results) for (const [rule, n] of r.byRule) byRule.set(rule, (byRule.get(rule) ?? 0) + n);
    const lines = [
      `corpus: ${results.length} projects, ${results.reduce((n, r) => n + r.migrations, 0)} migrations, ${statements} statements`,
      '',
      'by project (findings per 100 statements):',
      ...results.map((r) => {
        const total = [...r.byRule.values()].reduce((a, b) => a + b, 0);
        return `  ${r.project.padEnd(36)} migrations ${String(r.migrations).padStart(4)}  statements ${String(r.statements).padStart(6)}  findings/100 ${per100(total, r.statements).padStart(7)}  syntax errors ${r.syntaxErrors.length}${r.crash ? '  CRASH' : ''}`;
      }),
      '',
      `findings with verification queries: ${results.reduce((n, r) => n + r.verified, 0)} (${results.reduce((n, r) => n + r.queries, 0)} queries)`,
      '',
      'by rule (findings per 100 statements, all projects):',
      ...[...byRule.entries()].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `  ${rule.padEnd(44)} ${String(n).padStart(6)}  ${per100(n, statements).padStart(7)}`),
    ];
    const errors = results.flatMap((r) => r.syntaxErrors.map((e) => `  ${r.project}/${e.file}:${e.line} ${e.message}`));
    if (errors.length) lines.push('', 'unexpected syntax errors:', ...errors.slice(0, 50));
    console.log(lines.join('\n'));
  });
});
