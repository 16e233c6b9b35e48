/**
 * A strict tester for one rule, in the manner of ESLint's RuleTester: every invalid case
 * must produce the findings it lists (by messageId, and position when given), a fix must
 * state its output and that output must parse, and duplicate cases are refused.
 */
import { analyzeMigrations } from '../../src/analysis/index.js';
import type { FormatId, MigrationFile, TransactionMode } from '../../src/analysis/formats/types.js';
import type { RuleFinding, Severity } from '../../src/analysis/finding.js';
import { initParser, parseSql } from '../../src/analysis/parse.js';
import type { AnalysisOptions, TableSize } from '../../src/analysis/result.js';
import type { Rule } from '../../src/analysis/rules/types.js';
import { byteLength } from '../../src/analysis/source.js';

export interface CaseOptions {
  /** Transaction mode of the section; default `none` (plain psql). */
  readonly txMode?: TransactionMode;
  readonly format?: FormatId;
  readonly postgresVersion?: number;
  readonly tables?: Readonly<Record<string, TableSize>>;
  /** The down migration's SQL; `null` for "missing"; omit for "format has no downs". */
  readonly down?: string | null;
  /** Where a missing down was expected; `null` when the format keeps it in the same file (no path). */
  readonly expectedDownPath?: string | null;
  readonly options?: Partial<AnalysisOptions>;
  /** Why this case exists; shown in the test name. */
  readonly name?: string;
}

export type ValidCase = string | (CaseOptions & { readonly sql: string });

export interface ExpectedError {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly severity?: Severity;
  readonly section?: 'up' | 'down';
}

export interface InvalidCase extends CaseOptions {
  readonly sql: string;
  readonly errors: readonly ExpectedError[];
  /**
   * The SQL after applying the fix; `null` when no fix is offered. Required when one is. When
   * the fix is on a down finding, this is the down's SQL after the fix.
   */
  readonly output?: string | null;
}

const UP_PATH = 'migrations/001_case.sql';
const DOWN_PATH = 'migrations/001_case.down.sql';

export function migrationOf(sql: string, c: CaseOptions = {}): MigrationFile {
  const path = UP_PATH;
  const downPath = DOWN_PATH;
  const transaction = c.txMode ?? 'none';
  const up = { kind: 'up' as const, file: path, span: { start: 0, end: byteLength(sql) }, text: sql, transaction };
  const texts: Record<string, string> = { [path]: sql };
  let down: MigrationFile['down'] = { state: 'unsupported', reason: 'test case without a down' };
  if (c.down === null) {
    const expectedPath = c.expectedDownPath === undefined ? downPath : c.expectedDownPath;
    down = expectedPath === null ? { state: 'missing' } : { state: 'missing', expectedPath };
  }
  else if (typeof c.down === 'string') {
    texts[downPath] = c.down;
    down = { state: 'present', section: { kind: 'down', file: downPath, span: { start: 0, end: byteLength(c.down) }, text: c.down, transaction } };
  }
  return { path, format: c.format ?? 'plain', version: '001', name: 'case', up, down, texts, problems: [] };
}

export async function runRule(rule: Rule, sql: string, c: CaseOptions = {}): Promise<RuleFinding[]> {
  const result = await analyzeMigrations(
    [migrationOf(sql, c)],
    { postgresVersion: c.postgresVersion ?? 16, tables: c.tables ?? {}, ...c.options },
    [rule],
  );
  const other = result.findings.filter((f) => f.kind !== 'rule' && f.ruleId !== 'invalid-directive');
  if (other.length) throw new Error(`case does not parse cleanly: ${other.map((f) => f.message).join('; ')}`);
  return result.findings.filter((f): f is RuleFinding => f.kind === 'rule' && f.ruleId === rule.id);
}

function applyFix(sql: string, finding: RuleFinding): string {
  const bytes = new TextEncoder().encode(sql);
  const decoder = new TextDecoder();
  let out = bytes;
  for (const edit of [...(finding.fix?.edits ?? [])].sort((a, b) => b.span.start - a.span.start)) {
    const insert = new TextEncoder().encode(edit.text);
    const next = new Uint8Array(out.length - (edit.span.end - edit.span.start) + insert.length);
    next.set(out.subarray(0, edit.span.start), 0);
    next.set(insert, edit.span.start);
    next.set(out.subarray(edit.span.end), edit.span.start + insert.length);
    out = next;
  }
  return decoder.decode(out);
}

function caseKey(c: ValidCase | InvalidCase): string {
  return JSON.stringify(typeof c === 'string' ? { sql: c } : { ...c, errors: undefined, output: undefined });
}

function label(c: ValidCase | InvalidCase): string {
  const sql = typeof c === 'string' ? c : c.sql;
  const name = typeof c === 'string' ? '' : c.name ? `${c.name}: ` : '';
  return `${name}${sql.replace(/\s+/g, ' ').slice(0, 100)}`;
}

export const ruleTester = {
  run(rule: Rule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
    describe(rule.id, () => {
      beforeAll(() => initParser());

      it('has no duplicate cases', () => {
        const seen = new Set<string>();
        for (const c of [...cases.valid, ...cases.invalid]) {
          const key = caseKey(c);
          if (seen.has(key)) throw new Error(`duplicate case: ${label(c)}`);
          seen.add(key);
        }
        expect(cases.invalid.length).toBeGreaterThan(0);
        expect(cases.valid.length).toBeGreaterThan(0);
      });

      it('has an invalid case for every message', () => {
        const covered = new Set(cases.invalid.flatMap((c) => c.errors.map((e) => e.messageId)));
        const declared = Object.keys(rule.meta.messages);
        expect(declared.filter((id) => !covered.has(id))).toEqual([]);
        expect([...covered].filter((id) => !declared.includes(id))).toEqual([]);
      });

      describe('valid', () => {
        for (const c of cases.valid) {
          it(label(c), async () => {
            const sql = typeof c === 'string' ? c : c.sql;
            const findings = await runRule(rule, sql, typeof c === 'string' ? {} : c);
            if (findings.length) {
              throw new Error(`expected no finding (this is a valid case), got: ${findings.map((f) => `${f.messageId}: ${f.message}`).join('\n')}`);
            }
          });
        }
      });

      describe('invalid', () => {
        for (const c of cases.invalid) {
          it(label(c), async () => {
            if (c.errors.length === 0) throw new Error('an invalid case must list at least one error');
            const findings = await runRule(rule, c.sql, c);
            if (findings.length === 0) throw new Error('expected findings (this is an invalid case), got none');
            expect(findings.map((f) => f.messageId)).toEqual(c.errors.map((e) => e.messageId));
            c.errors.forEach((expected, i) => {
              const f = findings[i] as RuleFinding;
              if (expected.data) expect(f.data).toMatchObject(expected.data);
              if (expected.line !== undefined) expect(f.range.start.line).toBe(expected.line);
              if (expected.column !== undefined) expect(f.range.start.column).toBe(expected.column);
              if (expected.endLine !== undefined) expect(f.range.end.line).toBe(expected.endLine);
              if (expected.severity !== undefined) expect(f.severity).toBe(expected.severity);
              if (expected.section !== undefined) expect(f.section).toBe(expected.section);
              expect(f.message).not.toMatch(/\{\{/);
            });
            const fixed = findings.filter((f) => f.fix);
            if (fixed.length > 0 && c.output === undefined) throw new Error('a finding offers a fix: state the case `output`');
            if (fixed.length === 0 && typeof c.output === 'string') throw new Error('`output` given but no finding offers a fix');
            if (typeof c.output === 'string') {
              const finding = fixed[0] as RuleFinding;
              const source = finding.file === DOWN_PATH ? (c.down ?? '') : c.sql;
              const output = applyFix(source, finding);
              if (output === source) throw new Error('the fix changes nothing');
              expect(output).toBe(c.output);
              const reparsed = parseSql(output);
              expect(reparsed.errors).toEqual([]);
            }
          });
        }
      });
    });
  },
};
