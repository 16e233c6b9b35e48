/**
 * Linting a large directory uses every core: the migrations are cut into contiguous slices of
 * about equal text size, one per worker thread, and the results are joined in order. Each
 * migration is analyzed on its own (relations created elsewhere are not "new" to it), so the
 * slices are independent. Small inputs stay on the main thread: a worker costs ~100 ms to
 * start (Node, our modules, the WASM parser), more than a few files take to lint.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compareFindings } from '../analysis/finding.js';
import { discoverMigrations, type DiscoverOptions } from '../analysis/formats/index.js';
import type { MigrationFile, SourceFile } from '../analysis/formats/types.js';
import { analyzeMigrations } from '../analysis/index.js';
import type { AnalysisOptions, AnalysisResult } from '../analysis/result.js';

/** Below this much SQL per extra thread, starting the thread costs more than it saves. */
const MIN_BYTES_PER_THREAD = 256 * 1024;
const MAX_THREADS = 4;

function sizeOf(migration: MigrationFile): number {
  return Object.values(migration.texts).reduce((sum, text) => sum + text.length, 0);
}

/** Contiguous slices of roughly equal size, so the joined results keep the migrations' order. */
export function slices(migrations: readonly MigrationFile[], count: number): MigrationFile[][] {
  const total = migrations.reduce((sum, m) => sum + sizeOf(m), 0);
  const out: MigrationFile[][] = [[]];
  let filled = 0;
  for (const migration of migrations) {
    const current = out[out.length - 1] as MigrationFile[];
    if (current.length && filled >= (total * out.length) / count && out.length < count) out.push([migration]);
    else current.push(migration);
    filled += sizeOf(migration);
  }
  return out;
}

function inWorker(migrations: MigrationFile[], options: Partial<AnalysisOptions>): Promise<AnalysisResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./analyze-worker.js', import.meta.url), { workerData: { migrations, options } });
    worker.once('message', (result: AnalysisResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`analysis worker exited with code ${code}`));
    });
  });
}

/**
 * One thread per two cores, at most four. Parsing allocates heavily, and V8 already runs its
 * garbage collector and compiler on a second core: on a 2-core machine a worker thread only
 * competed with them (measured on ../shared/corpus: 2.3-2.6 s with one thread, 2.5-3.0 s with
 * two), so threads pay off only where cores are left over.
 */
function defaultThreads(): number {
  return Math.max(1, Math.min(MAX_THREADS, Math.floor(availableParallelism() / 2)));
}

export async function analyzeFiles(
  files: readonly SourceFile[],
  options: Partial<AnalysisOptions>,
  discover: DiscoverOptions,
  /** Upper bound on threads (MIGRATION_REVIEW_THREADS); default: see defaultThreads. */
  maxThreads = defaultThreads(),
): Promise<AnalysisResult> {
  const migrations = discoverMigrations(files, discover);
  const bytes = migrations.reduce((sum, m) => sum + sizeOf(m), 0);
  const threads = Math.min(maxThreads, Math.max(1, Math.floor(bytes / MIN_BYTES_PER_THREAD)));
  // Relations "new" across the whole run would need every migration in one place.
  if (threads <= 1 || options.newRelationsScope === 'all') return analyzeMigrations(migrations, options);
  const [mine = [], ...theirs] = slices(migrations, threads);
  const results = await Promise.all([analyzeMigrations(mine, options), ...theirs.map((slice) => inWorker(slice, options))]);
  return {
    postgresVersion: results[0]?.postgresVersion ?? options.postgresVersion ?? 16,
    migrations: results.flatMap((r) => r.migrations),
    findings: results.flatMap((r) => r.findings).sort(compareFindings),
  };
}
