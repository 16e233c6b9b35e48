/**
 * The use case: review the migrations one commit changes and publish the verdict. Handlers
 * call it with a started check run; it reads, analyzes (pure), re-reads the pull request's
 * head, and publishes only when the head is still the commit it analyzed.
 *
 * Requests for a pull request with F files and new findings (the budget is 6 + ⌈F/100⌉):
 *   1 create check run (handler) + ⌈F/100⌉ list files + 1 GraphQL blobs (migrations, their
 *   companions, base versions, config, stats) + 1 GraphQL review state (head + markers)
 *   + 1 create review (only when something is new) + 1 update check run
 *   = 5 + ⌈F/100⌉; +1 per 250 blobs, per extra 50 annotations, per large blob, or when the
 *   config names a stats file other than the default.
 */
import { analyze } from '../analysis/index.js';
import type { Finding } from '../analysis/finding.js';
import { companionPaths, discoverMigrations, isMigrationCandidate } from '../analysis/formats/index.js';
import { matchesGlob } from '../analysis/formats/glob.js';
import type { SourceFile } from '../analysis/formats/types.js';
import { renderAnnotations, renderCheckSummary, type ResolvedFinding } from '../analysis/report/check-summary.js';
import { toAnalysisOptions, type Config } from '../config/schema.js';
import { appliedMigrationFindings } from './applied-migrations.js';
import { decideConclusion } from './conclusion.js';
import { CONFIG_EXPRESSIONS, DEFAULT_STATS_EXPRESSION, parseStatsText, resolveConfig } from './config.js';
import { DiffIndex } from './diff/patch.js';
import { DEFAULT_BRANCH_REV, expression, fetchBlobs } from './fetch/contents.js';
import { listComparedFiles, listPullRequestFiles, type ChangedFile, type ChangedFiles } from './fetch/files.js';
import { readReviewState } from './fetch/review-state.js';
import { publishChecklist } from './checklist/index.js';
import { completeCheckRun } from './publish/check-run.js';
import { postReview } from './publish/review.js';
import type { EventScope, ReviewTarget } from './types.js';

export type ReviewOutcome = 'published' | 'no-migrations' | 'superseded' | 'closed';

export interface ReviewReport {
  readonly outcome: ReviewOutcome;
  readonly findings: number;
  readonly newFindings: number;
  readonly migrations: number;
}

/** Is this `.sql` path inside the configured migration paths and outside the excludes? */
export function isConfiguredPath(path: string, config: Config): boolean {
  const matches = (glob: string) => matchesGlob(path, glob) || path.startsWith(`${glob.replace(/\/+$/, '')}/`);
  if (config.migrations.exclude.some(matches)) return false;
  return config.migrations.paths.length === 0 || config.migrations.paths.some(matches);
}

function fileNotes(changed: ChangedFiles): string[] {
  return changed.capped
    ? [`GitHub lists at most ${changed.cap.toLocaleString('en-US')} changed files; this change has at least that many, so migrations beyond them could not be reviewed. Split the pull request.`]
    : [];
}

export async function reviewTarget(scope: EventScope, target: ReviewTarget, checkRunId: number): Promise<ReviewReport> {
  const pull = target.pullNumber !== undefined ? { ...target, pullNumber: target.pullNumber } : undefined;
  const changed = pull ? await listPullRequestFiles(scope, pull) : await listComparedFiles(scope, target);
  const changedPaths = new Set(changed.files.filter((f) => f.status !== 'removed').map((f) => f.path));

  // What to read: changed migration candidates and their companions at the head; the base
  // version of edited, removed and renamed .sql files; config and stats from the default branch.
  const headPaths = new Set<string>();
  for (const f of changed.files) {
    if (f.status === 'removed' || !isMigrationCandidate(f.path)) continue;
    headPaths.add(f.path);
    for (const p of companionPaths(f.path)) headPaths.add(p);
  }
  const basePaths = new Set<string>();
  for (const f of changed.files) {
    const before = f.status === 'renamed' ? f.previousPath : f.status === 'modified' || f.status === 'changed' || f.status === 'removed' ? f.path : undefined;
    if (!before?.endsWith('.sql')) continue;
    basePaths.add(before);
    for (const p of companionPaths(before)) basePaths.add(p);
  }
  const head = (p: string) => expression(target.headSha, p);
  const base = (p: string) => expression(target.baseSha, p);
  const blobs = await fetchBlobs(scope, {
    owner: target.owner,
    repo: target.repo,
    expressions: [...CONFIG_EXPRESSIONS, DEFAULT_STATS_EXPRESSION, ...[...headPaths].map(head), ...[...basePaths].map(base)],
    orgExpressions: CONFIG_EXPRESSIONS,
  });

  const { config, source } = resolveConfig(target.owner, target.repo, blobs.repo, blobs.org);
  const statsExpression = expression(DEFAULT_BRANCH_REV, config.statsFile);
  const statsText = blobs.repo.has(statsExpression)
    ? blobs.repo.get(statsExpression)
    : (await fetchBlobs(scope, { owner: target.owner, repo: target.repo, expressions: [statsExpression] })).repo.get(statsExpression);
  const stats = parseStatsText(statsText, `${target.owner}/${target.repo}:${config.statsFile}`);
  scope.log.debug({ configSource: source, deliveryId: scope.deliveryId }, 'configuration loaded');

  const textsAt = (paths: Iterable<string>, at: (p: string) => string): SourceFile[] =>
    [...paths].flatMap((path) => {
      const text = blobs.repo.get(at(path));
      return typeof text === 'string' && (!path.endsWith('.sql') || isConfiguredPath(path, config)) ? [{ path, text }] : [];
    });
  const headFiles = textsAt(headPaths, head);
  const overrides = { overrides: config.migrations.formats };
  const result = await analyze(headFiles, { ...toAnalysisOptions(config, stats), newRelationsScope: 'all' }, overrides);

  // Report the migrations this change touches, not ones read only as a companion.
  const migrations = result.migrations.filter((m) => changedPaths.has(m.path) || (m.downPath !== undefined && changedPaths.has(m.downPath)));
  const migrationFiles = new Set(migrations.flatMap((m) => [m.path, ...(m.downPath ? [m.downPath] : [])]));
  const baseMigrations = discoverMigrations(textsAt(basePaths, base), overrides);
  const applied = appliedMigrationFindings({
    files: changed.files,
    migrationPaths: new Set(result.migrations.flatMap((m) => [m.path, ...(m.downPath ? [m.downPath] : [])])),
    baseMigrationPaths: new Set(baseMigrations.flatMap((m) => [m.path, ...(m.down.state === 'present' ? [m.down.section.file] : [])])),
    downPaths: new Set(result.migrations.flatMap((m) => (m.downPath ? [m.downPath] : []))),
    baseText: (p) => blobs.repo.get(base(p)),
    headText: (p) => blobs.repo.get(head(p)),
  });
  const findings: Finding[] = [...result.findings.filter((f) => migrationFiles.has(f.file) || changedPaths.has(f.file)), ...applied];
  const notes = fileNotes(changed);
  const verdict = decideConclusion({ findings, migrations: migrations.length, incomplete: changed.capped ? ['GitHub listed only the first files of this change'] : [] });

  let resolved: ResolvedFinding[] = [];
  let newFindings = findings;
  let open = false;
  if (pull) {
    const state = await readReviewState(scope, pull);
    open = state.state === 'OPEN';
    if (state.headSha !== target.headSha) {
      // Never publish an old commit's results as current: this run gates nothing now.
      await completeCheckRun(scope, target, checkRunId, {
        conclusion: 'cancelled',
        output: {
          title: `Superseded by ${state.headSha.slice(0, 7)}`,
          summary: `The pull request's head moved to \`${state.headSha}\` while \`${target.headSha.slice(0, 7)}\` was being reviewed; that commit gets its own run. Nothing was published for this one.`,
        },
      });
      return { outcome: 'superseded', findings: findings.length, newFindings: 0, migrations: migrations.length };
    }
    const current = new Set(findings.map((f) => f.fingerprint));
    resolved = [...state.published.values()].filter((p) => !current.has(p.fingerprint)).map((p) => ({ fingerprint: p.fingerprint, description: p.description, ...(p.path ? { path: p.path } : {}) }));
    newFindings = findings.filter((f) => !state.published.has(f.fingerprint));
    if (open) await postReview(scope, pull, new DiffIndex(changed.files as ChangedFile[]), newFindings, findings.length);
  }

  // A pull request that changes migrations is gated by its checklist: the run never turns
  // green before the checklist is published, which then decides (docs/checklist.md).
  const gated = pull !== undefined && open && migrations.length > 0;
  await completeCheckRun(scope, target, checkRunId, {
    conclusion: gated && verdict.conclusion === 'success' ? 'action_required' : verdict.conclusion,
    output: {
      title: verdict.title,
      summary: renderCheckSummary({ headSha: target.headSha, findings, migrations: migrations.map((m) => m.path), resolved, notes }),
    },
    annotations: renderAnnotations(findings),
  });
  if (gated) {
    await publishChecklist({
      octokit: scope.octokit,
      repo: { owner: target.owner, repo: target.repo },
      pr: pull.pullNumber,
      headSha: target.headSha,
      result: { ...result, migrations, findings },
      config,
      checkRunId,
      baseVerdict: verdict,
    });
  }
  return {
    outcome: migrations.length === 0 && findings.length === 0 ? 'no-migrations' : 'published',
    findings: findings.length,
    newFindings: newFindings.length,
    migrations: migrations.length,
  };
}
