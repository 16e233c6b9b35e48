import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { analyze } from '../../../src/analysis/index.js';
import { rules } from '../../../src/analysis/rules/index.js';
import { MAX_SARIF_RESULTS, renderSarif, toSarif } from '../../../src/analysis/report/sarif.js';
import { migrationText, sampleResult } from './fixtures.js';

const require = createRequire(import.meta.url);
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/**
 * The official SARIF 2.1.0 schema, as shipped by @microsoft/jest-sarif. It is a draft-04
 * schema; it uses no draft-04-only keyword (no boolean exclusiveMinimum), so with `id`
 * renamed to `$id` Ajv 8 validates it with draft-07 semantics unchanged.
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  // The schema's language-tag pattern has a stray `]`, invalid under the `u` flag Ajv uses by default.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: id as string });
}
const validate = sarifValidator();

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe('toSarif', () => {
  it('validates against a schema that does reject bad logs', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
  });

  it('is valid SARIF 2.1.0 for LF, CRLF and non-ASCII input', () => {
    for (const text of [migrationText('\n'), migrationText('\r\n'), migrationText('\r\n', true)]) {
      expectValid(JSON.parse(renderSarif(sampleResult(text), { toolVersion: '0.1.0' })));
    }
  });

  it('is valid for a real analysis and for no findings', async () => {
    const result = await analyze([{ path: 'db/migrations/0001_x.up.sql', text: 'CREATE INDEX i ON users (email);\nSELEC;\n' }]);
    expectValid(toSarif(result));
    expectValid(toSarif({ ...result, findings: [] }));
  });

  it('lists every registry rule with its help URI, plus the ids the findings use', () => {
    const log = toSarif(sampleResult(migrationText('\n')));
    const driverRules = log.runs[0]!.tool.driver.rules!;
    const ids = driverRules.map((r) => r.id);
    for (const id of Object.keys(rules)) expect(ids).toContain(id);
    expect(ids).toEqual(expect.arrayContaining(['syntax-error', 'require-down', 'ban-add-column-not-null-without-default']));
    for (const rule of driverRules) expect(rule.helpUri).toMatch(/^https:\/\/.*\/docs\/rules\/.*\.md$/);
    for (const result of log.runs[0]!.results!) expect(driverRules[result.ruleIndex!]!.id).toBe(result.ruleId);
  });

  it('gives 1-based regions with endColumn one past the last character, in code points', () => {
    const results = toSarif(sampleResult(migrationText('\r\n', true))).runs[0]!.results!;
    const [index, alter, syntax, down] = results;
    expect(index!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 2, startColumn: 1, endLine: 3, endColumn: 28 });
    expect(alter!.level).toBe('warning');
    expect(syntax!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 5, startColumn: 9, endLine: 5, endColumn: 14 });
    expect(down!.level).toBe('note');
    expect(down!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 1, startColumn: 1 });
    expect(index!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'db/migrations/0002_orders.up.sql', uriBaseId: '%SRCROOT%' });
  });

  it('turns a fix into a replacement at exact byte offsets', () => {
    const text = migrationText('\n', true);
    const [index] = toSarif(sampleResult(text)).runs[0]!.results!;
    const replacement = index!.fixes![0]!.artifactChanges[0]!.replacements[0]!;
    expect(replacement.insertedContent).toEqual({ text: ' CONCURRENTLY' });
    const bytes = Buffer.from(text);
    expect(bytes.subarray(0, replacement.deletedRegion.byteOffset!).toString().endsWith('CREATE INDEX')).toBe(true);
    expect(replacement.deletedRegion.byteLength).toBe(0);
  });

  it('stays within GitHub\'s result limit and says so', () => {
    const result = sampleResult(migrationText('\n'));
    const many = Array.from({ length: MAX_SARIF_RESULTS + 3 }, () => result.findings[2]!);
    const log = toSarif({ ...result, findings: many });
    expect(log.runs[0]!.results).toHaveLength(MAX_SARIF_RESULTS);
    expect(log.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text).toMatch(/^3 more findings/);
  });

  it('percent-encodes URIs', () => {
    const result = sampleResult(migrationText('\n'), 'db/mïgrations/0002 orders.up.sql');
    const log = toSarif(result);
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('db/m%C3%AFgrations/0002%20orders.up.sql');
    expectValid(log);
  });
});
