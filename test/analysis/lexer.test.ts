import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadModule, scanSync } from 'libpg-query';
import { lex } from '../../src/analysis/lexer.js';
import { initParser, parseSql } from '../../src/analysis/parse.js';

const enc = (s: string) => new TextEncoder().encode(s);
const commentsOf = (sql: string) => lex(enc(sql)).comments.map((c) => new TextDecoder().decode(enc(sql).subarray(c.start, c.end)));

describe('lex', () => {
  it('finds line and nested block comments', () => {
    expect(commentsOf('SELECT 1; -- a\n/* b /* c */ d */ SELECT 2;')).toEqual(['-- a', '/* b /* c */ d */']);
  });

  it('ignores comment and semicolon look-alikes inside strings, identifiers and dollar quotes', () => {
    const sql = "SELECT '--x;', \"a;--\", $$ ; -- $$, $tag$ $$ ; $tag$, E'\\';--', 'it''s;';";
    const trivia = lex(enc(sql));
    expect(trivia.comments).toEqual([]);
    expect(trivia.semicolons).toEqual([sql.length - 1]);
  });

  it('does not take $1 parameters or identifiers with $ for dollar quotes', () => {
    const sql = 'PREPARE p AS SELECT $1; SELECT a$b FROM t; -- end';
    expect(lex(enc(sql)).semicolons).toHaveLength(2);
    expect(commentsOf(sql)).toEqual(['-- end']);
  });

  it('reports where an unterminated quote starts', () => {
    expect(lex(enc("SELECT 'oops")).unterminatedAt).toBe(7);
    expect(lex(enc('SELECT $x$ never')).unterminatedAt).toBe(7);
  });

  it('counts bytes, not characters, after non-ASCII text', () => {
    const sql = "SELECT 'é'; -- ü";
    expect(lex(enc(sql)).semicolons).toEqual([11]);
  });
});

/** Every .sql file of the real corpus: our comments equal the real scanner's. */
function sqlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sqlFiles(path, out);
    else if (name.endsWith('.sql')) out.push(path);
  }
  return out;
}

describe('lex on ../shared/corpus', () => {
  beforeAll(async () => {
    await loadModule();
    await initParser();
  });

  it('finds exactly the comments libpg-query scanner finds, and statements start at a token', () => {
    const files = sqlFiles('../shared/corpus');
    expect(files.length).toBeGreaterThan(1000);
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      let tokens;
      try {
        tokens = scanSync(text).tokens;
      } catch {
        continue;
      }
      const expected = tokens.filter((t) => t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT').map((t) => [t.start, t.end]);
      const actual = lex(enc(text)).comments.map((c) => [c.start, c.end]);
      expect({ file, comments: actual }).toEqual({ file, comments: expected });
      for (const stmt of parseSql(text).statements) {
        expect(stmt.text).toBe(stmt.text.trim());
        expect(stmt.text.startsWith('--') || stmt.text.startsWith('/*') || stmt.text.endsWith(';')).toBe(false);
      }
      compared++;
    }
    console.log(`lexer agreed with the real scanner on ${compared} corpus files`);
  });
});
