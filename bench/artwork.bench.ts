/**
 * Artwork benchmark (issue 13 §2): thumbnails made by sharp in the main process.
 *
 *   npx tsx bench/artwork.bench.ts
 *
 * 1. Cold: the small and the large thumbnail of BENCH_ARTWORK_IMAGES (default 100) cover images —
 *    JPEG 3000², PNG 1500², WebP 2000², GIF 800², generated at run time in a temporary folder — all
 *    asked at once, as a grid's first screen and a detail panel would: thumbnails per second, the
 *    latency of each, and the event loop's longest stall meanwhile (a 1 ms timer's longest gap).
 * 2. Warm: the same again, answered from the thumbnail cache.
 * 3. Scroll: BENCH_ARTWORK_SESSIONS (default 10,000) sessions, each with its own image path (hard
 *    links of the images above, so none shares a thumbnail), scrolled through by screens of 40
 *    every 16 ms the way the window asks (droppable requests through the media-protocol answer):
 *    how many thumbnails were really made, how many requests were dropped as stale, the most that
 *    ever waited, and how long the screen the scroll stopped on took to fill.
 *
 * Prints figures against the targets (event-loop stall < 50 ms; the stopped screen filled in < 1 s;
 * made ≪ asked while scrolling); never asserts.
 */
import { linkSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { answerArtworkMediaRequest } from '../src/main/core/artwork/artwork-media';
import type { ArtworkFormat } from '../src/main/core/artwork/image-formats';
import { makeThumbnail, type ThumbnailSize } from '../src/main/core/artwork/make-thumbnail';
import { createCore, type Core } from '../src/main/core/create-core';
import { formatMs, formatTable, summarize } from './lib/timing';

const IMAGES = Number(process.env.BENCH_ARTWORK_IMAGES ?? 100);
const SESSIONS = Number(process.env.BENCH_ARTWORK_SESSIONS ?? 10_000);
const SCREEN = 40;
const FRAME_MS = 16;
const TARGET_STALL_MS = 50;
const TARGET_SETTLE_MS = 1000;

const SOURCES: { format: ArtworkFormat; side: number; extension: string }[] = [
  { format: 'jpeg', side: 3000, extension: 'jpg' },
  { format: 'png', side: 1500, extension: 'png' },
  { format: 'webp', side: 2000, extension: 'webp' },
  { format: 'gif', side: 800, extension: 'gif' },
];

/** Tracks the longest gap between ticks of a 1 ms timer: how long the event loop was kept busy. */
function watchLoop(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return longest;
    },
  };
}

async function writeCover(path: string, source: (typeof SOURCES)[number], seed: number): Promise<void> {
  // A gradient with noise-like detail, so encoders and decoders do real work.
  const side = source.side;
  const small = Buffer.alloc(64 * 64 * 3);
  for (let i = 0; i < small.length; i++) small[i] = (i * 31 + seed * 97 + ((i * i) % 251)) & 0xff;
  await sharp(small, { raw: { width: 64, height: 64, channels: 3 } })
    .resize(side, side, { kernel: 'cubic' })
    .toFormat(source.format, source.format === 'jpeg' ? { quality: 90 } : {})
    .toFile(path);
}

function attach(core: Core, sessionId: string, path: string, format: ArtworkFormat, side: number): void {
  core.db
    .prepare(
      `INSERT INTO session_artwork (session_seq, source, path, format, width, height, set_at)
       VALUES (?, 'file', ?, ?, ?, ?, ?)`,
    )
    .run(core.sessions.requireSeq(sessionId), path, format, side, side, new Date().toISOString());
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'sessiondock-artwork-bench-'));
  let made = 0;
  const core = createCore({
    dataDir: join(root, 'data'),
    projectReader: null,
    peaksSource: null,
    findArtworkOnImport: false,
    artwork: {
      sweepDelayMs: null,
      thumbnails: {
        make: (path: string, size: ThumbnailSize) => {
          made++;
          return makeThumbnail(path, size);
        },
      },
    },
  });
  try {
    console.log(
      `artwork bench: ${IMAGES} images, ${SESSIONS.toLocaleString('en-US')} scrolled sessions; ` +
        `${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}, sharp ${sharp.versions.sharp} ` +
        `(libvips ${sharp.versions.vips}), UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? 4}`,
    );
    const images: { path: string; format: ArtworkFormat; side: number }[] = [];
    for (let i = 0; i < IMAGES; i++) {
      const source = SOURCES[i % SOURCES.length]!;
      const path = join(root, `cover-${i}.${source.extension}`);
      await writeCover(path, source, i);
      images.push({ path, format: source.format, side: source.side });
    }
    const ids = images.map((image, i) => {
      const id = core.sessions.create({ title: `Cover ${i}` }).id;
      attach(core, id, image.path, image.format, image.side);
      return id;
    });

    const rows: string[][] = [];
    for (const phase of ['cold', 'warm'] as const) {
      made = 0;
      const latencies: number[] = [];
      const loop = watchLoop();
      const elapsed = await timed(() =>
        Promise.all(
          ids.flatMap((id) =>
            (['small', 'large'] as const).map(async (size) => {
              latencies.push(await timed(() => core.artwork.thumbnail(id, size)));
            }),
          ),
        ),
      );
      const stall = loop.stop();
      const summary = summarize(latencies);
      rows.push([
        phase,
        String(latencies.length),
        String(made),
        ((latencies.length / elapsed) * 1000).toFixed(1),
        formatMs(summary.p50),
        formatMs(summary.p95),
        `${formatMs(stall)}${stall < TARGET_STALL_MS ? '' : ' (over)'}`,
      ]);
    }
    console.log(
      `\n${formatTable(['phase', 'thumbnails', 'made', 'per s', 'p50 ms', 'p95 ms', `loop stall ms (< ${TARGET_STALL_MS})`], rows)}`,
    );

    // Scroll: every session its own path (a hard link), so every request is its own thumbnail.
    const scrolled: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const image = images[i % images.length]!;
      const path = join(root, `linked-${i}.${image.path.slice(image.path.lastIndexOf('.') + 1)}`);
      linkSync(image.path, path);
      const id = core.sessions.create({ title: `Scrolled ${i}` }).id;
      attach(core, id, path, image.format, image.side);
      scrolled.push(id);
    }
    made = 0;
    let asked = 0;
    let dropped = 0;
    let mostWaiting = 0;
    const loop = watchLoop();
    const pending: Promise<void>[] = [];
    const screens = Math.ceil(SESSIONS / SCREEN);
    const started = performance.now();
    let lastScreenStarted = started;
    let lastScreen: Promise<unknown> = Promise.resolve();
    for (let screen = 0; screen < screens; screen++) {
      const onScreen = scrolled.slice(screen * SCREEN, (screen + 1) * SCREEN);
      lastScreenStarted = performance.now();
      const answers = onScreen.map(async (sessionId) => {
        asked++;
        const response = await answerArtworkMediaRequest(
          core,
          { sessionId, size: 'small' },
          { headers: new Headers() },
        );
        if (response.status === 503) dropped++;
        await response.arrayBuffer();
      });
      pending.push(...answers);
      lastScreen = Promise.all(answers);
      mostWaiting = Math.max(mostWaiting, core.artwork.thumbnails.queueCounts().waiting);
      await new Promise((resolve) => setTimeout(resolve, FRAME_MS));
    }
    await lastScreen;
    const settle = performance.now() - lastScreenStarted;
    await Promise.all(pending);
    const stall = loop.stop();
    console.log(
      `\nscroll: ${screens} screens of ${SCREEN} every ${FRAME_MS} ms (${((performance.now() - started) / 1000).toFixed(1)} s in all)\n` +
        formatTable(
          [
            'asked',
            'made',
            'dropped (503)',
            'most waiting',
            `stopped screen filled ms (< ${TARGET_SETTLE_MS})`,
            `loop stall ms (< ${TARGET_STALL_MS})`,
          ],
          [
            [
              String(asked),
              String(made),
              String(dropped),
              String(mostWaiting),
              `${formatMs(settle)}${settle < TARGET_SETTLE_MS ? '' : ' (over)'}`,
              `${formatMs(stall)}${stall < TARGET_STALL_MS ? '' : ' (over)'}`,
            ],
          ],
        ),
    );
  } finally {
    core.close();
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
