// `npm run bench:api`: autocannon against the real Local API (10,000-session library) and a bare
// Fastify route in the same run. The servers run in a child process so the load generator does
// not share their event loop. Prints req/s, p50/p99 latency, errors, and ratios to the bare route.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon, { type Options, type Result } from 'autocannon';
import { formatTable } from './lib/timing';

const DURATION_S = Number(process.env.BENCH_API_DURATION ?? 5);
const CONNECTIONS = 10;
// Two load-generating threads: with one, autocannon itself saturates on multi-kilobyte bodies
// (health's request log, 50-session pages) and the ratios would measure the client, not the API.
const WORKERS = 2;
const STATUSES = ['idea', 'draft', 'in-progress', 'mixing', 'mastering', 'done'];
const SEARCH_TERMS = ['drum', 'vocal', 'synth', 'mix', 'bass', 'edm', 'master', 'stem', 'caf', 'revision'];

interface ServerInfo {
  apiPort: number;
  barePort: number;
  token: string;
  ids: string[];
  count: number;
}

interface Scenario {
  name: string;
  options: Options;
  /** Throughput as a share of the bare route: the target, or null for none. */
  minRatio: number | null;
}

async function main(): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'lib/api-bench-server.ts'), '10000'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const info = JSON.parse(line) as ServerInfo;
  const api = `http://127.0.0.1:${info.apiPort}`;
  const headers = { authorization: `Bearer ${info.token}` };
  console.log(
    `Library: ${info.count} sessions; ${CONNECTIONS} connections, ${WORKERS} autocannon workers, ${DURATION_S} s per route.\n`,
  );

  // Request sequences are plain data (each connection cycles through them) so that they can be
  // handed to autocannon's worker threads.
  const searches = SEARCH_TERMS.map((term) => ({
    method: 'GET' as const,
    path: `/api/v1/sessions?q=${term}`,
  }));
  const pages = Array.from({ length: 2000 }, (_, n) => ({
    method: 'GET' as const,
    path: `/api/v1/sessions?limit=50&offset=${(n * 37) % 9000}`,
  }));
  // Every patch really changes its session (status, and client, which is in the search index),
  // so each one rewrites the row, its indexes and its full-text entry.
  const patches = Array.from({ length: 2000 }, (_, n) => ({
    method: 'PATCH' as const,
    path: `/api/v1/sessions/${info.ids[n % info.ids.length]!}`,
    body: JSON.stringify({ status: STATUSES[n % STATUSES.length], client: `Client ${n}` }),
  }));
  const scenarios: Scenario[] = [
    {
      name: 'bare Fastify GET /hello',
      options: { url: `http://127.0.0.1:${info.barePort}/hello` },
      minRatio: null,
    },
    { name: 'GET /health', options: { url: `${api}/api/v1/health`, headers }, minRatio: 0.5 },
    {
      name: 'GET /sessions?limit=50',
      options: { url: `${api}/api/v1/sessions?limit=50`, headers },
      minRatio: 0.25,
    },
    {
      // Distinct pages, so nearly every request misses the response cache: the uncached cost.
      name: 'GET /sessions?limit=50&offset=<n> (uncached)',
      options: { url: api, headers, requests: pages },
      minRatio: null,
    },
    { name: 'GET /sessions?q=<term>', options: { url: api, headers, requests: searches }, minRatio: null },
    {
      name: 'PATCH /sessions/{id}',
      options: { url: api, headers: { ...headers, 'content-type': 'application/json' }, requests: patches },
      minRatio: null,
    },
  ];

  const results: { scenario: Scenario; result: Result }[] = [];
  for (const scenario of scenarios) {
    // A short warm-up so JIT and SQLite caches are in the same state for every route.
    await autocannon({ ...scenario.options, connections: CONNECTIONS, workers: WORKERS, duration: 1 });
    const result = await autocannon({
      ...scenario.options,
      connections: CONNECTIONS,
      workers: WORKERS,
      duration: DURATION_S,
    });
    results.push({ scenario, result });
  }
  child.kill('SIGTERM');
  await once(child, 'exit');

  const bare = results[0]!.result.requests.average;
  const rows = results.map(({ scenario, result }) => {
    const ratio = result.requests.average / bare;
    const bad = result.errors + result.timeouts + result.non2xx;
    const verdict =
      scenario.minRatio === null
        ? ''
        : ratio >= scenario.minRatio && result.latency.p99 < 20 && bad === 0
          ? 'PASS'
          : 'MISS';
    return [
      scenario.name,
      result.requests.average.toFixed(0),
      `${result.latency.p50} ms`,
      `${result.latency.p99} ms`,
      String(result.errors + result.timeouts),
      String(result.non2xx),
      ratio.toFixed(2),
      scenario.minRatio === null ? 'p99 < 20 ms' : `>= ${scenario.minRatio} of bare, p99 < 20 ms`,
      verdict || (result.latency.p99 < 20 && bad === 0 ? 'PASS' : 'MISS'),
    ];
  });
  console.log(
    formatTable(['route', 'req/s', 'p50', 'p99', 'errors', 'non-2xx', 'x bare', 'target', 'result'], rows),
  );
  if (results.some(({ result }) => result.errors + result.timeouts + result.non2xx > 0)) process.exitCode = 1;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
