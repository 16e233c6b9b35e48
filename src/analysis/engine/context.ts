/** Builds the context a rule's `check` receives for one statement. */
import { scanSync } from 'libpg-query';
import type { Edit } from '../finding.js';
import type { FormatInfo } from '../formats/index.js';
import type { MigrationFile } from '../formats/types.js';
import type { AnalysisOptions, TableSize } from '../result.js';
import type { MigrationState, RuleContext, StatementInfo } from '../rules/types.js';
import type { StateTracker } from './state.js';
import { relationKey } from '../locks/relation.js';

interface ContextInput {
  readonly migration: MigrationFile;
  readonly format: FormatInfo;
  readonly options: AnalysisOptions;
  readonly state: MigrationState;
  readonly tracker: StateTracker;
  /** Every statement of the section, and the current one's index in it. */
  readonly statements: readonly StatementInfo[];
  readonly index: number;
}

/** A table's known size, looked up as written, unqualified, or in schema `public`. */
export function tableSizeOf(options: Pick<AnalysisOptions, 'tables'>, relation: string): TableSize | undefined {
  const key = relationKey(relation);
  return options.tables[relation] ?? options.tables[key] ?? options.tables[`public.${key}`];
}

/**
 * One context per statement, shared by every rule. `previous` and `following` are sliced
 * only when a rule reads them: slicing eagerly costs O(n²) on files of thousands of INSERTs.
 */
export function makeRuleContext(input: ContextInput): RuleContext<string> {
  const { options, statements, index } = input;
  let previous: readonly StatementInfo[] | undefined;
  let following: readonly StatementInfo[] | undefined;
  return {
    migration: input.migration,
    format: input.format,
    postgresVersion: options.postgresVersion,
    state: input.state,
    requireLockTimeout: options.requireLockTimeout,
    get previous() {
      return (previous ??= statements.slice(0, index));
    },
    get following() {
      return (following ??= statements.slice(index + 1));
    },
    isNew: (relation) => input.tracker.isNew(relation),
    tableSize: (relation) => tableSizeOf(options, relation),
    report: (messageId, data = {}, reportOptions = {}) => ({ messageId, data, options: reportOptions }),
    insertAfterKeyword,
    replaceStatement: (stmt, text) => ({ span: stmt.span, text }),
  };
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
