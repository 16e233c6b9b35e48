// npm run bench: lints every .sql file of ../shared/corpus with our CLI and with squawk
// (its native binary, called directly), alternating, and prints the median wall times,
// their ratio, and the floor: a bare libpg-query parse of the same files in one process.
// Numbers, not assertions: nothing here fails on time.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '../shared/corpus');
const runs = Number(process.env.BENCH_RUNS ?? 7);
// squawk's native binary, from its platform package (an optional dependency: the registry
// mirror these machines use carries only linux-x64, so the squawk-cli wrapper, which lists
// every platform, cannot be locked).
const squawk = join(root, 'node_modules/@squawk-cli', `${process.platform}-${process.arch}`, 'bin/squawk');
if (!existsSync(squawk)) {
  console.error(`squawk's binary for ${process.platform}-${process.arch} is not installed (${squawk}); only linux-x64 is a dependency`);
  process.exit(2);
}
const ours = join(root, 'bin/migration-review.js');

function sqlFiles(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sqlFiles(path, out);
    else if (name.endsWith('.sql')) out.push(path);
  }
  return out;
}

const files = sqlFiles(corpus);
const listFile = join(mkdtempSync(join(tmpdir(), 'mr-bench-')), 'files.txt');
writeFileSync(listFile, files.join('\n'));

function timed(command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // Both exit 1 when they find problems; anything else is a broken run.
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const floors = [];
const our = [];
const theirs = [];
let floorInfo;
for (let i = 0; i < runs; i++) {
  // Alternate the order so neither tool always runs on a warmer cache.
  const order = i % 2 === 0 ? ['ours', 'squawk'] : ['squawk', 'ours'];
  for (const which of order) {
    if (which === 'ours') our.push(timed(process.execPath, [ours, 'lint', '--format', 'json', ...files]));
    else theirs.push(timed(squawk, ['--reporter', 'json', ...files]));
  }
  const floorStart = process.hrtime.bigint();
  floorInfo = JSON.parse(execFileSync(process.execPath, [join(root, 'bench/parse-floor.mjs'), listFile], { encoding: 'utf8' }));
  floors.push({ wall: Number(process.hrtime.bigint() - floorStart) / 1e6, parse: floorInfo.parseMs });
}

const ourMs = median(our);
const squawkMs = median(theirs);
const floorWall = median(floors.map((f) => f.wall));
const floorParse = median(floors.map((f) => f.parse));
const fmt = (ms) => `${ms.toFixed(0)} ms`;
console.log(`corpus: ${files.length} files, ${floorInfo.statements} statements (${floorInfo.failed} files the parser rejects), ${runs} runs each, alternating`);
console.log(`migration-review lint --format json   median ${fmt(ourMs)}   (runs: ${our.map((m) => m.toFixed(0)).join(', ')})`);
console.log(`squawk --reporter json                median ${fmt(squawkMs)}   (runs: ${theirs.map((m) => m.toFixed(0)).join(', ')})`);
console.log(`ratio ours / squawk                   ${(ourMs / squawkMs).toFixed(2)}x`);
console.log(`floor: bare libpg-query parse         ${fmt(floorParse)} parsing, ${fmt(floorWall)} for the whole process`);
console.log(`beyond the floor (ours / floor process) +${(((ourMs - floorWall) / floorWall) * 100).toFixed(0)}%`);
console.log(`machine: ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores, node ${process.version}`);
