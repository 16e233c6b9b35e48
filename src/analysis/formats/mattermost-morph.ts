import { buildUpDown, isUpDownFile, partnerPath } from './golang-migrate.js';
import { basename, dirname, join, type FormatModule } from './shared.js';
import type { SourceFile, TransactionMode } from './types.js';

/**
 * Mattermost keeps golang-migrate-style files in `migrations/<driver>/` and runs them with
 * mattermost/morph; `migrations/migrations.list` is its generated order file.
 */
const LIST = 'migrations.list';

function listPath(path: string): string {
  return join(dirname(dirname(path)), LIST);
}

/**
 * morph runs a file outside a transaction only when the file starts with this comment
 * (mattermost's schema-migration guide: "at the top of the migration file").
 */
const NON_TRANSACTIONAL = /^\uFEFF?[ \t]*--[ \t]*morph:nontransactional\b/;

function transactionOf(file: SourceFile): TransactionMode {
  return NON_TRANSACTIONAL.test(file.text) ? 'none' : 'per-file';
}

export const mattermostMorph: FormatModule = {
  info: {
    id: 'mattermost-morph',
    name: 'Mattermost (morph)',
    supportsDown: true,
    docsUrl: 'https://developers.mattermost.com/contribute/more-info/server/schema-migration-guide/',
    noTransactionHint:
      'add `-- morph:nontransactional` as the first line of the file and keep the statement alone in it (morph still sends the file as one query, and PostgreSQL wraps several statements in an implicit transaction)',
  },
  claims: (file, files) => isUpDownFile(file.path) && (files.has(listPath(file.path)) || NON_TRANSACTIONAL.test(file.text)),
  build: (owned, files) => buildUpDown(owned, files, 'mattermost-morph', transactionOf),
  companionPaths: (path) => {
    const partner = partnerPath(path);
    if (partner === undefined) return [];
    // Only morph's layout puts the order file one level up; elsewhere it would be a guess.
    return basename(dirname(path)) === 'postgres' ? [partner, listPath(path)] : [partner];
  },
  isSideFile: (path) => basename(path) === LIST,
};
