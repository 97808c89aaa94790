// Thumbnails are made in libuv's thread pool (sharp), never on the event loop: while 50 are made
// from big images, a 1 ms timer keeps firing. The longest gap between its ticks is printed; the
// bound asserted is generous (a loaded 2-core machine shares its cores with other work), and far
// below what decoding 50 images of 2400 × 1600 on the loop would take.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempCore, type TempCore } from '../helpers/temp-core';
import { makeTempDir, removeTempDirs } from '../scan/fixtures';
import { FORMATS, writeImage } from './artwork-images';

const IMAGES = 50;
/** Generous: the loop blocked by decoding would stall for seconds. */
const LONGEST_GAP_BOUND_MS = 200;

let temp: TempCore;
let sessionIds: string[];

beforeAll(async () => {
  temp = createTempCore({ projectReader: null, peaksSource: null, artwork: { sweepDelayMs: null } });
  const folder = await makeTempDir('sessiondock-artwork-loop-');
  sessionIds = [];
  for (let i = 0; i < IMAGES; i++) {
    const format = FORMATS[i % FORMATS.length]!;
    const path = await writeImage(join(folder, `cover-${i}.${format === 'jpeg' ? 'jpg' : format}`), format, {
      width: 2400,
      height: 1600,
      color: { r: (i * 37) % 256, g: (i * 91) % 256, b: 120 },
    });
    const id = temp.core.sessions.create({ title: `Song ${i}` }).id;
    // Stored straight in the table: setting by path would make (and so warm) the small thumbnail.
    temp.core.db
      .prepare(
        `INSERT INTO session_artwork (session_seq, source, path, format, width, height, set_at)
         VALUES (?, 'file', ?, ?, 2400, 1600, ?)`,
      )
      .run(temp.core.sessions.requireSeq(id), path, format, new Date().toISOString());
    sessionIds.push(id);
  }
}, 120_000);

afterAll(async () => {
  temp.cleanup();
  await removeTempDirs();
});

describe('thumbnails and the event loop', () => {
  it(`making ${IMAGES} thumbnails at once never stalls the loop for long`, async () => {
    let last = performance.now();
    let longest = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
    }, 1);
    const started = performance.now();
    const answers = await Promise.all(
      sessionIds.flatMap((id) => [
        temp.core.artwork.thumbnail(id, 'small'),
        temp.core.artwork.thumbnail(id, 'large'),
      ]),
    );
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    console.log(
      `artwork: ${answers.length} thumbnails from ${IMAGES} images of 2400x1600 in ${elapsed.toFixed(0)} ms ` +
        `(${((answers.length / elapsed) * 1000).toFixed(1)}/s); longest event-loop gap ${longest.toFixed(1)} ms over ${ticks} ticks`,
    );
    expect(ticks).toBeGreaterThan(10);
    expect(longest).toBeLessThan(LONGEST_GAP_BOUND_MS);
  }, 120_000);
});
