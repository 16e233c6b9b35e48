import { initParser, parseSql } from '../../src/analysis/parse.js';
import { LineIndex } from '../../src/analysis/source.js';

beforeAll(() => initParser());

describe('parseSql', () => {
  it('gives each statement a span from its first token to its end, without the semicolon', () => {
    const sql = '-- é comment\nCREATE INDEX ON "ü" (email);\n\n/* c */ ALTER TABLE x ADD COLUMN y int;\n';
    const { statements, errors, comments } = parseSql(sql);
    const index = new LineIndex(sql);
    expect(errors).toEqual([]);
    expect(statements.map((s) => s.text)).toEqual(['CREATE INDEX ON "ü" (email)', 'ALTER TABLE x ADD COLUMN y int']);
    expect(index.range(statements[0]!.span)).toEqual({ start: { line: 2, column: 1 }, end: { line: 2, column: 27 } });
    expect(index.range(statements[1]!.span).start).toEqual({ line: 4, column: 9 });
    expect(comments.map((c) => c.text)).toEqual(['-- é comment', '/* c */']);
  });

  it('reports a syntax error at its line and still parses the other statements', () => {
    const sql = 'CREATE TABLE a (id int);\nSELECT FROM WHERE;\nCREATE TABLE b (id int);\n';
    const { statements, errors } = parseSql(sql);
    const index = new LineIndex(sql);
    expect(statements.map((s) => Object.keys(s.ast)[0])).toEqual(['CreateStmt', 'CreateStmt']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe('syntax error at or near "WHERE"');
    expect(index.range(errors[0]!.span).start).toEqual({ line: 2, column: 13 });
  });

  it('keeps semicolons inside dollar quotes and strings inside their statement', () => {
    const sql = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT ';';\nSELEC 1;";
    const { statements, errors } = parseSql(sql);
    expect(statements).toHaveLength(2);
    expect(errors).toHaveLength(1);
    expect(new LineIndex(sql).range(errors[0]!.span).start.line).toBe(3);
  });

  it('reports an unterminated quote instead of throwing', () => {
    const { statements, errors } = parseSql("SELECT 'oops;\n");
    expect(statements).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('returns nothing for text that is only comments', () => {
    expect(parseSql('-- nothing here\n/* at all */\n')).toMatchObject({ statements: [], errors: [] });
  });
});
