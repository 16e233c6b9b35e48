/**
 * The body of `npm run bench:app` (bench/app.mjs compiles and runs it). For a 10-file and a
 * 150-file pull request against the local fake GitHub, delivers signed webhooks to the real
 * server and prints: webhook-to-published latency p50/p95, our own time versus waiting on
 * GitHub (requests in flight plus Probot's write pacing), API requests per event (the review and
 * the checklist published after it), peak memory. An event ends when its handler returns (the
 * checklist published), not when the check run first completes.
 * Numbers, not assertions.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { ProbotOctokit, run } from 'probot';
import { createApp } from '../src/github/app.js';
import { stateTiming } from '../src/github/checklist/state-store.js';
import { FakeGitHub } from '../test/e2e/fake-github.js';
import { deliver, pullRequestPayload, seedPull, SECRET, trackedApp } from '../test/e2e/harness.js';

const LATENCY_MS = Number(process.env.BENCH_GITHUB_LATENCY_MS ?? 30);
const RUNS_SMALL = Number(process.env.BENCH_RUNS ?? 15);
const RUNS_LARGE = Number(process.env.BENCH_RUNS_LARGE ?? 5);

/** Intervals during which a request to GitHub was outstanding (from the first throttle wait to the answer). */
const inFlight: [number, number][] = [];
const timing = (octokit: { hook: { wrap: Function } }) => {
  octokit.hook.wrap('request', async (request: (o: unknown) => Promise<unknown>, options: unknown) => {
    const start = performance.now();
    try {
      return await request(options);
    } finally {
      inFlight.push([start, performance.now()]);
    }
  });
};

// The checklist's state store waits on purpose before reading its write back (Probot's write
// pacing, see state-store.ts): that pause is waiting on GitHub's consistency, not our own work.
const settleMs = stateTiming.readBackDelayMs;
Object.defineProperty(stateTiming, 'readBackDelayMs', {
  get() {
    const now = performance.now();
    inFlight.push([now, now + settleMs]);
    return settleMs;
  },
});

function waitingWithin(from: number, to: number): number {
  const parts = inFlight
    .map(([s, e]) => [Math.max(s, from), Math.min(e, to)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cursor = from;
  for (const [s, e] of parts) {
    const start = Math.max(s, cursor);
    if (e > start) total += e - start;
    cursor = Math.max(cursor, e);
  }
  return total;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function migrationFiles(count: number) {
  const pairs = Math.ceil(count / 2);
  return Array.from({ length: pairs }, (_, i) => {
    const v = `2024${String(i).padStart(10, '0')}`;
    return [
      { path: `db/migrations/${v}_m${i}.up.sql`, text: `-- migration ${i}\nSET lock_timeout = '5s';\nALTER TABLE orders ADD COLUMN c${i} integer;\nCREATE INDEX idx_${i} ON orders (c${i});\nALTER TABLE orders ADD CONSTRAINT fk_${i} FOREIGN KEY (c${i}) REFERENCES customers (id);\n` },
      { path: `db/migrations/${v}_m${i}.down.sql`, text: `DROP INDEX idx_${i};\nALTER TABLE orders DROP COLUMN c${i};\n` },
    ];
  })
    .flat()
    .slice(0, count);
}

async function main() {
  const github = new FakeGitHub();
  github.latencyMs = LATENCY_MS;
  await github.start();
  const port = await freePort();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  // Handlers counted while they run: an event is done when the checklist is published too.
  const tracked = trackedApp(createApp());
  const server = await run(tracked.appFn, {
    env: { APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, GHE_HOST: github.host, GHE_PROTOCOL: 'http', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'fatal' },
    // Production Octokit (retry and throttling as Probot configures them) plus a timer.
    Octokit: ProbotOctokit.plugin(timing as never) as typeof ProbotOctokit,
  });
  const url = `http://127.0.0.1:${port}`;
  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);

  console.log(`GitHub latency simulated: ${LATENCY_MS} ms per request; Probot retry/throttling at production settings.\n`);
  let number = 100;
  for (const [size, runs] of [
    [10, RUNS_SMALL],
    [150, RUNS_LARGE],
  ] as const) {
    const files = migrationFiles(size);
    const latencies: number[] = [];
    const own: number[] = [];
    const waiting: number[] = [];
    const requestCounts: number[] = [];
    const reviewCounts: number[] = [];
    const checklistCounts: number[] = [];
    const cpu: number[] = [];
    // One warm-up delivery (parser WASM, token exchange), not counted.
    for (let i = -1; i < runs; i++) {
      number++;
      const pull = { number, headSha: number.toString(16).padStart(40, '0'), baseSha: '0'.repeat(40), files };
      seedPull(github, pull);
      const before = github.requests.length;
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      await deliver(url, 'pull_request', pullRequestPayload('synchronize', pull));
      while (tracked.busy() > 0) await new Promise((r) => setTimeout(r, 1));
      const end = performance.now();
      const cpuUsed = process.cpuUsage(cpuStart);
      if (i < 0) continue;
      cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
      const wait = waitingWithin(start, end);
      latencies.push(end - start);
      waiting.push(wait);
      own.push(end - start - wait);
      const requests = github.apiRequests(before);
      // The checklist starts by listing the conversation's comments; the review is everything before.
      const split = requests.findIndex((r) => r.method === 'GET' && /\/issues\/\d+\/comments$/.test(r.path));
      requestCounts.push(requests.length);
      reviewCounts.push(split < 0 ? requests.length : split);
      checklistCounts.push(split < 0 ? 0 : requests.length - split);
    }
    const budget = 6 + Math.ceil(size / 100);
    const ms = (v: number) => `${Math.round(v)} ms`;
    console.log(`${size}-file PR (${runs} deliveries, each a new head sha)`);
    console.log(`  webhook → published   p50 ${ms(percentile(latencies, 50))}   p95 ${ms(percentile(latencies, 95))}`);
    console.log(`  wall − waiting        p50 ${ms(percentile(own, 50))}   p95 ${ms(percentile(own, 95))}`);
    console.log(`  CPU (app + fake)      p50 ${ms(percentile(cpu, 50))}   p95 ${ms(percentile(cpu, 95))}   (upper bound of our processing)`);
    console.log(`  waiting on GitHub     p50 ${ms(percentile(waiting, 50))}   p95 ${ms(percentile(waiting, 95))}   (requests in flight + write pacing + the checklist's ${settleMs} ms read-back wait)`);
    const range = (v: number[]) => (Math.min(...v) === Math.max(...v) ? `${v[0]}` : `${Math.min(...v)}–${Math.max(...v)}`);
    console.log(`  API requests / event  ${range(requestCounts)}: review ${range(reviewCounts)} (budget 6 + ⌈${size}/100⌉ = ${budget}; extra annotation batches: +⌈annotations/50⌉−1) + checklist ${range(checklistCounts)}`);
    const last = github.checkRuns.at(-1)!;
    console.log(`  last run: ${last.conclusion}, "${last.output.title}", ${last.annotations.length} annotations, ${github.reviews.at(-1)?.comments.length ?? 0} inline comments, ${github.checklistComments(number).length} checklist comment\n`);
  }
  clearInterval(sampler);
  console.log(`peak memory (app + fake in one process): rss ${Math.round(peakRss / 1048576)} MB, heap ${Math.round(peakHeap / 1048576)} MB`);
  if (github.violations.length) console.log(`OpenAPI violations: ${github.violations.length}\n  ${github.violations.slice(0, 5).join('\n  ')}`);
  await server.stop();
  await github.stop();
  process.exit(0);
}

void main();
