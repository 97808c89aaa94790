/**
 * Start-up benchmark, for libraries of 0, 100,000 and 1,000,000 sessions generated at run time in a
 * temporary folder (bench/lib/library-generator.ts, bulk path):
 *
 * Headless: from spawning the built headless entry (`node out/main/headless.js --data-dir …
 * --port 0 --mode read-only`) to the Local API's `listening on` line and its first answer to
 * `GET /api/v1/sessions?limit=50`.
 *
 *   npm run bench:startup
 *
 * - clean: every timed start follows a clean shutdown (SIGTERM), as after quitting the app;
 * - unclean: the previous run was killed (SIGKILL), so the start pays the full integrity check;
 * - background check: one more clean start per size, left running until the deferred integrity
 *   check reports (its duration), with a list request every 100 ms meanwhile (the event loop stays free).
 *
 * Window: from spawning a fresh process that starts the BUILT desktop app (out/main/index.js) under
 * the Electron test double (test/shell/electron-double; its windows are pages in the system
 * Chromium) to the window painting its first session rows (the empty library: its "Add a folder"
 * state). bench/lib/startup-window.ts, bench/lib/startup-window-child.ts. The library is the same
 * folder, linked as <appData>/SessionDock (Electron's userData). The double cannot show Electron's
 * own start: in its place the child loads tsx, playwright-core and the double and launches Chromium
 * (printed as "double's start"), and each window is a new page in that Chromium, not a renderer
 * process Electron spawns. "SessionDock's steps" leaves both out (from the entry loading to the
 * rows, less the page's creation) and is printed beside the figure.
 *
 * Each process starts cold; the OS file cache is warm (one untimed start first), as on a desktop
 * that has run the app before. Builds first (electron-vite) when out/main/headless.js is missing or
 * older than the sources, or (window) the preload or renderer build is.
 *
 * Environment: BENCH_STARTUP_SIZES (default 0,100000,1000000), BENCH_STARTUP_SKIP_1M=1 (drops sizes
 * of 1,000,000 and more), BENCH_STARTUP_ROUNDS (clean starts per size, default 5),
 * BENCH_STARTUP_UNCLEAN_ROUNDS (default 1), BENCH_SEED, BENCH_STARTUP_DIR (keep the generated
 * libraries there and reuse them on the next run instead of a temporary folder),
 * BENCH_STARTUP_WINDOW (1: headless and window, the default; 0: headless only; only: window only),
 * BENCH_STARTUP_ROUNDS also sets the window starts per size.
 *
 * Prints; never asserts: the targets (1M ≤ 1.2 × empty, clean; window: 1M < 1 s to first rows and
 * 1M ≤ 1.2 × empty) are reported as PASS or MISS.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createCore } from '../src/main/core/create-core';
import { cleanShutdownPath } from '../src/main/core/db/clean-shutdown';
import { seedLibrary } from './lib/library-generator';
import { appDataFor, builtWindowStatus, windowStart, type WindowStart } from './lib/startup-window';
import { formatBytes, formatMs, formatTable, percentile } from './lib/timing';

const ROOT = join(__dirname, '..');
const BUILT = join(ROOT, 'out', 'main', 'headless.js');
const SKIP_1M = process.env.BENCH_STARTUP_SKIP_1M === '1';
const SIZES = (process.env.BENCH_STARTUP_SIZES ?? '0,100000,1000000')
  .split(',')
  .map(Number)
  .filter((size) => !(SKIP_1M && size >= 1_000_000));
const ROUNDS = Number(process.env.BENCH_STARTUP_ROUNDS ?? 5);
const UNCLEAN_ROUNDS = Number(process.env.BENCH_STARTUP_UNCLEAN_ROUNDS ?? 1);
const SEED = Number(process.env.BENCH_SEED ?? 20261204);
/** Sessions generated per transaction: bounds the generator's memory at a million. */
const CHUNK = 100_000;
const TARGET_RATIO = 1.2;
/** Window: cold start to first rows at the largest size, in ms. */
const TARGET_WINDOW_MS = 1000;
const WINDOW_MODE = process.env.BENCH_STARTUP_WINDOW ?? '1';
if (!['0', '1', 'only'].includes(WINDOW_MODE)) throw new Error('BENCH_STARTUP_WINDOW must be 0, 1 or only');
const HEADLESS = WINDOW_MODE !== 'only';
const WINDOW = WINDOW_MODE !== '0';

interface Start {
  listenMs: number;
  firstRowsMs: number;
  total: number;
  stderr: string;
}

interface Running {
  child: ChildProcessWithoutNullStreams;
  started: number;
  baseUrl: string;
  listenMs: number;
  stderr: () => string;
}

interface SizeResult {
  size: number;
  bytes: number;
  clean: Start[];
  unclean: Start[];
  /** Headless only (null when BENCH_STARTUP_WINDOW=only). */
  check: BackgroundCheck | null;
  window: WindowStart[];
}

interface BackgroundCheck {
  doneMs: number | null;
  requests: number[];
}

async function main(): Promise<void> {
  console.log(
    `SessionDock start-up bench — Node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model}`,
  );
  ensureBuild();
  const keep = process.env.BENCH_STARTUP_DIR;
  const base = keep ?? mkdtempSync(join(tmpdir(), 'sessiondock-bench-startup-'));
  mkdirSync(base, { recursive: true });
  const results: SizeResult[] = [];
  try {
    for (const size of SIZES) {
      const dataDir = join(base, `library-${size}`);
      prepareLibrary(dataDir, size);
      const result: SizeResult = HEADLESS
        ? await runSize(dataDir, size)
        : { size, bytes: 0, clean: [], unclean: [], check: null, window: [] };
      result.bytes = statSync(join(dataDir, 'library.sqlite')).size;
      if (WINDOW) result.window = await runWindow(base, dataDir, size);
      results.push(result);
    }
  } finally {
    if (!keep) rmSync(base, { recursive: true, force: true });
  }
  report(results);
}

function ensureBuild(): void {
  const requireHere = createRequire(__filename);
  const { builtHeadlessStatus } = requireHere('../scripts/headless.cjs') as {
    builtHeadlessStatus(): { current: boolean; reason: string | null };
  };
  const headless = builtHeadlessStatus();
  const window = WINDOW ? builtWindowStatus() : { current: true, reason: null };
  if (headless.current && window.current) return;
  console.log(`Building first: ${headless.reason ?? window.reason}…`);
  // electron-vite's own CLI file (its package exports do not list it).
  const cli = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(BUILT)) throw new Error('electron-vite build failed');
}

/** A library of `size` sessions, closed cleanly; kept as is when BENCH_STARTUP_DIR already holds it. */
function prepareLibrary(dataDir: string, size: number): void {
  const library = join(dataDir, 'library.sqlite');
  if (existsSync(cleanShutdownPath(library))) {
    const core = createCore({ dataDir, backgroundCheckDelayMs: null });
    const count = core.db.prepare('SELECT count(*) FROM sessions').pluck().get() as number;
    core.close();
    if (count === size) return console.log(`\n${size.toLocaleString('en-US')} sessions: reusing ${dataDir}`);
  }
  rmSync(dataDir, { recursive: true, force: true });
  const started = performance.now();
  const core = createCore({ dataDir, backgroundCheckDelayMs: null });
  try {
    for (let done = 0, chunk = 0; done < size; done += CHUNK, chunk++) {
      seedLibrary(core, Math.min(CHUNK, size - done), SEED + chunk, { via: 'bulk', lastOpenedFraction: 0.3 });
      // Keeps the WAL to one chunk's pages.
      core.db.pragma('wal_checkpoint(TRUNCATE)');
    }
  } finally {
    core.close();
  }
  console.log(
    `\n${size.toLocaleString('en-US')} sessions: generated in ${formatMs((performance.now() - started) / 1000)} s, ` +
      `${formatBytes(statSync(library).size)}`,
  );
}

async function runSize(dataDir: string, size: number): Promise<SizeResult> {
  const label = size.toLocaleString('en-US');
  // Untimed: warms the OS file cache (the app's files and the library's first pages).
  await stop(await start(dataDir), 'SIGTERM');

  const clean: Start[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const timed = await timedStart(dataDir);
    clean.push(timed);
    console.log(
      `  ${label} clean #${round + 1}: listening ${formatMs(timed.listenMs)} ms, first rows ${formatMs(timed.firstRowsMs)} ms`,
    );
  }

  const unclean: Start[] = [];
  for (let round = 0; round < UNCLEAN_ROUNDS; round++) {
    await stop(await start(dataDir), 'SIGKILL');
    const timed = await timedStart(dataDir);
    if (!/not closed cleanly/.test(timed.stderr))
      throw new Error('the start after SIGKILL did not check first');
    unclean.push(timed);
    console.log(
      `  ${label} after kill -9: listening ${formatMs(timed.listenMs)} ms, first rows ${formatMs(timed.firstRowsMs)} ms`,
    );
  }

  const check = await backgroundCheck(dataDir);
  console.log(
    `  ${label} background check: ${check.doneMs === null ? 'none (empty library)' : `done ${formatMs(check.doneMs)} ms after start`}` +
      (check.requests.length
        ? `, list requests meanwhile: max ${formatMs(Math.max(...check.requests))} ms`
        : ''),
  );
  return { size, bytes: statSync(join(dataDir, 'library.sqlite')).size, clean, unclean, check, window: [] };
}

/** Cold starts of the desktop app (under the Electron double) to its window's first rows. */
async function runWindow(base: string, dataDir: string, size: number): Promise<WindowStart[]> {
  const label = size.toLocaleString('en-US');
  const appData = appDataFor(base, size, dataDir);
  // Untimed: warms the OS file cache (Chromium, the built renderer, the library's first pages).
  await windowStart(appData);
  const starts: WindowStart[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const timed = await windowStart(appData);
    if ((size === 0) !== (timed.kind === 'empty'))
      throw new Error(`the window showed ${timed.kind} for ${label} sessions`);
    starts.push(timed);
    console.log(
      `  ${label} window #${round + 1}: first rows ${formatMs(timed.shownMs)} ms ` +
        `(double's start ${formatMs(timed.entryStartedMs)} ms, SessionDock's steps ${formatMs(timed.appMs)} ms)`,
    );
  }
  return starts;
}

function start(dataDir: string): Promise<Running> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [BUILT, '--data-dir', dataDir, '--port', '0', '--mode', 'read-only'],
    {
      cwd: ROOT,
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => {
      const listenMs = performance.now() - started;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/api\/v1)/.exec(line);
      if (!match) return reject(new Error(`unexpected first line: ${line}`));
      resolve({ child, started, baseUrl: match[1]!, listenMs, stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`headless exited (${code}) before listening:\n${stderr}`)));
  });
}

async function stop(running: Running, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
  running.child.kill(signal);
  const code = await exited;
  if (signal === 'SIGTERM' && code !== 0) throw new Error(`headless exited ${code}:\n${running.stderr()}`);
}

async function firstRows(running: Running, token: string): Promise<number> {
  const response = await fetch(`${running.baseUrl}/sessions?limit=50`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { data: unknown[] };
  if (response.status !== 200) throw new Error(`GET /sessions answered ${response.status}`);
  return body.data.length;
}

async function timedStart(dataDir: string): Promise<Start> {
  const running = await start(dataDir);
  const token = readFileSync(join(dataDir, 'local-api-token'), 'utf8').trim();
  const rows = await firstRows(running, token);
  const firstRowsMs = performance.now() - running.started;
  await stop(running, 'SIGTERM');
  if (!existsSync(cleanShutdownPath(join(dataDir, 'library.sqlite')))) {
    throw new Error('SIGTERM did not record a clean shutdown');
  }
  return { listenMs: running.listenMs, firstRowsMs, total: rows, stderr: running.stderr() };
}

/** A clean start left running until the deferred check reports, listing every 100 ms meanwhile. */
async function backgroundCheck(dataDir: string): Promise<BackgroundCheck> {
  const running = await start(dataDir);
  const token = readFileSync(join(dataDir, 'local-api-token'), 'utf8').trim();
  const requests: number[] = [];
  const reported = /library integrity check \(background\)/;
  const limit = performance.now() + 10 * 60_000;
  let doneMs: number | null = null;
  try {
    while (performance.now() < limit) {
      if (reported.test(running.stderr())) {
        doneMs = performance.now() - running.started;
        break;
      }
      const sent = performance.now();
      await firstRows(running, token);
      requests.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (doneMs !== null && !/integrity check \(background\): ok/.test(running.stderr())) {
      throw new Error(`the background check did not pass:\n${running.stderr()}`);
    }
  } finally {
    await stop(running, 'SIGTERM');
  }
  return { doneMs, requests };
}

function report(results: SizeResult[]): void {
  if (HEADLESS) reportHeadless(results);
  if (WINDOW) reportWindow(results);
}

function reportHeadless(results: SizeResult[]): void {
  const p50 = (starts: Start[], key: 'listenMs' | 'firstRowsMs'): number =>
    percentile(
      starts.map((start) => start[key]),
      50,
    );
  const empty = results.find((result) => result.size === 0);
  const ratio = (ms: number): string =>
    empty ? `${(ms / p50(empty.clean, 'firstRowsMs')).toFixed(2)}×` : '-';
  console.log('\nHeadless (spawn → API listening → first GET /sessions answer):');
  console.log(
    formatTable(
      [
        'sessions',
        'file',
        'clean: listening p50',
        'first rows p50',
        'min–max',
        'vs empty',
        'after kill -9: first rows',
        'vs empty',
        'background check done',
      ],
      results.map((result) => {
        const first = result.clean.map((start) => start.firstRowsMs);
        const unclean = p50(result.unclean, 'firstRowsMs');
        return [
          result.size.toLocaleString('en-US'),
          formatBytes(result.bytes),
          `${formatMs(p50(result.clean, 'listenMs'))} ms`,
          `${formatMs(p50(result.clean, 'firstRowsMs'))} ms`,
          `${formatMs(Math.min(...first))}–${formatMs(Math.max(...first))}`,
          ratio(p50(result.clean, 'firstRowsMs')),
          result.unclean.length ? `${formatMs(unclean)} ms` : '-',
          result.unclean.length ? ratio(unclean) : '-',
          result.check?.doneMs == null ? '-' : `${formatMs(result.check.doneMs / 1000)} s`,
        ];
      }),
    ),
  );
  const largest = results.at(-1);
  if (empty && largest && largest !== empty) {
    const measured = p50(largest.clean, 'firstRowsMs') / p50(empty.clean, 'firstRowsMs');
    console.log(
      `\nTarget: ${largest.size.toLocaleString('en-US')} sessions, clean start to first rows ≤ ${TARGET_RATIO}× empty: ` +
        `${measured.toFixed(2)}× ${measured <= TARGET_RATIO ? 'PASS' : 'MISS'}`,
    );
  }
}

function reportWindow(results: SizeResult[]): void {
  const p = (starts: WindowStart[], value: (start: WindowStart) => number, at = 50): number =>
    percentile(starts.map(value), at);
  const shown = (start: WindowStart): number => start.shownMs;
  const app = (start: WindowStart): number => start.appMs;
  const empty = results.find((result) => result.size === 0);
  const ratio = (ms: number, value: (start: WindowStart) => number): string =>
    empty ? `${(ms / p(empty.window, value)).toFixed(2)}×` : '-';
  console.log(
    '\nWindow (desktop app under the Electron double; spawn → the window painted its first rows), p50 unless said:',
  );
  console.log(
    formatTable(
      ['sessions', 'first rows p50', 'p95', 'min–max', 'vs empty', "SessionDock's steps", 'vs empty'],
      results.map((result) => {
        const all = result.window.map(shown);
        return [
          result.size.toLocaleString('en-US'),
          `${formatMs(p(result.window, shown))} ms`,
          `${formatMs(p(result.window, shown, 95))} ms`,
          `${formatMs(Math.min(...all))}–${formatMs(Math.max(...all))}`,
          ratio(p(result.window, shown), shown),
          `${formatMs(p(result.window, app))} ms`,
          ratio(p(result.window, app), app),
        ];
      }),
    ),
  );
  const loaded = (s: WindowStart): number => s.domContentLoadedMs ?? s.navigationStartMs;
  const phases: [string, (start: WindowStart) => number][] = [
    ["double's start", (s) => s.entryStartedMs],
    ['entry loads', (s) => s.entryEvaluatedMs - s.entryStartedMs],
    ['→ ready', (s) => s.readyEmittedMs - s.entryEvaluatedMs],
    ['library open → window asked', (s) => s.windowRequestedMs - s.readyEmittedMs],
    ['page (double)', (s) => s.navigationStartMs - s.windowRequestedMs],
    ['renderer loads', (s) => loaded(s) - s.navigationStartMs],
    ['→ rows in DOM', (s) => s.shownDomMs - loaded(s)],
    ['→ painted', (s) => s.shownMs - s.shownDomMs],
  ];
  console.log('\nWhere the window start goes (p50 of each step, ms):');
  console.log(
    formatTable(
      ['sessions', ...phases.map(([name]) => name)],
      results.map((result) => [
        result.size.toLocaleString('en-US'),
        ...phases.map(([, value]) => formatMs(p(result.window, value))),
      ]),
    ),
  );
  console.log(
    "  double's start: node, tsx, playwright-core and the double load, then the system Chromium launches — the\n" +
      "  double's stand-in for Electron's own start, which it cannot show (Electron's binary starts its browser\n" +
      '  process and node together). entry loads: out/main/index.js and its packages (better-sqlite3…).\n' +
      '  library open → window asked: on ready, the main process opens the library (createCore), registers IPC,\n' +
      "  starts the Local API and creates the window. page (double): a new page in the double's Chromium, its\n" +
      '  bindings and the preload script (Electron: the renderer process starts). renderer loads: navigation →\n' +
      "  DOMContentLoaded of the built renderer. → rows in DOM: the renderer's first IPC calls and React render.\n" +
      "  SessionDock's steps = everything from 'entry loads' on, less 'page (double)'. Also beyond the double:\n" +
      "  its IPC replies travel through playwright in the same node process, so while main answers the window's\n" +
      '  other start-up calls (the sidebar counts) an answer already computed can wait to reach the page\n' +
      '  (Electron sends each reply as its handler settles): compare "result count" with the list\'s answer below.',
  );
  console.log(
    "\nThe window's IPC calls before its first rows (the run at the median; main's time in each handler):",
  );
  for (const result of results) {
    const sorted = [...result.window].sort((a, b) => a.shownMs - b.shownMs);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    if (!median) continue;
    const main = median.ipc.reduce((sum, call) => sum + call.ms, 0);
    const lastAnswer = Math.max(...median.ipc.map((call) => call.startMs + call.ms));
    console.log(
      `  ${result.size.toLocaleString('en-US')}: ${median.ipc.length} calls, ${formatMs(main)} ms in main ` +
        `(first at ${formatMs(median.ipc[0]?.startMs ?? NaN)} ms, last answered at ${formatMs(lastAnswer)} ms; ` +
        `the page showed the result count at ${formatMs(median.countShownMs ?? NaN)} ms, ` +
        `rows in the DOM at ${formatMs(median.shownDomMs)} ms); the page's long tasks until then: ` +
        `${median.longTasks}, ${formatMs(median.longTaskMs)} ms ` +
        `(${median.longTaskList.map(([start, ms]) => `@${formatMs(start)} +${formatMs(ms)}`).join(', ')})`,
    );
    if (process.env.BENCH_STARTUP_IPC === '1' || result === results.at(-1)) {
      for (const call of median.ipc)
        console.log(`    @${formatMs(call.startMs)} +${formatMs(call.ms)} ms ${call.channel}(${call.args})`);
    }
  }
  const largest = results.at(-1);
  if (!largest || !largest.window.length) return;
  const label = largest.size.toLocaleString('en-US');
  const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
  const largestShown = p(largest.window, shown);
  const largestApp = p(largest.window, app);
  console.log(
    `\nTarget: ${label} sessions, cold start to first rows in the window < ${formatMs(TARGET_WINDOW_MS)} ms: ` +
      `${formatMs(largestShown)} ms ${verdict(largestShown < TARGET_WINDOW_MS)} ` +
      `(SessionDock's steps: ${formatMs(largestApp)} ms ${verdict(largestApp < TARGET_WINDOW_MS)})`,
  );
  if (empty && largest !== empty) {
    const measured = largestShown / p(empty.window, shown);
    const measuredApp = largestApp / p(empty.window, app);
    console.log(
      `Target: ${label} sessions, window first rows ≤ ${TARGET_RATIO}× empty: ${measured.toFixed(2)}× ${verdict(measured <= TARGET_RATIO)} ` +
        `(SessionDock's steps: ${measuredApp.toFixed(2)}× ${verdict(measuredApp <= TARGET_RATIO)})`,
    );
  }
}

main().catch((error: unknown) => {
  console.error('\nBenchmark failed:', error);
  process.exitCode = 1;
});
