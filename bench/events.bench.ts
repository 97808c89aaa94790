/**
 * Live events benchmark (issue 14 §2): does a crowd of GET /api/v1/events subscribers slow writes?
 * The real core and Local API run in one child process (a seeded library on a temp data dir), the
 * subscribers in another (their parsing is on neither the server's thread nor the writers'), and
 * this process runs 10 concurrent writers PATCHing sessions over HTTP, a fixed number of requests
 * a round. Rounds alternate between 0 and 200 subscribers (the order flips every round, so drift
 * of this shared machine falls on both); each subscriber must receive every event of its round.
 * Done when: "200 subscribers while 10 writers PATCH: p99 write latency within 10% of no
 * subscribers".
 *
 *   npm run bench:events
 *   BENCH_EVENTS_ROUNDS=5 BENCH_EVENTS_REQUESTS=4000 npm run bench:events
 *
 * Environment: BENCH_EVENTS_SESSIONS (library size, default 5000), BENCH_EVENTS_SUBSCRIBERS
 * (default 200), BENCH_EVENTS_WRITERS (default 10), BENCH_EVENTS_REQUESTS (PATCHes a round,
 * default 3000), BENCH_EVENTS_ROUNDS (rounds of each kind, default 3).
 *
 * Prints; never asserts: a MISS does not fail the run, but lost or reordered events do.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface, type Interface } from 'node:readline';
import { SESSION_STATUSES } from '../src/shared/domain';
import { formatBytes, formatMs, formatTable, percentile } from './lib/timing';

const SESSIONS = Number(process.env.BENCH_EVENTS_SESSIONS ?? 5_000);
const SUBSCRIBERS = Number(process.env.BENCH_EVENTS_SUBSCRIBERS ?? 200);
const WRITERS = Number(process.env.BENCH_EVENTS_WRITERS ?? 10);
const REQUESTS = Number(process.env.BENCH_EVENTS_REQUESTS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_EVENTS_ROUNDS ?? 3);
/** p99 with subscribers over p99 without, at most. */
const TARGET_RATIO = 1.1;

interface ServerInfo {
  port: number;
  token: string;
  ids: string[];
  count: number;
}

interface ServerStats {
  rss: number;
  cpuMicros: number;
  heapUsed: number;
  hub: { subscribers: number; dropped: number; backlog: { events: number; bytes: number } };
}

interface Counts {
  streams: number;
  min: number;
  max: number;
  total: number;
  outOfOrder: number;
  ended: number;
  cpuMicros: number;
}

interface Round {
  subscribers: number;
  latencies: number[];
  seconds: number;
  /** Events delivered to all subscribers a second, from the first write to the last delivery. */
  deliveredPerSecond: number | null;
  rss: number;
  dropped: number;
  /** The server process's CPU time per PATCH (µs), fan-out included. */
  serverCpuPerRequest: number;
  /** The subscribers' process's CPU time over the round (µs), or null without subscribers. */
  subscribersCpu: number | null;
}

/** A child speaking one JSON line per line it is sent. */
class Child {
  private readonly lines: Interface;

  constructor(readonly process: ChildProcessWithoutNullStreams) {
    this.lines = createInterface({ input: process.stdout });
  }

  static start(script: string, args: string[]): Child {
    return new Child(
      spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'lib', script), ...args], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }) as unknown as ChildProcessWithoutNullStreams,
    );
  }

  async next<T>(): Promise<T> {
    const [line] = (await once(this.lines, 'line')) as [string];
    return JSON.parse(line) as T;
  }

  ask<T>(command: string): Promise<T> {
    const answer = this.next<T>();
    this.process.stdin.write(`${command}\n`);
    return answer;
  }

  async stop(): Promise<void> {
    this.process.kill('SIGTERM');
    if (this.process.exitCode === null) await once(this.process, 'exit');
  }
}

/** `WRITERS` loops PATCHing over keep-alive connections until `total` requests were answered. */
async function write(info: ServerInfo, total: number, offset: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: WRITERS });
  const latencies: number[] = [];
  let issued = 0;
  const patch = (n: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({
        status: SESSION_STATUSES[n % SESSION_STATUSES.length],
        client: `Client ${n}`,
      });
      const started = performance.now();
      const request = http.request(
        {
          host: '127.0.0.1',
          port: info.port,
          method: 'PATCH',
          path: `/api/v1/sessions/${info.ids[n % info.ids.length]!}`,
          agent,
          headers: {
            host: `127.0.0.1:${info.port}`,
            authorization: `Bearer ${info.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode !== 200) reject(new Error(`PATCH answered ${response.statusCode}`));
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (issued < total) await patch(offset + issued++);
    }),
  );
  agent.destroy();
  return latencies;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || performance.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function round(
  info: ServerInfo,
  server: Child,
  subscribers: Child,
  count: number,
  offset: number,
): Promise<Round> {
  if (count > 0) await subscribers.ask(`open ${count}`);
  const before = await server.ask<ServerStats>('stats');
  const subscribersBefore = count > 0 ? await subscribers.ask<Counts>('count') : null;
  const started = performance.now();
  const latencies = await write(info, REQUESTS, offset);
  const written = performance.now();
  let deliveredPerSecond: number | null = null;
  let subscribersCpu: number | null = null;
  if (count > 0) {
    const counts = await until(
      () => subscribers.ask<Counts>('count'),
      (value) => value.min >= REQUESTS,
      60_000,
    );
    const delivered = performance.now();
    if (counts.min !== REQUESTS || counts.max !== REQUESTS || counts.outOfOrder > 0 || counts.ended > 0) {
      throw new Error(
        `subscribers did not each receive the ${REQUESTS} events once, in order: ${JSON.stringify(counts)}`,
      );
    }
    deliveredPerSecond = counts.total / ((delivered - started) / 1000);
    subscribersCpu = counts.cpuMicros - subscribersBefore!.cpuMicros;
  }
  const stats = await server.ask<ServerStats>('stats');
  if (count > 0) await subscribers.ask('close');
  return {
    subscribers: count,
    latencies,
    seconds: (written - started) / 1000,
    deliveredPerSecond,
    rss: stats.rss,
    dropped: stats.hub.dropped,
    serverCpuPerRequest: (stats.cpuMicros - before.cpuMicros) / REQUESTS,
    subscribersCpu,
  };
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log('SessionDock live events benchmark');
  console.log(`  node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`);
  console.log(
    `  load average before: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  const server = Child.start('events-bench-server.ts', [String(SESSIONS)]);
  const info = await server.next<ServerInfo>();
  const subscribers = Child.start('events-subscribers-child.ts', [String(info.port), info.token]);
  console.log(
    `  ${info.count.toLocaleString('en-US')} sessions; ${WRITERS} writers, ${REQUESTS.toLocaleString('en-US')} PATCHes a ` +
      `round; ${ROUNDS} rounds with 0 and ${ROUNDS} with ${SUBSCRIBERS} subscribers, alternating\n`,
  );
  try {
    // Warm-up, one round of each kind unmeasured: JIT, SQLite caches and the WAL, the stream's code.
    await round(info, server, subscribers, SUBSCRIBERS, 0);
    await round(info, server, subscribers, 0, REQUESTS);
    const rounds: Round[] = [];
    let offset = 2 * REQUESTS;
    for (let n = 0; n < ROUNDS; n++) {
      const order = n % 2 === 0 ? [0, SUBSCRIBERS] : [SUBSCRIBERS, 0];
      for (const count of order) {
        rounds.push(await round(info, server, subscribers, count, offset));
        offset += REQUESTS;
      }
    }
    report(rounds);
  } finally {
    await subscribers.stop();
    await server.stop();
  }
  console.log(
    `  load average after: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
}

function report(rounds: readonly Round[]): void {
  const of = (count: number): Round[] => rounds.filter((round) => round.subscribers === count);
  const row = (count: number): string[] => {
    const kind = of(count);
    const latencies = kind.flatMap((round) => round.latencies);
    const requests = latencies.length;
    const seconds = kind.reduce((sum, round) => sum + round.seconds, 0);
    const delivered = kind.map((round) => round.deliveredPerSecond).filter((n): n is number => n !== null);
    return [
      `${count} subscribers`,
      requests.toLocaleString('en-US'),
      `${formatMs(percentile(latencies, 50))} ms`,
      `${formatMs(percentile(latencies, 99))} ms`,
      kind.map((round) => formatMs(percentile(round.latencies, 99))).join(' '),
      `${formatMs(Math.max(...latencies))} ms`,
      (requests / seconds).toFixed(0),
      delivered.length ? (delivered.reduce((sum, n) => sum + n, 0) / delivered.length).toFixed(0) : '-',
      formatBytes(Math.max(...kind.map((round) => round.rss))),
      String(Math.max(...kind.map((round) => round.dropped))),
      (kind.reduce((sum, round) => sum + round.serverCpuPerRequest, 0) / kind.length).toFixed(0),
      count === 0
        ? '-'
        : `${((kind.reduce((sum, round) => sum + round.subscribersCpu!, 0) / (seconds * 1e6)) * 100).toFixed(0)}%`,
    ];
  };
  console.log(
    formatTable(
      [
        '',
        'PATCHes',
        'p50',
        'p99',
        'p99 a round',
        'max',
        'req/s',
        'events delivered/s',
        'server RSS',
        'dropped',
        'server µs/PATCH',
        'subscribers CPU',
      ],
      [row(0), row(SUBSCRIBERS)],
    ),
  );
  const p99 = (count: number): number =>
    percentile(
      of(count).flatMap((round) => round.latencies),
      99,
    );
  const ratio = p99(SUBSCRIBERS) / p99(0);
  console.log(
    `\np99(${SUBSCRIBERS}) / p99(0) = ${ratio.toFixed(3)} (target <= ${TARGET_RATIO.toFixed(2)}): ` +
      `${ratio <= TARGET_RATIO ? 'PASS' : 'MISS'}`,
  );
  console.log(
    'p99 over every PATCH of the kind; "p99 a round": each round on its own. "events delivered/s": events ' +
      `received by all ${SUBSCRIBERS} subscribers together, from the round's first write to the last delivery ` +
      '(each subscriber got every event of its round once, in order). "server RSS": the largest seen after a round. ' +
      '"server µs/PATCH": CPU time of the server process a PATCH, fan-out included; "subscribers CPU": the ' +
      "subscribers' process's CPU time over the rounds' writing time (two cores are shared by all three processes).",
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
