import { basename, dirname, lineProblem, lines, missingDown, sliceOf, splitVersion, wholeFile, type Line, type FormatModule } from './shared.js';
import type { DownMigration, FormatProblem, Section, SourceFile, TransactionMode } from './types.js';

/** goose reads annotations case-insensitively (`-- +goose no transaction` works), so do we. */
const ANNOTATION = /^[ \t]*--[ \t]*\+goose\b(.*)$/i;
const KNOWN = new Set(['up', 'down', 'statementbegin', 'statementend', 'no transaction', 'envsub on', 'envsub off']);

interface Marker {
  readonly kind: 'up' | 'down';
  readonly line: Line;
}

/**
 * Splits a goose file the way goose's sqlparser does: the Up section runs from the line after
 * `-- +goose Up` to the Down annotation, the Down section from there to the end. Structural
 * errors goose would refuse the file for become problems, and the split still happens so the
 * SQL gets reviewed.
 */
function parse(file: SourceFile): { up: Section; down: DownMigration; problems: FormatProblem[] } {
  const problems: FormatProblem[] = [];
  const markers: Marker[] = [];
  let openBegin: Line | undefined;
  let noTransaction = false;
  for (const line of lines(file.text)) {
    const m = ANNOTATION.exec(line.text);
    if (!m) continue;
    const command = (m[1] as string).trim().toLowerCase().replace(/\s+/g, ' ');
    if (!KNOWN.has(command)) problems.push(lineProblem(file, line, `unknown goose annotation "${command}"`));
    if (command === 'no transaction') noTransaction = true;
    if (command === 'statementbegin') {
      if (openBegin) problems.push(lineProblem(file, line, '-- +goose StatementBegin inside another StatementBegin'));
      openBegin = line;
    }
    if (command === 'statementend') {
      if (!openBegin) problems.push(lineProblem(file, line, '-- +goose StatementEnd without a StatementBegin'));
      openBegin = undefined;
    }
    if (command === 'up' || command === 'down') {
      if (openBegin) problems.push(lineProblem(file, openBegin, '-- +goose StatementBegin never ended before the next section'));
      openBegin = undefined;
      if (markers.some((marker) => marker.kind === command)) problems.push(lineProblem(file, line, `second -- +goose ${command === 'up' ? 'Up' : 'Down'} annotation`));
      else markers.push({ kind: command, line });
    }
  }
  if (openBegin) problems.push(lineProblem(file, openBegin, '-- +goose StatementBegin never ended'));
  // NO TRANSACTION applies to the whole file, both directions.
  const transaction: TransactionMode = noTransaction ? 'none' : 'per-file';
  const sectionOf = (marker: Marker) => {
    const following = markers.filter((other) => other.line.start > marker.line.start)[0];
    return sliceOf(marker.kind, file, marker.line.next, following?.line.start ?? file.text.length, transaction);
  };
  const upMarker = markers.find((marker) => marker.kind === 'up');
  const downMarker = markers.find((marker) => marker.kind === 'down');
  if (!upMarker) problems.push({ file: file.path, span: { start: 0, end: 0 }, message: 'no -- +goose Up annotation: goose refuses this file' });
  else if (downMarker && downMarker.line.start < upMarker.line.start)
    problems.push(lineProblem(file, downMarker.line, '-- +goose Down comes before -- +goose Up'));
  return {
    up: upMarker ? sectionOf(upMarker) : wholeFile('up', file, transaction),
    down: downMarker ? { state: 'present', section: sectionOf(downMarker) } : missingDown(file.path),
    problems,
  };
}

export const goose: FormatModule = {
  info: {
    id: 'goose',
    name: 'goose',
    supportsDown: true,
    docsUrl: 'https://pressly.github.io/goose/documentation/annotations/',
    noTransactionHint: 'add `-- +goose NO TRANSACTION` at the top of the file',
  },
  claims: (file) => /^[ \t]*--[ \t]*\+goose\b/im.test(file.text),
  build: (owned) =>
    owned.map((file) => ({
      root: dirname(file.path),
      migration: {
        path: file.path,
        format: 'goose',
        ...splitVersion(basename(file.path).replace(/\.sql$/, '')),
        ...parse(file),
        texts: { [file.path]: file.text },
      },
    })),
  companionPaths: () => [],
};
