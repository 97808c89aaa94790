// `npm run bench:api`: autocannon against the real Local API (10,000-session library) and a bare
// Fastify route in the same run. The servers run in a child process so the load generator does
// not share their event loop. Prints req/s, p50/p99 latency, errors, and ratios to the bare route.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon, { type Options, type Result } from 'autocannon';
import { SESSION_STATUSES } from '../src/shared/domain';
import { formatTable, percentile } from './lib/timing';

const DURATION_S = Number(process.env.BENCH_API_DURATION ?? 3);
const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 3);
const MAX_P99_MS = 20;
const CONNECTIONS = 10;
// Two load-generating threads: with one, autocannon itself saturates on multi-kilobyte bodies
// (health's request log, 50-session pages) and the ratios would measure the client, not the API.
const WORKERS = 2;
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
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  const info = JSON.parse(line) as ServerInfo;
  const api = `http://127.0.0.1:${info.apiPort}`;
  const headers = { authorization: `Bearer ${info.token}` };
  console.log(
    `Library: ${info.count} sessions; ${CONNECTIONS} connections, ${WORKERS} autocannon workers, ${ROUNDS} rounds of ${DURATION_S} s per route.\n`,
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
    body: JSON.stringify({ status: SESSION_STATUSES[n % SESSION_STATUSES.length], client: `Client ${n}` }),
  }));
  const scenarios: Scenario[] = [
    {
      name: 'bare Fastify GET /hello',
      options: { url: `http://127.0.0.1:${info.barePort}/hello` },
      minRatio: null,
    },
    {
      // Not a target: the ceiling health can reach here, its own bytes with none of its work.
      name: "bare Fastify, a copy of health's answer",
      options: { url: `http://127.0.0.1:${info.barePort}/health-copy` },
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

  const bareOptions = scenarios[0]!.options;
  const serverCpuMicros = async (): Promise<number> => {
    child.stdin.write('cpu\n');
    const [answer] = (await once(lines, 'line')) as [string];
    return Number(answer);
  };
  const run = (options: Options, duration: number): Promise<Result> =>
    autocannon({ ...options, connections: CONNECTIONS, workers: WORKERS, duration });
  /** A round of load, with the server process's CPU time per request it answered. */
  const measure = async (options: Options): Promise<{ result: Result; cpuPerRequest: number }> => {
    const before = await serverCpuMicros();
    const result = await run(options, DURATION_S);
    const cpu = (await serverCpuMicros()) - before;
    return { result, cpuPerRequest: cpu / Math.max(1, result.requests.total) };
  };

  // This machine's speed drifts by tens of percent within a minute (other tenants, CPU boost), so
  // each route is measured in ROUNDS short rounds, each right after a round of the bare route, and
  // judged on the median of those paired ratios rather than against one early bare figure.
  await run(bareOptions, 1);
  const bareRounds: Round[] = [];
  const measured: Measured[] = [];
  for (const scenario of scenarios.slice(1)) {
    await run(scenario.options, 1); // warm-up: JIT and SQLite caches in the same state for every route
    const rounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bare = await measure(bareOptions);
      const { result, cpuPerRequest } = await measure(scenario.options);
      bareRounds.push({ ...bare, ratio: 1, cpuRatio: 1 });
      rounds.push({
        result,
        cpuPerRequest,
        ratio: result.requests.average / bare.result.requests.average,
        cpuRatio: bare.cpuPerRequest / cpuPerRequest,
      });
    }
    measured.push({ scenario, rounds });
  }
  child.kill('SIGTERM');
  await once(child, 'exit');

  const bareRow: Measured = { scenario: scenarios[0]!, rounds: bareRounds };
  const rows = [bareRow, ...measured].map(({ scenario, rounds }) => {
    const ratio = median(rounds.map((round) => round.ratio));
    const p99 = median(rounds.map((round) => round.result.latency.p99));
    const errors = sum(rounds.map((round) => round.result.errors + round.result.timeouts));
    const non2xx = sum(rounds.map((round) => round.result.non2xx));
    const met =
      p99 < MAX_P99_MS && errors + non2xx === 0 && (scenario.minRatio === null || ratio >= scenario.minRatio);
    return [
      scenario.name,
      median(rounds.map((round) => round.result.requests.average)).toFixed(0),
      `${median(rounds.map((round) => round.result.latency.p50))} ms`,
      `${p99} ms`,
      `${Math.max(...rounds.map((round) => round.result.latency.p99))} ms`,
      String(errors),
      String(non2xx),
      ratio.toFixed(2),
      scenario === scenarios[0] ? '' : rounds.map((round) => round.ratio.toFixed(2)).join(' '),
      median(rounds.map((round) => round.cpuPerRequest)).toFixed(0),
      median(rounds.map((round) => round.cpuRatio)).toFixed(2),
      scenario.minRatio === null
        ? `p99 < ${MAX_P99_MS} ms`
        : `>= ${scenario.minRatio} of bare, p99 < ${MAX_P99_MS} ms`,
      met ? 'PASS' : 'MISS',
    ];
  });
  console.log(
    formatTable(
      [
        'route',
        'req/s',
        'p50',
        'p99',
        'worst p99',
        'errors',
        'non-2xx',
        'x bare',
        'rounds',
        'server µs/req',
        'cpu x bare',
        'target',
        'result',
      ],
      rows,
    ),
  );
  console.log(
    `\nMedians over ${ROUNDS} rounds of ${DURATION_S} s. "x bare": throughput as a share of the bare round just before ` +
      'it (the target). "server µs/req": CPU time of the server process per answered request (autocannon ' +
      'runs in another process on the same two cores); "cpu x bare": the bare route\'s CPU per request over this one\'s.',
  );
  const failed = [bareRow, ...measured].some(({ rounds }) =>
    rounds.some(({ result }) => result.errors + result.timeouts + result.non2xx > 0),
  );
  if (failed) process.exitCode = 1;
}

interface Round {
  result: Result;
  /** Throughput as a share of the bare round measured just before it. */
  ratio: number;
  /** Server CPU time per answered request, in microseconds. */
  cpuPerRequest: number;
  /** The bare round's CPU per request over this round's. */
  cpuRatio: number;
}

interface Measured {
  scenario: Scenario;
  rounds: Round[];
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
