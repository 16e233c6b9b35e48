/**
 * The repository config (`.github/migration-review.yml`): its JSON Schema, its defaults, and
 * the conversion to the plain options the analysis takes. Pure: no file system here (see
 * load.ts), so the GitHub App validates what `context.config()` returned with the same code.
 *
 * YAML keys are exactly the `Config` field names (camelCase, like other Probot app configs).
 * Every object is closed (`additionalProperties: false`): a misspelt key is an error that
 * names it, never a silently ignored setting.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { DEFAULT_PROCESS_ITEMS } from '../analysis/checklist/items.js';
import addFormatsModule from 'ajv-formats';
import { LineCounter, parseDocument } from 'yaml';
import { FORMAT_IDS, type FormatId } from '../analysis/formats/types.js';
import type { AnalysisOptions, RuleSetting, TableSize } from '../analysis/result.js';
import { DEFAULT_ANALYSIS_OPTIONS } from '../analysis/result.js';
import { rules, type RuleId } from '../analysis/rules/index.js';
import { ConfigError } from './errors.js';
import { closestMatches } from './suggest.js';

export { ConfigError } from './errors.js';

export interface Config {
  /** Major version of the production server, 11..18. */
  postgresVersion: number;
  migrations: {
    /** Globs of where migrations live (repository-relative); [] = detect them anywhere. */
    paths: string[];
    /** Globs of files never treated as migrations. */
    exclude: string[];
    /** Force a format on files matching a glob; the last matching entry wins. */
    formats: { glob: string; format: FormatId }[];
  };
  rules: Partial<Record<RuleId, RuleSetting>>;
  tables: Record<string, TableSize>;
  largeTableRows: number;
  smallTableRows: number;
  requireLockTimeout: boolean;
  /** Repository-relative path of the stats snapshot (`migration-review stats` writes it). */
  statsFile: string;
  checklist: {
    /** The process items every migration pull request ticks. */
    items: string[];
    /** May the pull request's author tick the boxes? */
    allowAuthor: boolean;
    /** `org/team` slugs whose members may tick; [] = anyone with write access. */
    teams: string[];
  };
}

/** The four steps of the review process (DESIGN.md "Why it exists", issue 4). */
/** The seed's review process (DESIGN.md), one item each; defined with the checklist itself. */
export const DEFAULT_CHECKLIST_ITEMS: readonly string[] = DEFAULT_PROCESS_ITEMS;
export const DEFAULT_CONFIG: Config = deepFreeze({
  postgresVersion: DEFAULT_ANALYSIS_OPTIONS.postgresVersion,
  migrations: { paths: [], exclude: [], formats: [] },
  rules: {},
  tables: {},
  largeTableRows: DEFAULT_ANALYSIS_OPTIONS.largeTableRows,
  smallTableRows: DEFAULT_ANALYSIS_OPTIONS.smallTableRows,
  requireLockTimeout: DEFAULT_ANALYSIS_OPTIONS.requireLockTimeout,
  statsFile: '.github/migration-review-stats.json',
  checklist: { items: [...DEFAULT_CHECKLIST_ITEMS], allowAuthor: false, teams: [] },
});

/** Postgres majors the lock model knows (11 introduced instant ADD COLUMN ... DEFAULT). */
export const MIN_POSTGRES_VERSION = 11;
export const MAX_POSTGRES_VERSION = 18;

const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];
const stringList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;
const rowCount = { type: 'integer', minimum: 0 } as const;

/** The config's JSON Schema. Built from the rule registry, so a new rule is configurable with no change here. */
export function configJsonSchema(): Record<string, unknown> {
  const ruleIds = Object.keys(rules).sort();
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'migration-review configuration (.github/migration-review.yml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      postgresVersion: { type: 'integer', minimum: MIN_POSTGRES_VERSION, maximum: MAX_POSTGRES_VERSION },
      migrations: {
        type: 'object',
        additionalProperties: false,
        properties: {
          paths: stringList,
          exclude: stringList,
          formats: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['glob', 'format'],
              properties: { glob: { type: 'string', minLength: 1 }, format: { enum: [...FORMAT_IDS] } },
            },
          },
        },
      },
      rules: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(ruleIds.map((id) => [id, { enum: RULE_SETTINGS }])),
      },
      tables: {
        type: 'object',
        additionalProperties: {
          anyOf: [
            rowCount,
            {
              type: 'object',
              additionalProperties: false,
              required: ['rows'],
              properties: { rows: rowCount, bytes: { type: 'integer', minimum: 0 } },
            },
          ],
        },
      },
      largeTableRows: rowCount,
      smallTableRows: rowCount,
      requireLockTimeout: { type: 'boolean' },
      statsFile: { type: 'string', minLength: 1 },
      checklist: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: stringList,
          allowAuthor: { type: 'boolean' },
          teams: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$' } },
        },
      },
    },
  };
}

/** What `migration-review stats` writes: catalog statistics only, never row data. */
export interface StatsSnapshot {
  /** ISO 8601 time the statistics were read. */
  generatedAt: string;
  postgresVersion?: number;
  /** By table name (schema-qualified or not). `rows` is -1 when the table was never analyzed. */
  tables: Record<string, { rows: number; totalBytes?: number; pages?: number }>;
}

const statsJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['generatedAt', 'tables'],
  properties: {
    $schema: { type: 'string' },
    generatedAt: { type: 'string', format: 'date-time' },
    postgresVersion: { type: 'integer', minimum: 9 },
    tables: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['rows'],
        // pg_class.reltuples is -1 for a table never vacuumed or analyzed (PostgreSQL 14+).
        properties: { rows: { type: 'number', minimum: -1 }, totalBytes: { type: 'integer', minimum: 0 }, pages: { type: 'integer', minimum: 0 } },
      },
    },
  },
} as const;

// ajv-formats is CommonJS with `module.exports = plugin`; under NodeNext its default import is that object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

let validators: { config: ValidateFunction; stats: ValidateFunction } | undefined;

function getValidators(): { config: ValidateFunction; stats: ValidateFunction } {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    addFormats(ajv);
    validators = { config: ajv.compile(configJsonSchema()), stats: ajv.compile(statsJsonSchema) };
  }
  return validators;
}

/** Validates a YAML-parsed value (undefined/null: an empty file) and fills in the defaults. */
export function parseConfig(value: unknown, source: string): Config {
  if (value === undefined || value === null) return structuredClone(DEFAULT_CONFIG) as Config;
  const validate = getValidators().config;
  if (!validate(value)) throw toConfigError(validate.errors ?? [], source, 'config');
  const raw = value as RawConfig;
  const config: Config = {
    postgresVersion: raw.postgresVersion ?? DEFAULT_CONFIG.postgresVersion,
    migrations: {
      paths: [...(raw.migrations?.paths ?? DEFAULT_CONFIG.migrations.paths)],
      exclude: [...(raw.migrations?.exclude ?? DEFAULT_CONFIG.migrations.exclude)],
      formats: (raw.migrations?.formats ?? []).map((f) => ({ glob: f.glob, format: f.format })),
    },
    rules: { ...(raw.rules ?? {}) },
    tables: Object.fromEntries(
      Object.entries(raw.tables ?? {}).map(([name, size]) => [
        name,
        typeof size === 'number' ? { rows: size } : { rows: size.rows, ...(size.bytes !== undefined ? { totalBytes: size.bytes } : {}) },
      ]),
    ),
    largeTableRows: raw.largeTableRows ?? DEFAULT_CONFIG.largeTableRows,
    smallTableRows: raw.smallTableRows ?? DEFAULT_CONFIG.smallTableRows,
    requireLockTimeout: raw.requireLockTimeout ?? DEFAULT_CONFIG.requireLockTimeout,
    statsFile: raw.statsFile ?? DEFAULT_CONFIG.statsFile,
    checklist: {
      items: [...(raw.checklist?.items ?? DEFAULT_CONFIG.checklist.items)],
      allowAuthor: raw.checklist?.allowAuthor ?? DEFAULT_CONFIG.checklist.allowAuthor,
      teams: [...(raw.checklist?.teams ?? DEFAULT_CONFIG.checklist.teams)],
    },
  };
  if (config.smallTableRows > config.largeTableRows) {
    throw new ConfigError(
      `smallTableRows: ${config.smallTableRows} is above largeTableRows (${config.largeTableRows}); a table cannot be both small and large`,
      { key: 'smallTableRows', source },
    );
  }
  return config;
}

/** Parses YAML text, then validates it. A YAML syntax error names its line. */
export function parseConfigText(text: string, source: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  const error = doc.errors[0];
  if (error) {
    const position = lineCounter.linePos(error.pos[0]);
    const line = position.line;
    const where = `line ${line}, column ${position.col}: `;
    const reason = error.message.split('\n')[0] ?? error.message;
    throw new ConfigError(`${where}invalid YAML: ${reason}`, { key: '', source, line, cause: error });
  }
  return parseConfig(doc.toJS({ maxAliasCount: 100 }) as unknown, source);
}

/** Validates a stats snapshot (JSON-parsed). */
export function parseStatsSnapshot(value: unknown, source: string): StatsSnapshot {
  const validate = getValidators().stats;
  if (!validate(value)) throw toConfigError(validate.errors ?? [], source, 'stats');
  const raw = value as StatsSnapshot & { $schema?: string };
  return {
    generatedAt: raw.generatedAt,
    ...(raw.postgresVersion !== undefined ? { postgresVersion: raw.postgresVersion } : {}),
    tables: Object.fromEntries(Object.entries(raw.tables).map(([name, t]) => [name, { ...t }])),
  };
}

/**
 * The options the analysis takes. Table sizes from the stats snapshot come first and the
 * config's `tables:` override them: a number a person wrote down on purpose wins over a
 * statistic. Tables the snapshot never analyzed (rows -1) are left out: unknown, not empty.
 */
export function toAnalysisOptions(config: Config, stats?: StatsSnapshot): AnalysisOptions {
  const tables: Record<string, TableSize> = {};
  for (const [name, t] of Object.entries(stats?.tables ?? {})) {
    if (t.rows < 0) continue;
    tables[name] = { rows: Math.round(t.rows), ...(t.totalBytes !== undefined ? { totalBytes: t.totalBytes } : {}) };
  }
  Object.assign(tables, config.tables);
  return {
    ...DEFAULT_ANALYSIS_OPTIONS,
    postgresVersion: config.postgresVersion,
    rules: { ...config.rules } as Record<string, RuleSetting>,
    tables,
    largeTableRows: config.largeTableRows,
    smallTableRows: config.smallTableRows,
    requireLockTimeout: config.requireLockTimeout,
  };
}

interface RawConfig {
  postgresVersion?: number;
  migrations?: { paths?: string[]; exclude?: string[]; formats?: { glob: string; format: FormatId }[] };
  rules?: Partial<Record<RuleId, RuleSetting>>;
  tables?: Record<string, number | { rows: number; bytes?: number }>;
  largeTableRows?: number;
  smallTableRows?: number;
  requireLockTimeout?: boolean;
  statsFile?: string;
  checklist?: { items?: string[]; allowAuthor?: boolean; teams?: string[] };
}

/** `/migrations/paths/0` -> `migrations.paths[0]`. */
function keyPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  let out = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** Picks the most useful ajv error and words it for a person: the key path first, then the problem. */
function toConfigError(errors: readonly ErrorObject[], source: string, what: 'config' | 'stats'): ConfigError {
  // An unknown key explains the rest (anyOf branches, missing siblings), so it goes first.
  const error =
    errors.find((e) => e.keyword === 'additionalProperties') ??
    // A value that fits no branch of an anyOf: say what the branches accept, not how each failed.
    errors.find((e) => e.keyword === 'anyOf') ??
    errors[0];
  if (!error) return new ConfigError(`invalid ${what}`, { key: '', source });
  const params = error.params as Record<string, unknown>;
  let key = keyPath(error.instancePath);
  let problem: string;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      key = keyPath(error.instancePath, name);
      const known = Object.keys(knownProperties(error.parentSchema));
      const isRule = what === 'config' && error.instancePath === '/rules';
      problem = isRule ? 'unknown rule' : 'unknown key';
      const close = closestMatches(name, known);
      problem += close.length ? ` (did you mean ${close.join(' or ')}?)` : known.length ? ` (expected one of: ${known.join(', ')})` : '';
      break;
    }
    case 'required':
      key = keyPath(error.instancePath, String(params.missingProperty));
      problem = 'is required';
      break;
    case 'enum':
      problem = `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'type':
      problem = `must be ${article(String(params.type))}`;
      break;
    case 'minimum':
    case 'maximum': {
      const range = error.parentSchema as { minimum?: number; maximum?: number };
      problem =
        range.minimum !== undefined && range.maximum !== undefined
          ? `must be between ${range.minimum} and ${range.maximum}`
          : `must be ${error.keyword === 'minimum' ? '>=' : '<='} ${String(params.limit)}`;
      break;
    }
    case 'anyOf':
      problem = 'must be a row count (a number) or { rows, bytes }';
      break;
    case 'pattern':
      problem = key.startsWith('checklist.teams') ? 'must be an `org/team-slug`' : `must match ${String(params.pattern)}`;
      break;
    case 'format':
      problem = `must be a ${String(params.format)} string`;
      break;
    default:
      problem = error.message ?? 'is invalid';
  }
  const label = key === '' ? '(top level)' : key;
  return new ConfigError(`${label}: ${problem}`, { key, source });
}

function knownProperties(schema: unknown): Record<string, unknown> {
  return ((schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {}) as Record<string, unknown>;
}

function article(type: string): string {
  const word = type === 'integer' ? 'an integer' : type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : `a ${type}`;
  return word;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
