/**
 * `migration-review stats --database-url URL [--output FILE] [--statement-timeout MS]`:
 * reads catalog statistics through a read-only session and writes the snapshot the config
 * loader picks up (`.github/migration-review-stats.json` by default).
 * Exit codes: 0 written, 1 database error, 2 usage error.
 */
import { collectStats, connectReadOnly, DEFAULT_STATEMENT_TIMEOUT_MS, DEFAULT_STATS_PATH, writeStatsFile } from '../shadow/stats.js';

export const STATS_USAGE = `Usage: migration-review stats --database-url URL [--output FILE] [--statement-timeout MS]

Reads table sizes from PostgreSQL catalog statistics (pg_class.reltuples, relpages,
pg_total_relation_size; no row data) over a read-only session, and writes a JSON snapshot
that migration-review uses to size its findings.

  --database-url URL       postgres://user@host:port/db (required)
  --output FILE            where to write (default ${DEFAULT_STATS_PATH})
  --statement-timeout MS   per-query limit (default ${DEFAULT_STATEMENT_TIMEOUT_MS})
`;

export interface StatsIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: StatsIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

interface StatsArgs {
  readonly databaseUrl: string;
  readonly output: string;
  readonly statementTimeoutMs: number;
}

function parseArgs(argv: readonly string[]): StatsArgs | { help: true } | { error: string } {
  let databaseUrl: string | undefined;
  let output = DEFAULT_STATS_PATH;
  let statementTimeoutMs = DEFAULT_STATEMENT_TIMEOUT_MS;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { help: true };
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const take = (): string | undefined => value ?? argv[++i];
    switch (name) {
      case '--database-url':
        databaseUrl = take();
        break;
      case '--output':
      case '-o':
        output = take() ?? '';
        break;
      case '--statement-timeout': {
        const raw = take();
        statementTimeoutMs = Number(raw);
        if (!Number.isInteger(statementTimeoutMs) || statementTimeoutMs <= 0) return { error: `--statement-timeout must be a positive number of milliseconds, got ${raw}` };
        break;
      }
      default:
        return { error: `unknown argument ${arg}` };
    }
  }
  if (!databaseUrl) return { error: '--database-url is required' };
  if (!output) return { error: '--output needs a file path' };
  return { databaseUrl, output, statementTimeoutMs };
}

/** The `stats` subcommand; `argv` is what follows `stats`. */
export async function runStatsCommand(argv: readonly string[], io: StatsIo = processIo): Promise<number> {
  const args = parseArgs(argv);
  if ('help' in args) {
    io.stdout(STATS_USAGE);
    return 0;
  }
  if ('error' in args) {
    io.stderr(`migration-review stats: ${args.error}\n\n${STATS_USAGE}`);
    return 2;
  }
  let client: Awaited<ReturnType<typeof connectReadOnly>> | undefined;
  try {
    client = await connectReadOnly(args.databaseUrl, { statementTimeoutMs: args.statementTimeoutMs });
    const snapshot = await collectStats(client);
    await writeStatsFile(args.output, snapshot);
    const count = Object.keys(snapshot.tables).length;
    io.stdout(`Wrote statistics of ${count} table${count === 1 ? '' : 's'} (PostgreSQL ${snapshot.postgresVersion}) to ${args.output}\n`);
    return 0;
  } catch (error) {
    // Never echo the URL: it may hold a password.
    const err = error as { message?: string; code?: string };
    io.stderr(`migration-review stats: ${err.message ?? String(error)}${err.code ? ` (${err.code})` : ''}\n`);
    return 1;
  } finally {
    await client?.end().catch(() => undefined);
  }
}
