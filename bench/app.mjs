// npm run bench:app: compiles bench/app-run.ts and what it imports (src/github, the fake
// GitHub of test/e2e) into node_modules/.cache, then runs it. Numbers, not assertions.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'node_modules/.cache/migration-review-bench');
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '--outDir', out, '--rootDir', root, '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--skipLibCheck', '--esModuleInterop', '--resolveJsonModule', '--types', 'node', '--noEmitOnError', 'false', '--sourceMap', 'false',
    join(root, 'bench/app-run.ts')],
  { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
);
const entry = join(out, 'bench/app-run.js');
// Type errors elsewhere in the tree (other work in progress) do not stop the emit.
if (!existsSync(entry)) {
  process.stdout.write(tsc.stdout ?? '');
  process.exit(1);
}
const result = spawnSync(process.execPath, [entry], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
