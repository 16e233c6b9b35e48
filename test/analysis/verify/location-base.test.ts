import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initParser, parseSql } from '../../../src/analysis/parse.js';
import { verificationQueries } from '../../../src/analysis/verify/index.js';

const STATEMENTS = '../shared/truth/statements';

/** The statement lines of a truth file (its header lines are comments). */
function statementOf(file: string): string {
  return readFileSync(join(STATEMENTS, file), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('--'))
    .join('\n')
    .trim();
}

describe('verification queries from the engine AST (no re-parse)', () => {
  beforeAll(() => initParser());

  it('equal the queries from re-parsing each statement alone, in a section with non-ASCII text before', () => {
    const statements = readdirSync(STATEMENTS).sort().map(statementOf);
    const section = statements.map((s, i) => `-- Schritt ${i}: prüfen ✓\n${s.endsWith(';') ? s : `${s};`}`).join('\n\n');
    const parsed = parseSql(section);
    let compared = 0;
    for (const stmt of parsed.statements) {
      const alone = verificationQueries({ ast: stmt.ast, text: stmt.text }, { postgresVersion: 16 });
      const fromEngine = verificationQueries({ ...stmt, locationBase: stmt.locationBase }, { postgresVersion: 16 });
      expect(fromEngine).toEqual(alone);
      if (alone.length) compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
