import { basename, dirname, lineProblem, lines, missingDown, sliceOf, splitVersion, wholeFile, type Line, type FormatModule } from './shared.js';
import type { DownMigration, FormatProblem, Section, SourceFile, TransactionMode } from './types.js';

/** dbmate's markers: `-- migrate:up [options]`, `-- migrate:down [options]`, each on its own line. */
const MARKER = /^--[ \t]*migrate:(up|down)\b(.*)$/;

interface Marker {
  readonly kind: 'up' | 'down';
  readonly line: Line;
  readonly transaction: TransactionMode;
}

/**
 * Options sit on the marker line and apply to that section only: `-- migrate:up transaction:false`
 * runs the up outside a transaction and leaves the down in one.
 */
function transactionOf(options: string): TransactionMode {
  return /(?:^|\s)transaction:false\b/.test(options) ? 'none' : 'per-file';
}

/**
 * Decision: the down is `present` whenever `-- migrate:down` exists, even with nothing under it
 * (dbmate writes that marker into every new file); judging an empty down is the reversibility
 * rule's job. No marker at all is `missing`.
 */
function parse(file: SourceFile): { up: Section; down: DownMigration; problems: FormatProblem[] } {
  const problems: FormatProblem[] = [];
  const markers: Marker[] = [];
  for (const line of lines(file.text)) {
    const m = MARKER.exec(line.text.replace(/^\uFEFF/, ''));
    if (!m) continue;
    const kind = m[1] as 'up' | 'down';
    if (markers.some((marker) => marker.kind === kind)) problems.push(lineProblem(file, line, `second -- migrate:${kind} marker`));
    else markers.push({ kind, line, transaction: transactionOf(m[2] as string) });
  }
  const sectionOf = (marker: Marker) => {
    const following = markers.filter((other) => other.line.start > marker.line.start)[0];
    return sliceOf(marker.kind, file, marker.line.next, following?.line.start ?? file.text.length, marker.transaction);
  };
  const upMarker = markers.find((marker) => marker.kind === 'up');
  const downMarker = markers.find((marker) => marker.kind === 'down');
  if (!upMarker) problems.push({ file: file.path, span: { start: 0, end: 0 }, message: 'no -- migrate:up marker: dbmate refuses this file' });
  else if (downMarker && downMarker.line.start < upMarker.line.start)
    problems.push(lineProblem(file, downMarker.line, '-- migrate:down comes before -- migrate:up: dbmate refuses this file'));
  return {
    up: upMarker ? sectionOf(upMarker) : wholeFile('up', file, 'per-file'),
    down: downMarker ? { state: 'present', section: sectionOf(downMarker) } : missingDown(file.path),
    problems,
  };
}

export const dbmate: FormatModule = {
  info: {
    id: 'dbmate',
    name: 'dbmate',
    supportsDown: true,
    docsUrl: 'https://github.com/amacneil/dbmate#creating-migrations',
    noTransactionHint: 'add `transaction:false` to the `-- migrate:up` line',
  },
  claims: (file) => /^\uFEFF?--[ \t]*migrate:up\b/m.test(file.text),
  build: (owned) =>
    owned.map((file) => ({
      root: dirname(file.path),
      migration: {
        path: file.path,
        format: 'dbmate',
        ...splitVersion(basename(file.path).replace(/\.sql$/, '')),
        ...parse(file),
        texts: { [file.path]: file.text },
      },
    })),
  companionPaths: () => [],
};
