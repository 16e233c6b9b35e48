/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. Valid against the official
 * schema (test/analysis/report/sarif.test.ts checks it), and within GitHub's limits:
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 * - every result has a ruleId present in tool.driver.rules, a message and a physical location
 *   with a repository-relative URI and a 1-based startLine;
 * - at most 25,000 results per run (GitHub rejects more): the rest are counted in a notification.
 */
import type { Fix as SarifFix, Log, Region, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity } from '../finding.js';
import type { AnalysisResult } from '../result.js';
import { describeRules, TOOL_INFO_URI, TOOL_NAME } from './shared.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub code scanning's limit on results per run. */
export const MAX_SARIF_RESULTS = 25_000;

export interface SarifOptions {
  readonly toolVersion?: string;
}

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarif(result: AnalysisResult, options: SarifOptions = {}): Log {
  const findings = result.findings;
  const descriptions = describeRules(findings);
  const ruleIndex = new Map(descriptions.map((d, i) => [d.id, i]));
  const rules: ReportingDescriptor[] = descriptions.map((d) => ({
    id: d.id,
    name: pascalCase(d.id),
    shortDescription: { text: d.summary },
    fullDescription: { text: d.summary },
    helpUri: d.docsUrl,
    help: {
      text: `${d.summary}. See ${d.docsUrl}`,
      markdown: `${d.summary}.${d.recipe ? `\n\n**Safe recipe**\n\n${d.recipe}` : ''}\n\n[Documentation](${d.docsUrl})`,
    },
    defaultConfiguration: { level: LEVEL[d.severity] },
    properties: { tags: ['postgresql', 'migrations'], precision: 'high', 'problem.severity': d.severity === 'info' ? 'recommendation' : d.severity },
  }));
  const kept = findings.slice(0, MAX_SARIF_RESULTS);
  const results: Result[] = kept.map((f) => {
    const out: Result = {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? 0,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%' }, region: region(f) } }],
      partialFingerprints: { 'migrationReview/v1': f.fingerprint },
    };
    if (f.kind === 'rule' && f.fix) {
      const fix: SarifFix = {
        description: { text: f.fix.title },
        artifactChanges: [
          {
            artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%' },
            // Byte regions: exact for any text, with no need for the file's lines here.
            replacements: f.fix.edits.map((e) => ({
              deletedRegion: { byteOffset: e.span.start, byteLength: e.span.end - e.span.start },
              insertedContent: { text: e.text },
            })),
          },
        ],
      };
      out.fixes = [fix];
    }
    if (f.kind === 'rule' && f.lock) out.properties = { lock: { table: f.lock.table, mode: f.lock.mode, blocks: [...f.lock.blocks] } };
    return out;
  });
  const dropped = findings.length - kept.length;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            informationUri: TOOL_INFO_URI,
            ...(options.toolVersion ? { version: options.toolVersion, semanticVersion: options.toolVersion } : {}),
            rules,
          },
        },
        // Our columns count code points (source.ts), not UTF-16 units, SARIF's default.
        columnKind: 'unicodeCodePoints',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root' } } },
        results,
        ...(dropped > 0
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: [
                    { level: 'warning', message: { text: `${dropped} more findings were left out: GitHub accepts at most ${MAX_SARIF_RESULTS} results per run.` } },
                  ],
                },
              ],
            }
          : {}),
      },
    ],
  };
}

export function renderSarif(result: AnalysisResult, options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(result, options), null, 2)}\n`;
}

/** SARIF regions: 1-based lines and columns, endColumn one past the last character. */
function region(f: Finding): Region {
  const { start, end } = f.range;
  if (f.span.end <= f.span.start) return { startLine: start.line, startColumn: start.column };
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column + 1 };
}

/** A relative URI reference for a repository path: segments percent-encoded, slashes kept. */
function uri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
