/**
 * What a rule is. A rule module reads like an ESLint rule: a `meta` block and a `check`
 * over one statement (with its context) that returns reports; the engine turns reports
 * into findings (positions, message text, docs link, fingerprint, size-aware severity).
 */
import type { AlterTableCmd, ColumnDef, Constraint, Node } from '@pgsql/types';
import type { Edit, Severity, VerificationQuery } from '../finding.js';
import type { FormatInfo } from '../formats/index.js';
import type { MigrationFile, Section } from '../formats/types.js';
import { relationName } from '../locks/index.js';
import type { LockMode, StatementLocks, TableLock } from '../locks/types.js';
import type { TableSize } from '../result.js';
import type { Span } from '../source.js';

export const DOCS_BASE_URL = 'https://github.com/migration-review/migration-review/blob/main/docs/rules/';

export interface RuleMeta<MessageId extends string> {
  readonly summary: string;
  readonly severity: Severity;
  /** The lock this rule is about, when it is about one. */
  readonly lock?: LockMode;
  /**
   * A size-aware rule's findings follow the table's size: dropped on a table created in
   * the same migration, `info` on a known small table, `error` above the large-table threshold.
   */
  readonly sizeAware?: boolean;
  /** Off unless the config names the rule (squawk's opt-in rules): for policies many teams do not want. */
  readonly optIn?: boolean;
  readonly messages: Readonly<Record<MessageId, string>>;
  /** The safe way, as Markdown; shown with every finding of the rule. */
  readonly recipe?: string;
}

/** A statement as rules see it: the node, where it is, and what it does to locks. */
export interface StatementInfo {
  readonly ast: Node;
  /** Node type, e.g. `IndexStmt`. */
  readonly type: string;
  /** Byte span in `file`. */
  readonly span: Span;
  readonly text: string;
  readonly file: string;
  readonly section: Section;
  /** Position within its section, from 0. */
  readonly index: number;
  readonly locks: StatementLocks;
  /**
   * The file byte offset that the AST's `location` fields count from: a node at `location`
   * starts at file byte `locationBase + location`. No re-parse is needed to place a finding.
   */
  readonly locationBase: number;
  /** Set for a statement found inside a DO block or a PL/pgSQL function body. */
  readonly container?: 'DO block' | 'function body';
}

/** What is known at a statement from the statements before it in the same section. */
export interface MigrationState {
  /** Inside a transaction block: the runner's (per-file) or an explicit BEGIN. */
  readonly inTransaction: boolean;
  /** An explicit BEGIN / START TRANSACTION is open. */
  readonly explicitTransaction: boolean;
  readonly lockTimeoutSet: boolean;
  readonly statementTimeoutSet: boolean;
  /** Strong locks taken earlier in the current transaction: held until it ends. */
  readonly heldLocks: readonly TableLock[];
  /** Statements run so far in the current transaction. */
  readonly statementsInTransaction: number;
}

export interface ReportOptions {
  /** Defaults to the statement's span. */
  readonly span?: Span;
  readonly severity?: Severity;
  readonly lock?: TableLock;
  readonly rewrite?: boolean;
  /** The table the finding is about; drives size-aware severity. */
  readonly table?: string;
  readonly fix?: { readonly title: string; readonly edits: readonly Edit[] };
  readonly recipe?: string;
  readonly verification?: readonly VerificationQuery[];
}

export interface RuleReport<MessageId extends string = string> {
  readonly messageId: MessageId;
  readonly data: Readonly<Record<string, string | number>>;
  readonly options: ReportOptions;
}

export interface RuleContext<MessageId extends string> {
  readonly migration: MigrationFile;
  readonly format: FormatInfo;
  readonly postgresVersion: number;
  readonly state: MigrationState;
  readonly requireLockTimeout: boolean;
  /** Relations created earlier in this migration (or the same pull request): new and empty. */
  isNew(relation: string): boolean;
  tableSize(relation: string): TableSize | undefined;
  /** Statements of this section before the current one. */
  readonly previous: readonly StatementInfo[];
  /** Statements of this section after the current one. */
  readonly following: readonly StatementInfo[];
  report(messageId: MessageId, data?: Readonly<Record<string, string | number>>, options?: ReportOptions): RuleReport<MessageId>;
  /** An edit inserting `text` right after the first occurrence of `keyword` (a whole word, outside quotes and comments) in the statement. */
  insertAfterKeyword(stmt: StatementInfo, keyword: string, text: string): Edit | undefined;
  /** An edit replacing the whole statement text. */
  replaceStatement(stmt: StatementInfo, text: string): Edit;
}

/** Context for a rule that looks at a whole migration (reversibility, structure). */
export interface MigrationRuleContext<MessageId extends string> {
  readonly migration: MigrationFile;
  readonly format: FormatInfo;
  readonly postgresVersion: number;
  /** Every statement of the up and the down, in order. */
  readonly up: readonly StatementInfo[];
  readonly down: readonly StatementInfo[] | undefined;
  /** Reasons given by `-- migration-review: irreversible <reason>` annotations in the up, by statement index. */
  readonly irreversibleReasons: ReadonlyMap<number, string>;
  /** Reason of a file-level irreversible annotation, if any. */
  readonly fileIrreversibleReason: string | undefined;
  isNew(relation: string): boolean;
  report(messageId: MessageId, data?: Readonly<Record<string, string | number>>, options?: ReportOptions & { readonly file?: string }): RuleReport<MessageId> & { readonly file?: string };
}

export interface Rule<MessageId extends string = string> {
  readonly id: string;
  readonly meta: RuleMeta<MessageId>;
  /** Which sections the rule checks; default up only (a down runs in an emergency, under the same locks, so some rules opt in). */
  readonly sections?: readonly ('up' | 'down')[];
  check?(stmt: StatementInfo, ctx: RuleContext<MessageId>): readonly RuleReport<MessageId>[];
  checkMigration?(ctx: MigrationRuleContext<MessageId>): readonly (RuleReport<MessageId> & { readonly file?: string })[];
}

/** Declares a rule; message ids are inferred so `report` and tests are checked against `meta.messages`. */
export function defineRule<const MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}

/** The statement node's type name and body, e.g. `['IndexStmt', {...}]`. */
export function nodeOf(ast: Node): [string, Record<string, unknown>] {
  const [type, body] = Object.entries(ast)[0] as [string, Record<string, unknown>];
  return [type, body];
}

/** An ALTER TABLE statement's table and subcommands; undefined for any other statement (ALTER INDEX, VIEW, ...). */
export function alterTableOf(stmt: StatementInfo): { readonly table: string; readonly cmds: readonly AlterTableCmd[] } | undefined {
  if (!('AlterTableStmt' in stmt.ast)) return undefined;
  const alter = stmt.ast.AlterTableStmt;
  if ((alter.objtype ?? 'OBJECT_TABLE') !== 'OBJECT_TABLE' || !alter.relation) return undefined;
  const cmds = (alter.cmds ?? []).flatMap((c) => ('AlterTableCmd' in c ? [c.AlterTableCmd] : []));
  return { table: relationName(alter.relation), cmds };
}

/** The column definition an ADD COLUMN / ALTER COLUMN TYPE subcommand carries. */
export function columnDefOf(cmd: AlterTableCmd): ColumnDef | undefined {
  return cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
}

/** The constraint an ADD CONSTRAINT subcommand carries, or a column's inline constraints. */
export function constraintOf(cmd: AlterTableCmd): Constraint | undefined {
  return cmd.def && 'Constraint' in cmd.def ? cmd.def.Constraint : undefined;
}

export function columnConstraints(def: ColumnDef | undefined): Constraint[] {
  return (def?.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint] : []));
}

/** The lock `stmt` takes on `relation` (by the lock model), else its strongest. */
export function lockOn(stmt: StatementInfo, relation: string): TableLock | undefined {
  return stmt.locks.locks.find((l) => l.table === relation) ?? stmt.locks.locks[0];
}

/**
 * How to run one statement outside a transaction block, in the words of where it is: an
 * explicit BEGIN is left by moving the statement out; a runner's transaction by the format's
 * own switch (goose `NO TRANSACTION`, dbmate `transaction:false`, ...).
 */
export function howToLeaveTransaction(ctx: Pick<RuleContext<string>, 'state' | 'format'>, stmt?: StatementInfo): string {
  const runner = ctx.format.noTransactionHint ? `${ctx.format.noTransactionHint}.` : 'run it outside the migration runner, in its own step.';
  if (!ctx.state.explicitTransaction) return runner;
  // A BEGIN inside a file the runner already wraps: leaving the BEGIN block is not enough.
  if (stmt?.section.transaction === 'per-file') return `move it out of the BEGIN ... COMMIT block, and ${runner}`;
  return 'move it out of the BEGIN ... COMMIT block.';
}

/** Identifiers that must be quoted to be used as names (the reserved key words of PostgreSQL, Appendix C). */
const RESERVED = new Set(
  ('all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create ' +
    'current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc ' +
    'distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral ' +
    'leading limit localtime localtimestamp not null offset on only or order placing primary references returning ' +
    'select session_user some symmetric system_user table then to trailing true union unique user using variadic when ' +
    'where window with').split(' '),
);

/** A name as SQL must spell it: bare when it is a plain lower-case identifier, else double-quoted. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** A schema-qualified relation name (as `relationName` gives it) spelt for SQL. */
export function quoteRelation(name: string): string {
  return name.split('.').map(quoteIdent).join('.');
}
