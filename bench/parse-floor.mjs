// The floor for our design: the bare libpg-query parse of the same files, in one process.
// Prints one JSON line: files, statements, parse time, and this process's wall time.
import { readFileSync } from 'node:fs';
import { loadModule, parseSync } from 'libpg-query';

const started = performance.now();
const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
await loadModule();
const parseStarted = performance.now();
let statements = 0;
let failed = 0;
for (const file of files) {
  try {
    statements += parseSync(readFileSync(file, 'utf8')).stmts?.length ?? 0;
  } catch {
    failed++;
  }
}
const done = performance.now();
console.log(JSON.stringify({ files: files.length, statements, failed, parseMs: done - parseStarted, processMs: done - started }));
