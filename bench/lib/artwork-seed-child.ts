/**
 * bench:ui-artwork's seeding, in a process of its own (forked by bench/ui-artwork.bench.ts) so the
 * benchmark's process — standing in for the main process — holds nothing of it: the sessions as
 * bench:ui seeds them (bulk insert), then `images` small cover images made with sharp in
 * `<imagesDir>`, given to every session round-robin by one INSERT … SELECT into `session_artwork`
 * (migration 011), as if each had been chosen by path.
 *
 *   argv: <dataDir> <imagesDir> <sessions> <images> <seed>; prints one JSON line (ArtworkSeedResult).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { createCore } from '../../src/main/core/create-core';
import { seedLibrary } from './library-generator';

export interface ArtworkSeedResult {
  sessions: number;
  images: number;
  withArtwork: number;
  insertMs: number;
  imagesMs: number;
  artworkRowsMs: number;
}

/** Sides of the generated covers: all larger than the 160 px small thumbnail, none huge. */
const SIDES = [320, 480, 600, 800];

async function writeCover(path: string, index: number, side: number, format: 'png' | 'jpeg'): Promise<void> {
  // A small noisy pattern scaled up, different per image, so encoders and decoders do real work.
  const tile = Buffer.alloc(32 * 32 * 3);
  for (let i = 0; i < tile.length; i++) tile[i] = (i * 31 + index * 97 + ((i * i) % 251)) & 0xff;
  await sharp(tile, { raw: { width: 32, height: 32, channels: 3 } })
    .resize(side, side, { kernel: 'cubic' })
    .toFormat(format, format === 'jpeg' ? { quality: 85 } : {})
    .toFile(path);
}

async function main(): Promise<void> {
  const [dataDir, imagesDir, sessions, images, seed] = process.argv.slice(2);
  if (!dataDir || !imagesDir || !sessions || !images || !seed)
    throw new Error('usage: artwork-seed-child <dataDir> <imagesDir> <sessions> <images> <seed>');
  const imageCount = Number(images);
  const core = createCore({ dataDir, backgroundCheckDelayMs: null, artwork: { sweepDelayMs: null } });
  try {
    const seeded = seedLibrary(core, Number(sessions), Number(seed), {
      via: 'bulk',
      lastOpenedFraction: 0.3,
    });

    const imagesStarted = performance.now();
    mkdirSync(imagesDir, { recursive: true });
    const covers: { path: string; format: 'png' | 'jpeg'; side: number }[] = [];
    for (let i = 0; i < imageCount; i++) {
      const format = i % 2 === 0 ? 'jpeg' : 'png';
      const side = SIDES[i % SIDES.length]!;
      const path = join(imagesDir, `cover-${i}.${format === 'jpeg' ? 'jpg' : 'png'}`);
      await writeCover(path, i, side, format);
      covers.push({ path, format, side });
    }
    const imagesMs = performance.now() - imagesStarted;

    // Round-robin in one statement: session k (in seq order) gets cover k mod images.
    const rowsStarted = performance.now();
    const setAt = new Date('2025-01-01T00:00:00.000Z').toISOString();
    const withArtwork = core.db.transaction(() => {
      core.db.exec(
        'CREATE TEMP TABLE bench_covers (idx INTEGER PRIMARY KEY, path TEXT, format TEXT, side INTEGER)',
      );
      const insert = core.db.prepare(
        'INSERT INTO bench_covers (idx, path, format, side) VALUES (?, ?, ?, ?)',
      );
      covers.forEach((cover, i) => insert.run(i, cover.path, cover.format, cover.side));
      const result = core.db
        .prepare(
          `INSERT OR REPLACE INTO session_artwork (session_seq, source, path, format, width, height, set_at)
           SELECT s.seq, 'file', c.path, c.format, c.side, c.side, ?
           FROM (SELECT seq, row_number() OVER (ORDER BY seq) - 1 AS k FROM sessions) AS s
           JOIN bench_covers AS c ON c.idx = s.k % ?`,
        )
        .run(setAt, covers.length);
      core.db.exec('DROP TABLE bench_covers');
      return result.changes;
    })();
    const artworkRowsMs = performance.now() - rowsStarted;
    // What the app finds when it opens the library: the seed's WAL folded into the main file.
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const report: ArtworkSeedResult = {
      sessions: Number(sessions),
      images: covers.length,
      withArtwork,
      insertMs: seeded.insertMs,
      imagesMs,
      artworkRowsMs,
    };
    process.stdout.write(JSON.stringify(report) + '\n');
  } finally {
    core.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
