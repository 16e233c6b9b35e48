import { analyzeMigrations } from '../../../src/analysis/index.js';
import rule from '../../../src/analysis/rules/require-concurrent-index.js';
import { migrationOf } from '../../helpers/rule-tester.js';

describe('DDL inside PL/pgSQL', () => {
  it('checks statements inside a DO block at their real line', async () => {
    const sql = "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'i') THEN\n    CREATE INDEX i ON orders (id);\n  END IF;\nEND $$;\n";
    const result = await analyzeMigrations([migrationOf(sql)], {}, [rule]);
    const finding = result.findings.find((f) => f.ruleId === rule.id);
    expect(finding?.range.start).toEqual({ line: 4, column: 5 });
    expect(result.migrations[0]!.statements.map((s) => s.type)).toEqual(['DoStmt', 'IndexStmt']); // an IF condition is an expression, not a statement
  });

  it('checks static SQL in a plpgsql function body but not dynamic EXECUTE strings', async () => {
    const sql = "CREATE FUNCTION m() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  CREATE INDEX ON orders (a);\n  EXECUTE 'CREATE INDEX ON orders (b)';\nEND $$;";
    const result = await analyzeMigrations([migrationOf(sql)], {}, [rule]);
    expect(result.findings.filter((f) => f.ruleId === rule.id).map((f) => f.range.start.line)).toEqual([3]);
  });

  it('leaves SQL-language functions alone', async () => {
    const sql = 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;';
    const result = await analyzeMigrations([migrationOf(sql)], {}, [rule]);
    expect(result.migrations[0]!.statements).toHaveLength(1);
  });
});

describe('function bodies', () => {
  it('checks only schema changes inside a function body, not its queries', async () => {
    const sql = "CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  UPDATE counters SET n = n + 1;\n  ALTER TABLE t ADD COLUMN x int;\n  RETURN NEW;\nEND $$;";
    const result = await analyzeMigrations([migrationOf(sql)], {}, []);
    expect(result.migrations[0]!.statements.map((s) => s.type)).toEqual(['CreateFunctionStmt', 'AlterTableStmt']);
  });

  it('does not parse a body that holds no schema change at all', async () => {
    const sql = "CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM t); END $$;";
    const result = await analyzeMigrations([migrationOf(sql)], {}, []);
    expect(result.migrations[0]!.statements).toHaveLength(1);
  });
});
