/** `migration-review lint`: config -> files -> analyze -> renderer -> exit code. */
import { compareFindings } from '../analysis/finding.js';
import type { AnalysisResult } from '../analysis/result.js';
import { renderGitHubAnnotations } from '../analysis/report/github-annotations.js';
import { renderJson } from '../analysis/report/json.js';
import { renderSarif } from '../analysis/report/sarif.js';
import { countBySeverity } from '../analysis/report/shared.js';
import { renderText } from '../analysis/report/text.js';
import { loadConfig } from '../config/load.js';
import { toAnalysisOptions } from '../config/schema.js';
import type { Command, OutputFormat } from './args.js';
import { collectFiles } from './files.js';
import { analyzeFiles } from './parallel.js';
import type { CliIo } from './io.js';
import { packageVersion } from './package.js';

export async function lint(command: Extract<Command, { name: 'lint' }>, io: CliIo): Promise<number> {
  const loaded = await loadConfig({ cwd: io.cwd, ...(command.configPath !== undefined ? { path: command.configPath } : {}) });
  const { config } = loaded;
  const { files, problems } = await collectFiles(command.paths, {
    cwd: io.cwd,
    root: loaded.root,
    include: config.migrations.paths,
    exclude: config.migrations.exclude,
  });
  const options = {
    ...toAnalysisOptions(config, loaded.stats),
    ...(command.postgresVersion !== undefined ? { postgresVersion: command.postgresVersion } : {}),
  };
  const threads = Number.parseInt(io.env.MIGRATION_REVIEW_THREADS ?? '', 10);
  const analyzed = await analyzeFiles(files, options, { overrides: config.migrations.formats }, threads > 0 ? threads : undefined);
  const result: AnalysisResult = { ...analyzed, findings: [...analyzed.findings, ...problems].sort(compareFindings) };
  if (result.migrations.length === 0 && problems.length === 0) {
    // Say why when the config narrowed the walk, or the answer looks like a bug.
    const narrowed = config.migrations.paths.length
      ? ` (folders are searched only where ${loaded.configPath ?? 'the config'} says migrations live: migrations.paths = ${config.migrations.paths.join(', ')})`
      : '';
    io.stderr(`migration-review: no migrations found in ${command.paths.join(', ')}${narrowed}\n`);
  }
  const sources = Object.fromEntries(files.map((f) => [f.path, f.text]));
  const color = command.color ?? (io.isTTY && !io.env.NO_COLOR);
  io.stdout(await render(command.format, result, { color, sources }));
  const counts = countBySeverity(result.findings);
  if (counts.error > 0) return 1;
  if (command.maxWarnings !== undefined && counts.warning > command.maxWarnings) {
    io.stderr(`migration-review: ${counts.warning} warnings, more than --max-warnings ${command.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

async function render(
  format: OutputFormat,
  result: AnalysisResult,
  options: { color: boolean; sources: Record<string, string> },
): Promise<string> {
  switch (format) {
    case 'text':
      return renderText(result, options);
    case 'json':
      return renderJson(result, { toolVersion: await packageVersion() });
    case 'sarif':
      return renderSarif(result, { toolVersion: await packageVersion() });
    case 'github':
      return renderGitHubAnnotations(result);
  }
}
