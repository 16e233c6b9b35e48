import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationFile, Section, SourceFile } from '../../../src/analysis/formats/types.js';
import { LineIndex } from '../../../src/analysis/source.js';

/** The shared corpus, read in place (never copied into the repo). */
export const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Every file under `dir` as repository-relative POSIX paths, skipping names in `exclude`. */
export function readTree(dir: string, exclude: readonly string[] = []): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!exclude.includes(entry.name)) files.push({ path: relative(dir, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(dir);
  return files;
}

export function sectionsOf(migration: MigrationFile): Section[] {
  return [migration.up, ...(migration.down.state === 'present' ? [migration.down.section] : []), ...(migration.verify ? [migration.verify] : [])];
}

/**
 * The invariant every consumer relies on: a section's text is exactly its file's text over its
 * UTF-8 byte span, and that file's text travels in `texts`. Returns the broken sections, described.
 */
export function spanViolations(migration: MigrationFile): string[] {
  const violations: string[] = [];
  for (const section of sectionsOf(migration)) {
    const text = migration.texts[section.file];
    if (text === undefined) {
      violations.push(`${section.file}: text missing from texts`);
      continue;
    }
    const bytes = Buffer.from(text, 'utf8');
    const { start, end } = section.span;
    if (!(start >= 0 && start <= end && end <= bytes.length)) violations.push(`${section.file}: span ${start}-${end} outside 0-${bytes.length}`);
    else if (bytes.subarray(start, end).toString('utf8') !== section.text) violations.push(`${section.file}: bytes ${start}-${end} differ from section text`);
    else if (new LineIndex(text).slice(section.span) !== section.text) violations.push(`${section.file}: LineIndex.slice differs from section text`);
  }
  return violations;
}

/** 1-based first and last line a section covers, the way an editor shows them. */
export function lineRange(migration: MigrationFile, section: Section): [number, number] {
  const index = new LineIndex(migration.texts[section.file] as string);
  const range = index.range(section.span);
  return [range.start.line, range.end.line];
}

/** A readable, JSON-comparable digest of a migration for expected.json files. */
export function digest(migration: MigrationFile): unknown {
  const section = (s: Section) => ({ file: s.file, span: [s.span.start, s.span.end], lines: lineRange(migration, s), transaction: s.transaction });
  return {
    path: migration.path,
    format: migration.format,
    version: migration.version,
    name: migration.name,
    up: section(migration.up),
    down: migration.down.state === 'present' ? { state: 'present', ...section(migration.down.section) } : migration.down,
    ...(migration.verify ? { verify: section(migration.verify) } : {}),
    problems: migration.problems.map((p) => ({ file: p.file, span: [p.span.start, p.span.end], message: p.message })),
  };
}
