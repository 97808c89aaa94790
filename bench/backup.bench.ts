/**
 * Backup benchmark (issue 13 §3): a 100,000-session library (generated the way bench:store does)
 * backed up while the Local API serves `GET /sessions` over HTTP to a client in another process.
 * Reports the backup's time (the copy, and the whole: copy, integrity_check, sync, rename), the
 * longest event-loop stall and the request latencies (p50/p99/max) during the backup, each beside
 * the same figures with no backup running. For the record it also runs the design that was not
 * chosen: better-sqlite3's backup() stepped on the main thread (bounded pages per step), whose
 * destination connection syncs on the main thread.
 *
 *   npm run bench:backup
 *   BENCH_BACKUP_SESSIONS=20000 npm run bench:backup
 *   BENCH_BACKUP_DIR=~/.cache/sessiondock-bench npm run bench:backup   # keep and reuse the library
 *
 * Targets: the backup < 5 s; no request blocked > 50 ms (the longest stall and the slowest
 * request during the backup). Prints; never asserts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { ApiServer } from '../src/main/core/api/api-server';
import { backupsDirOf } from '../src/main/core/backups/backup-names';
import { runBackupProcess } from '../src/main/core/backups/backup-process';
import { createCore, type Core } from '../src/main/core/create-core';
import { seedLibrary } from './lib/library-generator';
import { formatBytes, formatMs, formatTable, percentile } from './lib/timing';

const SESSIONS = Number(process.env.BENCH_BACKUP_SESSIONS ?? 100_000);
const KEEP_DIR = process.env.BENCH_BACKUP_DIR?.trim() || undefined;
const SEED = 20240917;
/** Pages per step for the main-thread design (about 0.4 MB with 4 KB pages). */
const MAIN_THREAD_PAGES_PER_STEP = 100;
/** Requests measured with no backup running, for the baseline. */
const IDLE_REQUESTS = 300;
const TARGETS = { backupMs: 5000, stallMs: 50 };

// ---------------------------------------------------------------------------------------------
// The client: its own process, so its work never shows up as the server's latency.
// ---------------------------------------------------------------------------------------------

/** Sends GET /sessions one after another until stdin closes; prints each latency (ms) on a line. */
async function runClient(url: string, token: string): Promise<void> {
  let running = true;
  process.stdin.on('end', () => (running = false));
  process.stdin.resume();
  let offset = 0;
  while (running) {
    const start = performance.now();
    const response = await fetch(`${url}/sessions?limit=50&offset=${offset}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET /sessions answered ${response.status}`);
    process.stdout.write(`${(performance.now() - start).toFixed(3)}\n`);
    offset = (offset + 50) % 5000;
  }
}

interface Client {
  child: ChildProcess;
  latencies: number[];
  /** Starts a new sample (the latencies measured from now on). */
  reset(): void;
  stop(): Promise<void>;
}

function startClient(url: string, token: string): Client {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, 'client', url, token], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const client: Client = {
    child,
    latencies: [],
    reset() {
      client.latencies = [];
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('close', () => resolve());
        child.stdin!.end();
      }),
  };
  createInterface({ input: child.stdout! }).on('line', (line) => client.latencies.push(Number(line)));
  return client;
}

// ---------------------------------------------------------------------------------------------
// The server side: the library, the API, and the backups.
// ---------------------------------------------------------------------------------------------

function openLibrary(): { core: Core; dataDir: string; cleanup: () => void } {
  const root = KEEP_DIR ?? mkdtempSync(join(tmpdir(), 'sessiondock-bench-backup-'));
  const dataDir = join(root, `backup-library-${SESSIONS}-seed${SEED}`);
  const marker = join(dataDir, 'bench-seeded.json');
  const options = {
    automaticBackups: null,
    backgroundCheckDelayMs: null,
    projectReader: null,
    peaksSource: null,
  };
  mkdirSync(dataDir, { recursive: true });
  let core = createCore({ dataDir, ...options });
  if (!existsSync(marker)) {
    console.log(`Seeding ${SESSIONS.toLocaleString('en-US')} sessions (seed ${SEED})…`);
    seedLibrary(core, SESSIONS, SEED, { via: 'bulk' });
    // What a library in use looks like between starts: the seed's WAL folded into the file.
    core.close();
    writeFileSync(marker, JSON.stringify({ sessions: SESSIONS, seed: SEED }));
    core = createCore({ dataDir, ...options });
  }
  return {
    core,
    dataDir,
    cleanup: () => {
      core.close();
      if (!KEEP_DIR) rmSync(root, { recursive: true, force: true });
    },
  };
}

interface Window {
  ms: number;
  requests: number[];
  stall: { max: number; p99: number };
}

/** Runs `work` while the client sends requests; the stalls and latencies seen meanwhile. */
async function during(client: Client, work: () => Promise<unknown>): Promise<Window> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  client.reset();
  histogram.enable();
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  histogram.disable();
  return {
    ms,
    requests: [...client.latencies],
    stall: { max: histogram.max / 1e6, p99: histogram.percentile(99) / 1e6 },
  };
}

async function idle(client: Client): Promise<Window> {
  return during(client, async () => {
    client.reset();
    while (client.latencies.length < IDLE_REQUESTS) await new Promise((resolve) => setTimeout(resolve, 20));
  });
}

function row(name: string, window: Window, target: boolean): string[] {
  const slowest = Math.max(...window.requests);
  const pass = window.stall.max <= TARGETS.stallMs && slowest <= TARGETS.stallMs;
  return [
    name,
    formatMs(window.ms),
    String(window.requests.length),
    formatMs(percentile(window.requests, 50)),
    formatMs(percentile(window.requests, 99)),
    formatMs(slowest),
    formatMs(window.stall.p99),
    formatMs(window.stall.max),
    target ? (pass ? 'ok' : 'MISS') : '',
  ];
}

async function main(): Promise<void> {
  const { core, dataDir, cleanup } = openLibrary();
  const librarySize = statSync(core.libraryPath).size;
  console.log(
    `Library: ${SESSIONS.toLocaleString('en-US')} sessions, ${formatBytes(librarySize)} (${core.libraryPath})`,
  );
  core.settings.setApiMode('read-only');
  const api = new ApiServer(core, { portOverride: 0 });
  const port = await api.start();
  const client = startClient(`http://127.0.0.1:${port}/api/v1`, core.token.current());
  try {
    // Warm up: the client's process, the statements, the pages of the first list pages.
    await idle(client);
    const baseline = await idle(client);

    const backup = await during(client, () => core.backups.backUp('manual'));
    const made = core.backups.list()[0]!;

    // The same copy run directly, for its parts (the copy, then check + sync + rename).
    const parts = await runBackupProcess({
      source: core.libraryPath,
      partial: join(backupsDirOf(dataDir), '.bench.partial'),
      target: join(backupsDirOf(dataDir), 'bench-parts.sqlite'),
    }).done;
    rmSync(join(backupsDirOf(dataDir), 'bench-parts.sqlite'), { force: true });

    // The design not chosen: stepped on the main thread, a bounded number of pages per step.
    const mainThreadTarget = join(backupsDirOf(dataDir), 'bench-main-thread.sqlite');
    rmSync(mainThreadTarget, { force: true });
    const mainThread = await during(client, () =>
      core.db.backup(mainThreadTarget, { progress: () => MAIN_THREAD_PAGES_PER_STEP }),
    );
    rmSync(mainThreadTarget, { force: true });

    console.log(
      `\nBackup (child process, one read transaction, checked): ${formatMs(backup.ms)} ms ` +
        `${backup.ms <= TARGETS.backupMs ? 'ok' : 'MISS'} (target < ${TARGETS.backupMs} ms); ` +
        `${formatBytes(made.size)} written to ${made.path}`,
    );
    console.log(
      `  its parts, run again: copy ${formatMs(parts.copyMs)} ms, then integrity_check + fsync + rename ` +
        `${formatMs(parts.totalMs - parts.copyMs)} ms (${formatMs(parts.totalMs)} ms in the copy process, ` +
        `which used ${formatMs(parts.cpuMs)} ms of CPU: the time on an idle machine, but for the disk)`,
    );
    console.log(
      `\nGET /sessions?limit=50 over HTTP from another process, and the server's event loop ` +
        `(target: no request and no stall > ${TARGETS.stallMs} ms during a backup):\n`,
    );
    console.log(
      formatTable(
        ['while', 'ms', 'requests', 'p50', 'p99', 'max', 'stall p99', 'stall max', ''],
        [
          row('nothing else (baseline)', baseline, false),
          row('a backup (the app’s)', backup, true),
          row(`main-thread backup() (${MAIN_THREAD_PAGES_PER_STEP} pages/step, not used)`, mainThread, false),
        ],
      ),
    );
  } finally {
    await client.stop();
    await api.stop();
    cleanup();
  }
}

if (process.argv[2] === 'client') {
  void runClient(process.argv[3]!, process.argv[4]!).catch((error: unknown) => {
    process.stderr.write(`client: ${String(error)}\n`);
    process.exit(1);
  });
} else {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
