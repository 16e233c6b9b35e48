/** Command-line arguments to a typed command. No I/O: errors are UsageError, shown with exit code 2. */
import { parseArgs } from 'node:util';
import { MAX_POSTGRES_VERSION, MIN_POSTGRES_VERSION } from '../config/schema.js';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type Command =
  | { readonly name: 'help'; readonly topic?: string }
  | { readonly name: 'version' }
  | {
      readonly name: 'lint';
      readonly paths: readonly string[];
      readonly format: OutputFormat;
      readonly configPath?: string;
      readonly postgresVersion?: number;
      readonly maxWarnings?: number;
      /** undefined: decide from the terminal. */
      readonly color?: boolean;
    }
  | { readonly name: 'rules' }
  | { readonly name: 'explain'; readonly rule: string };

/** A mistake in how the command was called: exit code 2, message on stderr. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: migration-review <command> [options]

Commands:
  lint [paths...]     Review the migrations in these files or folders (default: .)
  rules               List the rules with their default severity
  explain <rule>      Print a rule's documentation
  stats --database-url URL [--output FILE]
                      Snapshot table sizes from catalog statistics (read-only),
                      for size-aware findings (see migration-review stats --help)

Options for lint:
  -f, --format <fmt>  text (default), json, sarif or github (workflow annotations)
  -c, --config <path> Config file (default: .github/migration-review.yml, found
                      from the current directory up to the git root)
  --pg-version <n>    PostgreSQL major version of production, ${MIN_POSTGRES_VERSION}..${MAX_POSTGRES_VERSION} (overrides the config)
  --max-warnings <n>  Exit 1 when there are more than n warnings
  --color, --no-color Force colors on or off (default: on for a terminal, unless NO_COLOR)

  -h, --help          Show this help
  -v, --version       Show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage or config error.
`;

const COMMANDS = ['lint', 'rules', 'explain', 'help'] as const;

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        'pg-version': { type: 'string' },
        'max-warnings': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (cause) {
    throw new UsageError((cause as Error).message, { cause });
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) return command && command !== 'help' ? { name: 'help', topic: command } : { name: 'help' };
  if (values.version) return { name: 'version' };
  if (command === undefined) throw new UsageError('missing command: lint, rules or explain');
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`unknown command \`${command}\`: expected lint, rules or explain (to lint a folder: migration-review lint ${command})`);
  }
  const lintOnly = (['format', 'config', 'pg-version', 'max-warnings', 'color', 'no-color'] as const).filter((k) => values[k] !== undefined);
  if (command !== 'lint' && lintOnly.length) throw new UsageError(`--${lintOnly[0]} only applies to lint`);
  switch (command) {
    case 'help':
      return rest[0] ? { name: 'help', topic: rest[0] } : { name: 'help' };
    case 'rules':
      if (rest.length) throw new UsageError(`rules takes no arguments (got ${rest.join(' ')})`);
      return { name: 'rules' };
    case 'explain':
      if (rest.length !== 1) throw new UsageError('explain takes one rule id, e.g. migration-review explain require-concurrent-index');
      return { name: 'explain', rule: rest[0] as string };
    default: {
      const format = values.format ?? 'text';
      if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')} (got ${format})`);
      }
      if (values.color && values['no-color']) throw new UsageError('--color and --no-color contradict each other');
      const pg = values['pg-version'];
      const maxWarnings = values['max-warnings'];
      return {
        name: 'lint',
        paths: rest.length ? rest : ['.'],
        format: format as OutputFormat,
        ...(values.config !== undefined ? { configPath: values.config } : {}),
        ...(pg !== undefined ? { postgresVersion: integerOption('--pg-version', pg, MIN_POSTGRES_VERSION, MAX_POSTGRES_VERSION) } : {}),
        ...(maxWarnings !== undefined ? { maxWarnings: integerOption('--max-warnings', maxWarnings, 0, Number.MAX_SAFE_INTEGER) } : {}),
        ...(values.color ? { color: true } : values['no-color'] ? { color: false } : {}),
      };
    }
  }
}

function integerOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${name} must be an integer${max === Number.MAX_SAFE_INTEGER ? ` >= ${min}` : ` from ${min} to ${max}`} (got ${text})`);
  }
  return value;
}
