/**
 * The registry meta-test (ESLint's `checkRuleFiles`, typescript-eslint's docs.test): adding a
 * rule is its module, its cases, its docs page and one registry line, and this test names
 * whichever is missing. Whether every `{{placeholder}}` is filled cannot be seen statically; the
 * rule tester covers it at run time (every message has an invalid case, and no rendered message
 * may keep a `{{`), so here placeholders are only checked to be plain identifiers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_FINDING_IDS, rules } from '../../../src/analysis/rules/index.js';
import type { Rule } from '../../../src/analysis/rules/types.js';

const ROOT = process.cwd();
const RULES_DIR = join(ROOT, 'src/analysis/rules');
const NOT_RULES = new Set(['index.ts', 'types.ts']);
const HEADINGS = ['## Why', '## Unsafe', '## Safe recipe', '## Options', '## When not to use'];

const ruleFiles = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts') && !NOT_RULES.has(e.name))
  .map((e) => e.name.replace(/\.ts$/, ''))
  .sort();
const registered = rules as Readonly<Record<string, Rule>>;

/** Level-1 and level-2 headings of a Markdown page, outside fenced code blocks. */
function headingsOf(markdown: string): string[] {
  let fenced = false;
  const out: string[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && /^#{1,2}\s/.test(line)) out.push(line.trimEnd());
  }
  return out;
}

/** The module itself, not the registry's entry: an unregistered rule is still checked. */
async function load(file: string): Promise<Rule> {
  return ((await import(`../../../src/analysis/rules/${file}.js`)) as { default: Rule }).default;
}

function expectDocPage(id: string): void {
  const path = join(ROOT, 'docs/rules', `${id}.md`);
  if (!existsSync(path)) throw new Error(`missing docs page docs/rules/${id}.md`);
  expect(headingsOf(readFileSync(path, 'utf8'))).toEqual([`# ${id}`, ...HEADINGS]);
}

describe('rule registry', () => {
  it('is sorted by id', () => {
    const ids = Object.keys(registered);
    expect(ids).toEqual([...ids].sort());
  });

  it('registers every rule module, and only those', () => {
    expect(Object.keys(registered).sort()).toEqual(ruleFiles);
  });

  describe.each(ruleFiles)('%s', (file) => {
    it('is the registered module, and its id is its file name', async () => {
      const rule = await load(file);
      expect(rule.id).toBe(file);
      expect(registered[file]).toBe(rule);
    });

    it('has an intent-prefixed kebab-case id', () => {
      expect(file).toMatch(/^(require|ban|prefer)-[a-z0-9]+(-[a-z0-9]+)*$/);
    });

    it('has a test file', () => {
      expect(existsSync(join(ROOT, 'test/analysis/rules', `${file}.test.ts`))).toBe(true);
    });

    it('has a docs page with the standard headings, in order', () => {
      expectDocPage(file);
    });

    it('has a summary, camelCase message ids and identifier placeholders', async () => {
      const rule = await load(file);
      expect(rule.meta.summary.trim()).not.toBe('');
      const messages = Object.entries(rule.meta.messages);
      expect(messages.length).toBeGreaterThan(0);
      for (const [id, text] of messages) {
        expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        const opened = text.split('{{').length - 1;
        const placeholders = [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1] ?? '');
        expect(placeholders.length).toBe(opened);
        for (const name of placeholders) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      }
      if (rule.meta.recipe !== undefined) expect(rule.meta.recipe.trim()).not.toBe('');
      expect(rule.check ?? rule.checkMigration).toBeDefined();
    });
  });

  describe.each([...ENGINE_FINDING_IDS])('engine finding %s', (id) => {
    it('has a docs page with the standard headings, in order', () => {
      expectDocPage(id);
    });
  });
});

describe('README rules table', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const rows = new Map(
    [...readme.matchAll(/^\| \[([a-z-]+)\]\(docs\/rules\/\1\.md\) \| (error|warning|info) \|/gm)].map((m) => [m[1] as string, m[2] as string]),
  );

  it('has one row per rule, with its default severity, and no row for a rule that does not exist', () => {
    const expected = new Map(Object.values(registered).map((rule) => [rule.id, rule.meta.severity as string]));
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(expected));
  });
});
