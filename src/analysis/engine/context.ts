/** Builds the context a rule's `check` receives for one statement. */
import { scanSync } from 'libpg-query';
import type { Edit } from '../finding.js';
import type { FormatInfo } from '../formats/index.js';
import type { MigrationFile } from '../formats/types.js';
import type { AnalysisOptions } from '../result.js';
import type { MigrationState, Rule, RuleContext, StatementInfo } from '../rules/types.js';
import { relationKey, type StateTracker } from './state.js';

interface ContextInput {
  readonly migration: MigrationFile;
  readonly format: FormatInfo;
  readonly options: AnalysisOptions;
  readonly state: MigrationState;
  readonly tracker: StateTracker;
  readonly previous: readonly StatementInfo[];
  readonly following: readonly StatementInfo[];
}

export function makeRuleContext<M extends string>(rule: Rule<M>, input: ContextInput): RuleContext<M> {
  const { options } = input;
  return {
    migration: input.migration,
    format: input.format,
    postgresVersion: options.postgresVersion,
    state: input.state,
    requireLockTimeout: options.requireLockTimeout,
    previous: input.previous,
    following: input.following,
    isNew: (relation) => input.tracker.isNew(relation),
    tableSize: (relation) =>
      options.tables[relation] ?? options.tables[relationKey(relation)] ?? options.tables[`public.${relationKey(relation)}`],
    report: (messageId, data = {}, reportOptions = {}) => ({ messageId, data, options: reportOptions }),
    insertAfterKeyword,
    replaceStatement: (stmt, text) => ({ span: stmt.span, text }),
  };
  void rule;
}

/**
 * Finds `keyword` as a real token of the statement (never inside a string, identifier or
 * comment) and returns an edit inserting `text` after it.
 */
export function insertAfterKeyword(stmt: StatementInfo, keyword: string, text: string): Edit | undefined {
  const wanted = keyword.toLowerCase();
  let tokens;
  try {
    tokens = scanSync(stmt.text).tokens;
  } catch {
    return undefined;
  }
  const token = tokens.find((t) => t.keywordKind !== 0 && t.text.toLowerCase() === wanted);
  if (!token) return undefined;
  const at = stmt.span.start + token.end;
  return { span: { start: at, end: at }, text };
}
