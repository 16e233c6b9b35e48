/** Helpers the renderers share: counts, rule metadata for every finding id, locks in plain words. */
import type { Finding, FindingLock, Severity } from '../finding.js';
import { sqlLockName } from '../locks/index.js';
import { DOCS_BASE_URL } from '../rules/types.js';
import { rules, isRuleId } from '../rules/index.js';

export const TOOL_NAME = 'migration-review';
export const TOOL_INFO_URI = 'https://github.com/migration-review/migration-review';

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/**
 * Ids that are findings but not registry rules: the engine's (syntax errors, structure,
 * annotations) and the command line's (a file it could not read). Every renderer that lists
 * rules (SARIF) needs their metadata too.
 */
const NON_RULE_IDS: Readonly<Record<string, { summary: string; severity: Severity }>> = {
  'syntax-error': { summary: 'PostgreSQL cannot parse this SQL', severity: 'error' },
  'format-problem': { summary: 'The migration file does not follow its format (unpaired markers, missing files)', severity: 'error' },
  'invalid-directive': { summary: 'A migration-review annotation is malformed, names an unknown rule or has no reason', severity: 'warning' },
  'unreadable-file': { summary: 'A file could not be reviewed: too large, binary or not UTF-8', severity: 'error' },
};

export interface RuleDescription {
  readonly id: string;
  readonly summary: string;
  readonly severity: Severity;
  readonly docsUrl: string;
  /** Markdown, when the rule has a safe recipe. */
  readonly recipe?: string;
}

export function describeRule(id: string): RuleDescription {
  const docsUrl = `${DOCS_BASE_URL}${id}.md`;
  if (isRuleId(id)) {
    const meta = rules[id].meta;
    return { id, summary: meta.summary, severity: meta.severity, docsUrl, ...(meta.recipe ? { recipe: meta.recipe } : {}) };
  }
  const known = NON_RULE_IDS[id];
  return { id, summary: known?.summary ?? id, severity: known?.severity ?? 'error', docsUrl };
}

/** Every registry rule, then every other id that occurs in `findings`, sorted within each group. */
export function describeRules(findings: readonly Finding[]): RuleDescription[] {
  const registry = Object.keys(rules).sort();
  const others = [...new Set([...Object.keys(NON_RULE_IDS), ...findings.map((f) => f.ruleId)])].filter((id) => !isRuleId(id)).sort();
  return [...registry, ...others].map(describeRule);
}

/** "ACCESS EXCLUSIVE on `orders`: blocks reads and writes" */
export function lockInWords(lock: FindingLock): string {
  const traffic = lock.blocks.filter((b) => b !== 'ddl');
  let what: string;
  if (traffic.length === 2) what = 'blocks reads and writes';
  else if (traffic.length === 1) what = `blocks ${traffic[0] as string}, not ${traffic[0] === 'reads' ? 'writes' : 'reads'}`;
  else if (lock.blocks.includes('ddl')) what = 'blocks other schema changes and VACUUM, not reads or writes';
  else what = 'blocks neither reads nor writes';
  return `${sqlLockName(lock.mode)} on \`${lock.table}\`: ${what}`;
}

/** The lines of a text, split where LineIndex splits them (LF, CRLF, lone CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** A recipe's Markdown as plain text: code fences dropped, the code kept. */
export function recipeText(markdown: string): string {
  return markdown
    .split(/\r\n|\r|\n/)
    .filter((line) => !/^\s*```/.test(line))
    .join('\n')
    .trim();
}
