import { dbmate } from './dbmate.js';
import { diesel } from './diesel.js';
import { drizzle } from './drizzle.js';
import { flyway } from './flyway.js';
import { matchesGlob } from './glob.js';
import { golangMigrate } from './golang-migrate.js';
import { goose } from './goose.js';
import { hasura } from './hasura.js';
import { mattermostMorph } from './mattermost-morph.js';
import { plain } from './plain.js';
import { prisma } from './prisma.js';
import { compareVersions, type Built, type FormatInfo, type FormatModule } from './shared.js';
import { sqitch } from './sqitch.js';
import type { FormatId, MigrationFile, SourceFile } from './types.js';

export type { FormatInfo } from './shared.js';

/** Config can force a format per path glob (`**`, `*`, `?`; a glob without `/` matches the file name). */
export interface FormatOverride {
  readonly glob: string;
  readonly format: FormatId;
}

export interface DiscoverOptions {
  readonly overrides?: readonly FormatOverride[];
}

/**
 * Detection order, most specific first. Content markers (goose, dbmate) cannot be mistaken for
 * anything else; sqitch and morph need a side file next to the script; then naming schemes,
 * from the strictest; `plain` takes whatever `.sql` is left.
 */
const detectionOrder: readonly FormatModule[] = [
  goose,
  dbmate,
  sqitch,
  mattermostMorph,
  golangMigrate,
  flyway,
  hasura,
  diesel,
  prisma,
  drizzle,
  plain,
];

const byId = new Map<FormatId, FormatModule>(detectionOrder.map((module) => [module.info.id, module]));

/** Per-format metadata, used by rules to phrase advice in the format's own words. */
export const formats: Record<FormatId, FormatInfo> = {
  dbmate: dbmate.info,
  diesel: diesel.info,
  drizzle: drizzle.info,
  flyway: flyway.info,
  'golang-migrate': golangMigrate.info,
  goose: goose.info,
  hasura: hasura.info,
  'mattermost-morph': mattermostMorph.info,
  plain: plain.info,
  prisma: prisma.info,
  sqitch: sqitch.info,
};

/** The format a config override forces on a path; the last matching override wins, as in ESLint's `overrides`. */
function forcedFormat(path: string, options: DiscoverOptions | undefined): FormatModule | undefined {
  const overrides = options?.overrides ?? [];
  for (let i = overrides.length - 1; i >= 0; i--) {
    const override = overrides[i] as FormatOverride;
    if (matchesGlob(path, override.glob)) return byId.get(override.format);
  }
  return undefined;
}

/**
 * Groups files into migrations (up paired with down, sqitch deploy/revert/verify, ...).
 * Only `.sql` files become sections; other files (plans, journals, configs) are read as side
 * files. Non-migration files are ignored. Sorted by (directory, version).
 */
export function discoverMigrations(files: readonly SourceFile[], options?: DiscoverOptions): MigrationFile[] {
  const byPath = new Map(files.map((file) => [file.path, file.text]));
  const owned = new Map<FormatModule, SourceFile[]>();
  for (const [path, text] of byPath) {
    if (!path.endsWith('.sql')) continue;
    const file = { path, text };
    const format = forcedFormat(path, options) ?? detectionOrder.find((module) => module.claims(file, byPath));
    if (!format) continue;
    const list = owned.get(format);
    if (list) list.push(file);
    else owned.set(format, [file]);
  }
  const built: Built[] = detectionOrder.flatMap((module) => module.build(owned.get(module) ?? [], byPath));
  built.sort(
    (a, b) =>
      compareText(a.root, b.root) ||
      compareVersions(a.migration.version, b.migration.version) ||
      compareText(a.migration.path, b.migration.path),
  );
  return built.map((entry) => entry.migration);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Cheap, by path only: could this path be (part of) a migration? Any `.sql` file, and the side
 * files formats read (sqitch.plan, drizzle's meta/_journal.json, diesel's metadata.toml, Flyway
 * `.sql.conf`, morph's migrations.list, hasura's down.yaml).
 */
export function isMigrationCandidate(path: string, _options?: DiscoverOptions): boolean {
  // Overrides only choose a format among `.sql` files, every one of which is already a
  // candidate, so they never widen the set; the parameter keeps callers uniform.
  if (path.endsWith('.sql')) return true;
  return detectionOrder.some((module) => module.isSideFile?.(path) ?? false);
}

/**
 * Other paths a format pairs with this one and needs to build the migration. Path-only, so it
 * lists what each matching format would look for: some of these paths may not exist, and a
 * caller should treat a missing one as absent, not as an error.
 */
export function companionPaths(path: string): string[] {
  const paths = new Set(detectionOrder.flatMap((module) => module.companionPaths(path)));
  paths.delete(path);
  return [...paths];
}
