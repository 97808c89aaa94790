/**
 * Grid-with-artwork benchmark (issue 13, Done when: "a grid of 100,000 sessions with artwork
 * scrolls with < 100 rows in the DOM and no thumbnail decoded on the UI thread"). The built
 * renderer in Chromium through the e2e harness (the real core behind `window.sessionDock`; the
 * thumbnails `/artwork/<session>/small` answered by the same main-side function as the app's
 * sessiondock-media: protocol), over a generated library where every session has artwork: a few
 * hundred small PNG/JPEG covers made with sharp at run time, given round-robin. In the grid view it
 * scrolls from top to bottom and back, one position per frame, stopping a few times, and prints
 *   - the most cards and grid rows in the DOM on any frame (target < 100),
 *   - thumbnails asked (requests at the page server) vs made (files in the thumbnail cache) vs
 *     dropped as stale (503) vs given up by the page (requests the browser cancelled),
 *   - how long a stopped screen takes to show every visible card's thumbnail,
 *   - the UI thread: the longest long task while scrolling, and whether any thumbnail could be
 *     decoded on it: every card `<img>` has decoding="async" and every loaded one is the small
 *     thumbnail (natural size ≤ 160 px), so no full-size image is decoded there.
 *
 *   npx electron-vite build --outDir /tmp/sd-uiart-out
 *   SESSIONDOCK_E2E_RENDERER_DIR=/tmp/sd-uiart-out/renderer npx tsx bench/ui-artwork.bench.ts
 *
 * Environment: BENCH_UI_SIZES (comma-separated library sizes, default 100000), BENCH_UI_DIR (keep
 * generated libraries there and reuse them; default a temporary folder removed at the end; a kept
 * library keeps its thumbnail cache, so "made" is then ~0), BENCH_ARTWORK_COVERS (distinct images,
 * default 300), BENCH_ARTWORK_FRAMES (scroll frames per way, default 600), BENCH_ARTWORK_STOPS
 * (stops per way, default 6), BENCH_SEED, CHROMIUM_PATH, SESSIONDOCK_E2E_RENDERER_DIR.
 *
 * Prints; never asserts: a MISS does not fail the run, but an error (no build, no grid) does.
 */
import { fork } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { closeBrowser, launchBrowser, RENDERER_DIR, startApp, type E2eApp } from '../test/e2e/harness';
import {
  ARTWORK_PAGE_PROBE,
  type ArtworkImageLoads,
  type ArtworkScrollPlan,
  type ArtworkSweepResult,
} from './lib/artwork-page-probe';
import type { ArtworkSeedResult } from './lib/artwork-seed-child';
import { formatMs, formatTable, summarize } from './lib/timing';

const SIZES = (process.env.BENCH_UI_SIZES ?? '100000')
  .split(',')
  .map((size) => Number(size.trim().replaceAll('_', '')))
  .filter((size) => Number.isInteger(size) && size > 0);
const UI_DIR = process.env.BENCH_UI_DIR?.trim() || undefined;
const SEED = Number(process.env.BENCH_SEED ?? 20240917);
const COVERS = Number(process.env.BENCH_ARTWORK_COVERS ?? 300);
const PLAN: ArtworkScrollPlan = {
  framesPerWay: Number(process.env.BENCH_ARTWORK_FRAMES ?? 600),
  stopsPerWay: Number(process.env.BENCH_ARTWORK_STOPS ?? 6),
  fillTimeoutMs: 10_000,
};

const TARGETS = {
  /** Issue 13: < 100 rows in the DOM while scrolling the grid. */
  cardsInDom: 100,
  /** The small thumbnail's side (make-thumbnail.ts): nothing bigger is decoded in the grid. */
  thumbnailSide: 160,
  /** A long task is ≥ 50 ms by definition; none is the target while scrolling. */
  longTaskMs: 50,
  /** bench:artwork's target for a stopped screen's thumbnails. */
  fillMs: 1000,
};

const BENCH = 'globalThis.__artBench';

interface Network {
  asked: number;
  byStatus: Map<number, number>;
  /** Requests the browser gave up (an `<img>` removed while its thumbnail was on its way). */
  cancelled: number;
}

async function main(): Promise<void> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    console.error(
      `No built renderer in ${RENDERER_DIR}.\nRun \`npx electron-vite build --outDir /tmp/sd-uiart-out\` and ` +
        'set SESSIONDOCK_E2E_RENDERER_DIR=/tmp/sd-uiart-out/renderer (or `npm run build`).',
    );
    process.exitCode = 1;
    return;
  }
  if (SIZES.length === 0) throw new Error('BENCH_UI_SIZES: no library size (e.g. 100000)');
  try {
    const cpu = cpus();
    console.log('SessionDock grid-with-artwork benchmark');
    console.log(
      `  node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, load ${loadavg()[0]!.toFixed(2)}`,
    );
    for (const size of SIZES) {
      try {
        await runSize(size);
      } catch (error) {
        console.error(`\nBenchmark failed at ${size.toLocaleString('en-US')} sessions:`, error);
        process.exitCode = 1;
      }
    }
  } finally {
    await closeBrowser();
  }
}

async function runSize(sessions: number): Promise<void> {
  const kept = UI_DIR !== undefined;
  const root = kept
    ? join(UI_DIR, `library-artwork-${sessions}-covers${COVERS}-seed${SEED}`)
    : mkdtempSync(join(tmpdir(), 'sessiondock-bench-uiart-'));
  const dataDir = join(root, 'data');
  const markerPath = join(root, 'bench-seeded.json');
  let app: E2eApp | undefined;
  try {
    console.log(`\nLibrary: ${sessions.toLocaleString('en-US')} sessions, every one with artwork`);
    let seeded: ArtworkSeedResult;
    if (kept && existsSync(markerPath)) {
      seeded = JSON.parse(readFileSync(markerPath, 'utf8')) as ArtworkSeedResult;
      console.log(`  reusing ${root} (delete it to seed again; its thumbnail cache is warm)`);
    } else {
      rmSync(root, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
      console.log(`  seeding (seed ${SEED}, bulk insert, ${COVERS} covers, in a process of its own)…`);
      seeded = await seedInChild(dataDir, join(root, 'covers'), sessions);
      if (kept) writeFileSync(markerPath, JSON.stringify(seeded));
    }
    console.log(
      `  ${seeded.withArtwork.toLocaleString('en-US')} sessions with artwork, ${seeded.images} distinct covers ` +
        `(320–800 px PNG/JPEG; sessions insert ${formatMs(seeded.insertMs)} ms, covers ${formatMs(seeded.imagesMs)} ms, ` +
        `session_artwork rows ${formatMs(seeded.artworkRowsMs)} ms)`,
    );

    await launchBrowser();
    app = await startApp({ viewport: { width: 1280, height: 800 }, dataDir });
    const { page } = app;
    let bridgeErrors = 0;
    // See bench/ui.bench.ts: under tsx the harness's bridge script throws "__name is not defined"
    // after window.sessionDock is defined; only pushed core events are lost (not used here).
    page.removeAllListeners('pageerror');
    page.on('pageerror', (error) => {
      if (/__name is not defined/.test(error.message)) bridgeErrors++;
      else console.error('[page error]', error);
    });
    await page.addInitScript(ARTWORK_PAGE_PROBE);
    await page.reload({ waitUntil: 'load' });
    await waitInPage(
      page,
      `document.querySelector('[data-testid="result-count"]')?.textContent?.trim() === ${JSON.stringify(
        `${sessions.toLocaleString('en-US')} sessions`,
      )}`,
      60_000,
    );
    const longTaskError = await page.evaluate<unknown>(`${BENCH}.longTaskError ?? null`);
    if (longTaskError) throw new Error(`no long-task observer in the page: ${String(longTaskError)}`);

    await page.getByTestId('view-grid').click();
    await waitInPage(page, `document.querySelector('.grid-scroller [role="option"]') !== null`, 30_000);
    // The first screen's thumbnails (made cold now), before the measured sweep.
    await waitInPage(page, `${BENCH}.images.loaded > 0`, 30_000);
    await page.waitForTimeout(1500);

    const thumbnailsFolder = app.core.artwork.thumbnails.folder;
    const filesBefore = countFiles(thumbnailsFolder);
    const network = watchNetwork(page);
    const queue = watchQueue(app);
    console.log(
      `Scrolling the grid top → bottom → top (${PLAN.framesPerWay} frames each way, ` +
        `${PLAN.stopsPerWay} stops each way)…`,
    );
    const imagesBefore = await page.evaluate<ArtworkImageLoads>(`({ ...${BENCH}.images })`);
    const startedAt = performance.now();
    const sweep = await page.evaluate<ArtworkSweepResult>(`${BENCH}.sweep(${JSON.stringify(PLAN)})`);
    const sweepMs = performance.now() - startedAt;
    // Late answers of requests made while scrolling.
    await page.waitForTimeout(1000);
    const maxWaiting = queue.stop();
    network.stop();
    const imagesAll = await page.evaluate<ArtworkImageLoads>(`({ ...${BENCH}.images })`);
    const made = countFiles(thumbnailsFolder) - filesBefore;

    printResults(sessions, sweep, sweepMs, network, made, filesBefore, maxWaiting, imagesBefore, imagesAll);
    if (bridgeErrors > 0)
      console.log(
        `  Note: the harness's bridge init script threw "__name is not defined" ${bridgeErrors}× (tsx keepNames; harmless here).`,
      );
  } finally {
    await app?.close().catch((error: unknown) => console.error('closing the app failed:', error));
    if (!kept) rmSync(root, { recursive: true, force: true });
  }
}

function seedInChild(dataDir: string, coversDir: string, sessions: number): Promise<ArtworkSeedResult> {
  return new Promise((resolve, reject) => {
    const child = fork(
      join(__dirname, 'lib/artwork-seed-child.ts'),
      [dataDir, coversDir, String(sessions), String(COVERS), String(SEED)],
      { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
    );
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`seeding exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as ArtworkSeedResult);
      } catch (error) {
        reject(new Error(`seeding printed no result: ${String(error)}`));
      }
    });
  });
}

/** Polls `expression` in the page (not waitForFunction: the page's CSP forbids its eval). */
async function waitInPage(page: Page, expression: string, timeout: number): Promise<void> {
  const deadline = performance.now() + timeout;
  for (;;) {
    if (await page.evaluate<unknown>(expression).catch(() => false)) return;
    if (performance.now() > deadline)
      throw new Error(`timed out after ${timeout} ms waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Thumbnail requests at the page server, seen from the browser's side. */
function watchNetwork(page: Page): Network & { stop(): void } {
  const network: Network = { asked: 0, byStatus: new Map(), cancelled: 0 };
  const isThumb = (url: string) => new URL(url).pathname.startsWith('/artwork/');
  const onRequest = (request: { url(): string }) => {
    if (isThumb(request.url())) network.asked++;
  };
  const onResponse = (response: { url(): string; status(): number }) => {
    if (!isThumb(response.url())) return;
    network.byStatus.set(response.status(), (network.byStatus.get(response.status()) ?? 0) + 1);
  };
  const onFailed = (request: { url(): string }) => {
    if (isThumb(request.url())) network.cancelled++;
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  return {
    ...network,
    get asked() {
      return network.asked;
    },
    get cancelled() {
      return network.cancelled;
    },
    stop() {
      page.off('request', onRequest);
      page.off('response', onResponse);
      page.off('requestfailed', onFailed);
    },
  };
}

/** The most thumbnail requests waiting in the artwork service's queue at once. */
function watchQueue(app: E2eApp): { stop(): number } {
  let most = 0;
  const timer = setInterval(() => {
    most = Math.max(most, app.core.artwork.thumbnails.queueCounts().waiting);
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return most;
    },
  };
}

function countFiles(folder: string): number {
  if (!existsSync(folder)) return 0;
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
    .length;
}

function printResults(
  sessions: number,
  sweep: ArtworkSweepResult,
  sweepMs: number,
  network: Network,
  made: number,
  cachedBefore: number,
  maxWaiting: number,
  before: ArtworkImageLoads,
  all: ArtworkImageLoads,
): void {
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
  const status = (code: number) => network.byStatus.get(code) ?? 0;
  const filled = sweep.stops.filter((stop) => stop.fillMs !== null);
  const fill = summarize(filled.map((stop) => stop.fillMs!));
  const longest = Math.max(0, ...sweep.longTasks.map((task) => task.duration));
  const loadedInSweep = all.loaded - before.loaded;
  const noSyncDecode =
    sweep.imgWithoutAsync === 0 && all.notAsync === 0 && all.overSmall === 0 && all.largeUrls === 0;

  const rows: string[][] = [
    [
      'cards in the DOM (most on any frame)',
      String(sweep.maxCards),
      `< ${TARGETS.cardsInDom}`,
      verdict(sweep.maxCards < TARGETS.cardsInDom),
    ],
    [
      'grid rows in the DOM (most on any frame)',
      String(sweep.maxGridRows),
      `< ${TARGETS.cardsInDom}`,
      verdict(sweep.maxGridRows < TARGETS.cardsInDom),
    ],
    ['<img> in the grid (most on any frame)', String(sweep.maxImages), '-', 'info'],
    ['elements in the document (most)', String(sweep.maxElements), '-', 'info'],
    [
      'card <img> without decoding=async / loading=lazy',
      String(sweep.imgWithoutAsync + all.notAsync),
      '0',
      verdict(sweep.imgWithoutAsync + all.notAsync === 0),
    ],
    [
      'largest loaded thumbnail (natural side)',
      `${all.maxNaturalSide} px`,
      `≤ ${TARGETS.thumbnailSide} px`,
      verdict(all.maxNaturalSide <= TARGETS.thumbnailSide && all.overSmall === 0),
    ],
    ['large thumbnails loaded in the grid', String(all.largeUrls), '0', verdict(all.largeUrls === 0)],
    [
      '→ full-size image decoded on the UI thread',
      noSyncDecode ? 'none' : 'possible',
      'none',
      verdict(noSyncDecode),
    ],
    [
      'longest long task while scrolling',
      `${formatMs(longest)} ms`,
      `< ${TARGETS.longTaskMs} ms (none)`,
      verdict(sweep.longTasks.length === 0),
    ],
    [
      'long tasks while scrolling (count)',
      String(sweep.longTasks.length),
      '0',
      verdict(sweep.longTasks.length === 0),
    ],
    ['longest frame while scrolling', `${formatMs(sweep.longestFrameMs)} ms`, '-', 'info'],
    ['stopped screen → all thumbnails shown, p50', `${formatMs(fill.p50)} ms`, '-', 'info'],
    [
      'stopped screen → all thumbnails shown, max',
      `${formatMs(fill.max)} ms`,
      `< ${TARGETS.fillMs} ms`,
      verdict(filled.length === sweep.stops.length && fill.max < TARGETS.fillMs),
    ],
    [
      'stops that never filled (within 10 s)',
      `${sweep.stops.length - filled.length} of ${sweep.stops.length}`,
      '0',
      verdict(filled.length === sweep.stops.length),
    ],
    ['thumbnails asked (requests at the page server)', String(network.asked), '-', 'info'],
    ['  answered 200', String(status(200)), '-', 'info'],
    ['  dropped as stale (503)', String(status(503)), '-', 'info'],
    [
      '  unreadable (422) / other',
      `${status(422)} / ${[...network.byStatus].filter(([code]) => ![200, 503, 422].includes(code)).reduce((sum, [, n]) => sum + n, 0)}`,
      '0',
      verdict(status(422) === 0),
    ],
    ['  cancelled by the page (img gone)', String(network.cancelled), '-', 'info'],
    ['thumbnails made (new files in the cache)', String(made), `≤ ${COVERS} covers`, verdict(made <= COVERS)],
    ['thumbnails loaded by <img> in the sweep', String(loadedInSweep), '-', 'info'],
    [
      'most requests waiting in the artwork queue',
      String(maxWaiting),
      '≤ 200 (kept)',
      verdict(maxWaiting <= 200),
    ],
  ];
  console.log('');
  console.log(
    `Results at ${sessions.toLocaleString('en-US')} sessions (grid view, 1280×800, ${sweep.columns} columns)`,
  );
  console.log(formatTable(['measure', 'value', 'target', 'result'], rows));
  console.log('');
  console.log(
    `  Scroll: ${sweep.frames} frames (${formatMs(sweep.scrollMs)} ms of scrolling; ${formatMs(sweepMs)} ms with ` +
      `the stops), one scroll position per frame evenly from the top to the end and back — about ` +
      `${Math.round(sessions / sweep.columns / (sweep.frames / 2)).toLocaleString('en-US')} grid rows per frame, a fling. ` +
      `Deepest card reached: ${sweep.deepestPosinset.toLocaleString('en-US')} of ${sessions.toLocaleString('en-US')}.`,
  );
  console.log(
    '  Stops: ' +
      sweep.stops
        .map(
          (stop) =>
            `${stop.way === 'down' ? '↓' : '↑'}${stop.visibleCards} cards ${stop.fillMs === null ? `unfilled ${stop.unfilled} ${JSON.stringify(stop.why ?? {})}` : `${formatMs(stop.fillMs)} ms`}`,
        )
        .join(', '),
  );
  if (sweep.longTasks.length > 0)
    console.log(
      '  Long tasks (ms): ' +
        sweep.longTasks
          .map((task) => formatMs(task.duration))
          .sort((a, b) => Number(b) - Number(a))
          .slice(0, 10)
          .join(', '),
    );
  console.log(
    `  Thumbnails: ${cachedBefore} cache files existed after the first screen (not counted as made). ` +
      `"Made" counts new files in the thumbnail cache (one per cover and size: sessions share a cover's ` +
      'thumbnail, so made ≤ covers). Chromium asks a 127.0.0.1 HTTP server here (≤ 6 connections per ' +
      "host); the app's sessiondock-media: protocol has no such limit, so the app fills at least as fast. " +
      'A thumbnail decoded on the UI thread would need an <img> without decoding="async" or a big image: ' +
      'every card <img> was checked on every frame, every loaded one for its natural size.',
  );
}

void main();
