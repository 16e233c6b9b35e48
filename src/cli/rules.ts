/** `migration-review rules` and `migration-review explain <rule>`. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describeRule } from '../analysis/report/shared.js';
import { ENGINE_FINDING_IDS, rules } from '../analysis/rules/index.js';
import { closestMatches } from '../config/suggest.js';
import { UsageError } from './args.js';
import { PACKAGE_ROOT } from './package.js';

export function renderRuleList(): string {
  const ids = Object.keys(rules).sort();
  const width = Math.max(...ids.map((id) => id.length), ...ENGINE_FINDING_IDS.map((id) => id.length));
  const lines = ids.map((id) => {
    const d = describeRule(id);
    return `${id.padEnd(width)}  ${d.severity.padEnd(7)}  ${d.summary}`;
  });
  const engine = ENGINE_FINDING_IDS.map((id) => {
    const d = describeRule(id);
    return `${id.padEnd(width)}  ${d.severity.padEnd(7)}  ${d.summary}`;
  });
  return [
    `${plural(ids.length, 'rule')} (severity is the default; change it in .github/migration-review.yml under \`rules:\`):`,
    '',
    ...lines,
    '',
    'Always on (not configurable):',
    '',
    ...engine,
    '',
    'migration-review explain <rule> prints a rule\'s documentation.',
    '',
  ].join('\n');
}

/** The rule's docs page (docs/rules/<id>.md of the installed package). Unknown id: UsageError with suggestions. */
export async function explainRule(id: string): Promise<string> {
  const known = [...Object.keys(rules), ...ENGINE_FINDING_IDS];
  if (!known.includes(id)) {
    const close = closestMatches(id, known, 3);
    throw new UsageError(
      `unknown rule \`${id}\`.${close.length ? ` Did you mean ${close.join(', ')}?` : ''} Run \`migration-review rules\` for the list.`,
    );
  }
  const file = path.join(PACKAGE_ROOT, 'docs', 'rules', `${id}.md`);
  try {
    return await readFile(file, 'utf8');
  } catch {
    // Engine ids may have no page of their own; say what is known rather than fail.
    const d = describeRule(id);
    return `# ${id}\n\n${d.summary}.\n\n(No documentation page at ${file}.)\n`;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}
