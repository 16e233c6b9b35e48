/**
 * Migrations the base branch already has, edited, removed or renamed by the pull request.
 * Runners record which versions ran, so on every database that already applied the file an
 * edit does nothing, a removal leaves the schema with no source, and a rename (a new version)
 * runs the migration a second time. These are findings of the pull request, not of any one
 * statement, so the GitHub shell builds them from the file list and the base contents.
 */
import type { MigrationFinding } from '../analysis/finding.js';
import { fingerprint } from '../analysis/engine/findings.js';
import type { ChangedFile } from './fetch/files.js';

export const APPLIED_MIGRATION_DOCS = 'https://github.com/migration-review/migration-review/blob/main/docs/github-app.md#migrations-already-on-the-base-branch';

export interface AppliedMigrationInput {
  readonly files: readonly ChangedFile[];
  /** Paths (head side) that the analysis treats as migration files, up or down. */
  readonly migrationPaths: ReadonlySet<string>;
  /** `.sql` paths on the base that were migrations there (for removed and renamed files). */
  readonly baseMigrationPaths: ReadonlySet<string>;
  /** Down files (head side): edits there are a warning, not an error (a down has not run). */
  readonly downPaths: ReadonlySet<string>;
  readonly baseText: (path: string) => string | null | undefined;
  readonly headText: (path: string) => string | null | undefined;
}

/** SQL with comments and whitespace folded: an edit of only those changes nothing a runner runs. */
export function normalizeSql(text: string): string {
  return text
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function finding(ruleId: string, file: string, severity: MigrationFinding['severity'], message: string): MigrationFinding {
  return {
    kind: 'migration',
    ruleId,
    severity,
    file,
    span: { start: 0, end: 0 },
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    message,
    docsUrl: APPLIED_MIGRATION_DOCS,
    // One per file and kind, whatever the edit: a second push to the same file says nothing new.
    fingerprint: fingerprint(ruleId, file, '', 0),
  };
}

export function appliedMigrationFindings(input: AppliedMigrationInput): MigrationFinding[] {
  const out: MigrationFinding[] = [];
  for (const file of input.files) {
    if (file.status === 'modified' || file.status === 'changed') {
      if (!input.migrationPaths.has(file.path)) continue;
      const before = input.baseText(file.path);
      const after = input.headText(file.path);
      if (typeof before !== 'string' || typeof after !== 'string') continue;
      if (normalizeSql(before) === normalizeSql(after)) continue;
      const isDown = input.downPaths.has(file.path);
      out.push(
        finding(
          'modified-migration',
          file.path,
          isDown ? 'warning' : 'error',
          isDown
            ? `\`${file.path}\` already exists on the base branch and this pull request changes its SQL. A down migration runs only on rollback, so this is safe if no environment relies on the old down; check that it still reverses the up exactly.`
            : `\`${file.path}\` already exists on the base branch and this pull request changes its SQL. Databases that already ran it will not run it again, so the change reaches only new databases and the schemas drift apart. Write a new migration instead.`,
        ),
      );
    } else if (file.status === 'removed') {
      if (!input.baseMigrationPaths.has(file.path)) continue;
      out.push(
        finding(
          'removed-migration',
          file.path,
          'error',
          `\`${file.path}\` exists on the base branch and this pull request deletes it. Databases that ran it keep its changes with no migration describing them, and runners that verify history (Flyway, sqitch, golang-migrate's dirty checks) may refuse to start. Revert its effect with a new migration instead.`,
        ),
      );
    } else if (file.status === 'renamed' && file.previousPath) {
      if (!input.baseMigrationPaths.has(file.previousPath) && !input.migrationPaths.has(file.path)) continue;
      out.push(
        finding(
          'renamed-migration',
          file.path,
          'error',
          `\`${file.previousPath}\` exists on the base branch and this pull request renames it to \`${file.path}\`. Runners key migrations by version or file name, so databases that ran the old name will run it again under the new one (or report it missing). Keep applied migrations where they are.`,
        ),
      );
    }
  }
  return out;
}
