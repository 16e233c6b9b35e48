import { basename, dirname, join, missingDown, textsOf, wholeFile, type Built, type FileMap, type FormatModule } from './shared.js';
import type { FormatProblem, SourceFile } from './types.js';

/**
 * sqitch keeps `<top>/sqitch.plan` with scripts in `<top>/deploy|revert|verify/<change>.sql`
 * (sqitch.conf's default top_dir/deploy_dir/...). The innermost such directory wins, so nested
 * projects (chef's oc_erchef/schema and oc_erchef/schema/baseline) each get their own plan.
 */
const SCRIPT = /^(?:(.*)\/)?(deploy|revert|verify)\/(.+)\.sql$/;
const PLAN = 'sqitch.plan';

interface Script {
  readonly root: string;
  readonly kind: 'deploy' | 'revert' | 'verify';
  readonly stem: string;
}

function scriptOf(path: string): Script | undefined {
  const m = SCRIPT.exec(path);
  return m ? { root: m[1] ?? '', kind: m[2] as Script['kind'], stem: m[3] as string } : undefined;
}

function scriptPath(root: string, kind: Script['kind'], stem: string): string {
  return join(root, `${kind}/${stem}.sql`);
}

interface PlannedChange {
  /** Script file stem: the change name, or `name@tag` for a version that was reworked later. */
  readonly stem: string;
  readonly position: number;
}

/**
 * The changes of a plan in deploy order. A reworked change appears several times; all but its
 * last appearance use scripts suffixed with a tag between it and the rework, and sqitch takes
 * the first such tag whose deploy script exists (App::Sqitch::Plan::Change::path_segments).
 */
export function parsePlan(plan: string, root: string, files: FileMap): PlannedChange[] {
  const entries: ({ change: string; deps: string } | { tag: string })[] = [];
  for (const raw of plan.split(/\r\n|\n|\r/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('%') || line.startsWith('#')) continue;
    const tag = /^@(\S+)/.exec(line);
    if (tag) entries.push({ tag: tag[1] as string });
    // A leading `-` marks a change sqitch reverted in old plan syntax: it is not deployed.
    const change = /^(\+)?([^\s[@:#%+-][^\s[@:#%]*)\s*(\[[^\]]*\])?/.exec(line);
    if (!tag && change) entries.push({ change: change[2] as string, deps: change[3] ?? '' });
  }
  const changes: PlannedChange[] = [];
  entries.forEach((entry, i) => {
    if (!('change' in entry)) return;
    const laterIndex = entries.findIndex((other, j) => j > i && 'change' in other && other.change === entry.change);
    let stem = entry.change;
    if (laterIndex >= 0) {
      const later = entries[laterIndex] as { change: string; deps: string };
      const named = new RegExp(`(?:^|[\\s\\[])${escape(entry.change)}@(\\S+?)(?=[\\s\\]])`).exec(later.deps)?.[1];
      const between = entries.slice(i + 1, laterIndex).flatMap((other) => ('tag' in other ? [other.tag] : []));
      const candidates = [...(named === undefined ? [] : [named]), ...between];
      const found = candidates.find((tag) => files.has(scriptPath(root, 'deploy', `${entry.change}@${tag}`)));
      const chosen = found ?? candidates[0];
      if (chosen !== undefined) stem = `${entry.change}@${chosen}`;
    }
    changes.push({ stem, position: changes.length + 1 });
  });
  return changes;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function buildProject(root: string, deploys: readonly { file: SourceFile; stem: string }[], files: FileMap): Built[] {
  const planPath = join(root, PLAN);
  const plan = files.get(planPath);
  const planned = plan === undefined ? [] : parsePlan(plan, root, files);
  const width = Math.max(4, String(planned.length).length);
  const byStem = new Map(planned.map((change) => [change.stem, change]));
  return deploys.map(({ file: deploy, stem }) => {
    const change = byStem.get(stem);
    const problems: FormatProblem[] = [];
    if (plan !== undefined && !change)
      problems.push({ file: deploy.path, span: { start: 0, end: 0 }, message: `change "${stem}" is not in ${planPath}: sqitch will not deploy it` });
    const revertPath = scriptPath(root, 'revert', stem);
    const revert = fileAt(files, revertPath);
    const verify = fileAt(files, scriptPath(root, 'verify', stem));
    return {
      root,
      migration: {
        path: deploy.path,
        format: 'sqitch',
        // Plan position orders the changes; without the plan, the name is all there is.
        version: change ? String(change.position).padStart(width, '0') : stem,
        name: stem,
        // sqitch runs each script through psql: autocommit unless the script says BEGIN/COMMIT.
        up: wholeFile('up', deploy, 'none'),
        down: revert ? { state: 'present', section: wholeFile('down', revert, 'none') } : missingDown(revertPath),
        ...(verify ? { verify: wholeFile('verify', verify, 'none') } : {}),
        texts: textsOf(deploy, revert, verify),
        problems,
      },
    };
  });
}

function fileAt(files: FileMap, path: string): SourceFile | undefined {
  const text = files.get(path);
  return text === undefined ? undefined : { path, text };
}

const layoutCache = new WeakMap<FileMap, Set<string>>();

/**
 * Without the plan, the layout itself: a directory holding `deploy/` and `revert/` or `verify/`
 * scripts. Decided per directory, not per script, so a deploy script whose revert is missing
 * stays with its project. Cached per file set: claims() is asked once per file.
 */
function layoutRoots(files: FileMap): Set<string> {
  let roots = layoutCache.get(files);
  if (roots) return roots;
  const kindsByRoot = new Map<string, Set<string>>();
  for (const path of files.keys()) {
    const script = scriptOf(path);
    if (script) kindsByRoot.set(script.root, (kindsByRoot.get(script.root) ?? new Set()).add(script.kind));
  }
  roots = new Set([...kindsByRoot].filter(([, kinds]) => kinds.has('deploy') && kinds.size > 1).map(([root]) => root));
  layoutCache.set(files, roots);
  return roots;
}

export const sqitch: FormatModule = {
  info: {
    id: 'sqitch',
    name: 'Sqitch',
    supportsDown: true,
    docsUrl: 'https://sqitch.org/docs/manual/sqitchtutorial/',
    noTransactionHint: 'sqitch runs scripts through psql in autocommit: leave the statement outside the script\'s BEGIN/COMMIT',
  },
  claims: (file, files) => {
    const script = scriptOf(file.path);
    return script !== undefined && (files.has(join(script.root, PLAN)) || layoutRoots(files).has(script.root));
  },
  build: (owned, files) => {
    const deploysByRoot = new Map<string, { file: SourceFile; stem: string }[]>();
    for (const file of owned) {
      // A file forced on sqitch by config outside the layout is a deploy script named after itself.
      const script = scriptOf(file.path) ?? { root: dirname(file.path), kind: 'deploy', stem: basename(file.path).replace(/\.sql$/, '') };
      // Reverts and verifies travel with their deploy; one without a deploy is never run going up.
      if (script.kind !== 'deploy') continue;
      const list = deploysByRoot.get(script.root) ?? [];
      list.push({ file, stem: script.stem });
      deploysByRoot.set(script.root, list);
    }
    return [...deploysByRoot].flatMap(([root, deploys]) => buildProject(root, deploys, files));
  },
  companionPaths: (path) => {
    const script = scriptOf(path);
    if (!script) return [];
    const others = (['deploy', 'revert', 'verify'] as const).filter((kind) => kind !== script.kind);
    return [join(script.root, PLAN), ...others.map((kind) => scriptPath(script.root, kind, script.stem))];
  },
  isSideFile: (path) => basename(path) === PLAN || basename(path) === 'sqitch.conf',
};
