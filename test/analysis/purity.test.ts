/**
 * src/analysis is the functional core: text in, findings out. It must not reach the network,
 * a database, the file system, the environment or the clock; callers pass those in. This test
 * stands in for an ESLint no-restricted-imports / no-restricted-globals setup.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = 'src/analysis';
/** Pure computation only: hashing is deterministic, so node:crypto is allowed. */
const ALLOWED_NODE_MODULES = new Set(['node:crypto']);
const FORBIDDEN_PACKAGES = ['pg', '@electric-sql/pglite', 'probot', 'octokit', 'nock'];
const FORBIDDEN_LAYERS = /from ['"](\.\.\/)+(github|shadow|cli|config)\//;
const FORBIDDEN_GLOBALS = [/\bprocess\.(env|argv|cwd|exit|stdout|stderr)\b/, /\bDate\.now\(/, /\bnew Date\(\s*\)/, /\bMath\.random\(/, /\bfetch\(/];

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

describe('src/analysis stays pure', () => {
  const sources = files(ROOT).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('has sources to check', () => {
    expect(sources.length).toBeGreaterThan(50);
  });

  it('imports no I/O module and no shell layer', () => {
    const problems: string[] = [];
    for (const { path, text } of sources) {
      for (const match of text.matchAll(/from ['"]([^'"]+)['"]/g)) {
        const spec = match[1] as string;
        if (spec.startsWith('node:') && !ALLOWED_NODE_MODULES.has(spec)) problems.push(`${path}: ${spec}`);
        if (['fs', 'net', 'http', 'https', 'child_process', 'os'].includes(spec)) problems.push(`${path}: ${spec}`);
        if (FORBIDDEN_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`))) problems.push(`${path}: ${spec}`);
      }
      if (FORBIDDEN_LAYERS.test(text)) problems.push(`${path}: imports a shell layer`);
    }
    expect(problems).toEqual([]);
  });

  it('reads no environment, clock or randomness', () => {
    const problems: string[] = [];
    for (const { path, text } of sources) {
      // Comments may mention these words; code may not use them.
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const pattern of FORBIDDEN_GLOBALS) if (pattern.test(code)) problems.push(`${path}: ${pattern}`);
    }
    expect(problems).toEqual([]);
  });
});
