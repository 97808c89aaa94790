// The artwork service on real images made with sharp: set by path (every format) and from bytes,
// refused input, thumbnails made once and remade when the file changes, ETags, missing and broken
// images, removal, cascade on delete and the sweep of what no session uses. User folders are
// hashed before and after: nothing is ever written there.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_STORED_IMAGE_BYTES } from '../../src/main/core/artwork/artwork-input';
import { etagMatches } from '../../src/main/core/artwork/artwork-service';
import { makeThumbnail, type ThumbnailSize } from '../../src/main/core/artwork/make-thumbnail';
import type { AppError } from '../../src/shared/errors';
import { createTempCore, recordEvents, type TempCore } from '../helpers/temp-core';
import { makeTempDir, removeTempDirs, snapshotTree } from '../scan/fixtures';
import { describeImage, FORMATS, imageBytes, writeImage } from './artwork-images';

let temp: TempCore;
let userDir: string;
let made: { path: string; size: ThumbnailSize }[];

beforeEach(async () => {
  made = [];
  temp = createTempCore({
    projectReader: null,
    peaksSource: null,
    artwork: {
      sweepDelayMs: null,
      thumbnails: {
        make: (path, size) => {
          made.push({ path, size });
          return makeThumbnail(path, size);
        },
      },
    },
  });
  userDir = await makeTempDir('sessiondock-artwork-');
});
afterEach(async () => {
  temp.cleanup();
  await removeTempDirs();
});

const newSession = (title = 'Song'): string => temp.core.sessions.create({ title }).id;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected the call to fail');
}

const storedFiles = (): string[] =>
  existsSync(join(temp.dir, 'artwork')) ? readdirSync(join(temp.dir, 'artwork')).sort() : [];

function thumbnailFiles(): string[] {
  const folder = join(temp.dir, 'thumbnails');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .flatMap((shard) => readdirSync(join(folder, shard)))
    .sort();
}

describe('artwork from a user file', () => {
  it.each(FORMATS)(
    '%s: set by path, thumbnails small (160 square) and large (within 640), file untouched',
    async (format) => {
      const id = newSession();
      const path = await writeImage(join(userDir, `cover.${format === 'jpeg' ? 'jpg' : format}`), format, {
        width: 1200,
        height: 800,
      });
      const before = await snapshotTree(userDir);
      const events = recordEvents(temp.core);

      const record = await temp.core.artwork.setFromPath(id, { path });
      expect(record).toMatchObject({ sessionId: id, source: 'file', path, format, width: 1200, height: 800 });
      expect(temp.core.artwork.get(id)).toEqual(record);
      // Setting artwork is a change to the session: updatedAt moves and the window hears of it.
      expect(events.events.map((event) => event.type)).toEqual(['session.updated']);

      const small = await temp.core.artwork.thumbnail(id, 'small');
      const large = await temp.core.artwork.thumbnail(id, 'large');
      if (small.status !== 200 || large.status !== 200) throw new Error('expected bytes');
      expect(small.mime).toBe('image/webp');
      expect(await describeImage(small.body)).toEqual({ format: 'webp', width: 160, height: 160 });
      expect(await describeImage(large.body)).toEqual({ format: 'webp', width: 640, height: 427 });
      expect(small.etag).not.toBe(large.etag);
      expect(await snapshotTree(userDir)).toEqual(before);
    },
  );

  it('never enlarges a small image; an animated GIF is shown by its first frame', async () => {
    const id = newSession();
    const path = await writeImage(join(userDir, 'tiny.png'), 'png', { width: 90, height: 60 });
    await temp.core.artwork.setFromPath(id, { path });
    const small = await temp.core.artwork.thumbnail(id, 'small');
    const large = await temp.core.artwork.thumbnail(id, 'large');
    if (small.status !== 200 || large.status !== 200) throw new Error('expected bytes');
    expect(await describeImage(small.body)).toMatchObject({ width: 90, height: 60 });
    expect(await describeImage(large.body)).toMatchObject({ width: 90, height: 60 });

    const sharp = (await import('sharp')).default;
    const frame = (r: number) =>
      sharp({ create: { width: 300, height: 200, channels: 3, background: { r, g: 0, b: 0 } } })
        .png()
        .toBuffer();
    const animated = await sharp([await frame(255), await frame(0)], { join: { animated: true } })
      .gif()
      .toBuffer();
    const gif = join(userDir, 'anim.gif');
    writeFileSync(gif, animated);
    const other = newSession('Animated');
    expect(await temp.core.artwork.setFromPath(other, { path: gif })).toMatchObject({
      width: 300,
      height: 200,
    });
    const thumb = await temp.core.artwork.thumbnail(other, 'large');
    if (thumb.status !== 200) throw new Error('expected bytes');
    expect(await describeImage(thumb.body)).toEqual({ format: 'webp', width: 300, height: 200 });
    const { data } = await sharp(thumb.body).raw().toBuffer({ resolveWithObject: true });
    // The first frame is red.
    expect(data[0]).toBeGreaterThan(200);
  });

  it('refuses what is not an absolute path to an existing image file, naming the rule', async () => {
    const id = newSession();
    const text = join(userDir, 'notes.png');
    writeFileSync(text, 'not an image at all');
    const svg = join(userDir, 'logo.svg');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const tiff = join(userDir, 'scan.tiff');
    writeFileSync(
      tiff,
      await (
        await import('sharp')
      )
        .default({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
        .tiff()
        .toBuffer(),
    );
    // Sparse, in a folder of its own: hashing 101 MiB twice would only slow the test.
    const huge = join(await makeTempDir('sessiondock-artwork-huge-'), 'huge.png');
    writeFileSync(huge, await imageBytes('png'));
    truncateSync(huge, 101 * 1024 * 1024);
    const truncated = join(userDir, 'cut.png');
    writeFileSync(truncated, (await imageBytes('png', { width: 800, height: 800 })).subarray(0, 600));
    mkdirSync(join(userDir, 'folder.png'));
    const before = await snapshotTree(userDir);

    const cases: [unknown, RegExp][] = [
      [
        { path: 'relative/cover.png' },
        /^path must be an absolute path to an image file \(PNG, JPEG, WebP or GIF\)$/,
      ],
      [{ path: `${userDir}/../x/cover.png` }, /^path must not contain '\.\.' segments$/],
      [{ path: 42 }, /^path must be an absolute path to an image file/],
      [{}, /^path must be an absolute path to an image file/],
      [{ path: join(userDir, 'nothing.png') }, /^path does not exist$/],
      [{ path: join(userDir, 'folder.png') }, /^path is a folder, not an image file$/],
      [{ path: text }, /^path is not an image \(PNG, JPEG, WebP or GIF\)$/],
      [{ path: svg }, /^path must be a PNG, JPEG, WebP or GIF image \(this one is SVG\)$/],
      [{ path: tiff }, /^path must be a PNG, JPEG, WebP or GIF image \(this one is TIFF\)$/],
      [{ path: huge }, /^path must be an image of at most 100\.0 MiB \(this one is 101\.0 MiB\)$/],
      [{ path: truncated }, /^path cannot be decoded as an image: vipspng: /],
      [{ path: text, name: 'x' }, /^unknown field: name$/],
      ['a string', /^body must be a JSON object with a path field$/],
    ];
    for (const [body, message] of cases) {
      const error = await rejection(temp.core.artwork.setFromPath(id, body));
      expect(error.code, JSON.stringify(body)).toBe('invalid_input');
      expect(error.message, JSON.stringify(body)).toMatch(message);
    }
    expect(temp.core.artwork.get(id)).toBeNull();
    expect((await rejection(temp.core.artwork.setFromPath('session_nope', { path: text }))).code).toBe(
      'not_found',
    );
    expect(await snapshotTree(userDir)).toEqual(before);
  });

  it('makes each thumbnail once, serves it from the cache, and makes it again when the file changes', async () => {
    const id = newSession();
    const path = await writeImage(join(userDir, 'cover.jpg'), 'jpeg');
    await temp.core.artwork.setFromPath(id, { path });
    // Setting made the small one (it proves the image decodes).
    expect(made).toEqual([{ path, size: 'small' }]);
    const first = await temp.core.artwork.thumbnail(id, 'small');
    await temp.core.artwork.thumbnail(id, 'small');
    await temp.core.artwork.thumbnail(id, 'large');
    await temp.core.artwork.thumbnail(id, 'large');
    expect(made).toEqual([
      { path, size: 'small' },
      { path, size: 'large' },
    ]);
    expect(thumbnailFiles()).toHaveLength(2);

    // The same bytes survive a restart: a new core on the same data folder reads the cache.
    const cachedFirst = first.status === 200 ? first.body : null;
    expect(cachedFirst).not.toBeNull();

    await writeImage(path, 'jpeg', { color: { r: 10, g: 200, b: 30 }, width: 500 });
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    const changed = await temp.core.artwork.thumbnail(id, 'small');
    expect(made).toHaveLength(3);
    expect(changed.etag).not.toBe(first.etag);
    if (changed.status !== 200) throw new Error('expected bytes');
    expect(changed.body.equals(cachedFirst!)).toBe(false);
    // The changed file's old small thumbnail was removed when the new one was written.
    expect(thumbnailFiles()).toHaveLength(2);
  });

  it('answers 304 for a matching If-None-Match (any tag of a list, weak or *) without making anything', async () => {
    const id = newSession();
    const path = await writeImage(join(userDir, 'cover.png'), 'png');
    await temp.core.artwork.setFromPath(id, { path });
    const answer = await temp.core.artwork.thumbnail(id, 'large');
    made.length = 0;
    for (const header of [answer.etag, `"other", ${answer.etag}`, `W/${answer.etag}`, '*']) {
      expect(await temp.core.artwork.thumbnail(id, 'large', { ifNoneMatch: header })).toEqual({
        status: 304,
        etag: answer.etag,
      });
    }
    expect((await temp.core.artwork.thumbnail(id, 'large', { ifNoneMatch: '"stale"' })).status).toBe(200);
    expect(made).toEqual([]);
    expect(etagMatches('"a" , "b"', '"b"')).toBe(true);
    expect(etagMatches('"a"', '"b"')).toBe(false);
  });

  it('a missing or broken image keeps its reference and answers artwork_unreadable; the status says which', async () => {
    const id = newSession();
    const path = await writeImage(join(userDir, 'cover.webp'), 'webp');
    await temp.core.artwork.setFromPath(id, { path });
    expect(temp.core.artwork.status(id)).toEqual({ status: 'ready', message: null });

    rmSync(path);
    const missing = await rejection(temp.core.artwork.thumbnail(id, 'small'));
    expect(missing).toMatchObject({
      code: 'artwork_unreadable',
      message: 'The artwork file is missing: it was moved or deleted.',
    });
    expect(temp.core.artwork.status(id).status).toBe('missing');
    expect(temp.core.artwork.get(id)).toMatchObject({ path });

    writeFileSync(path, 'RIFF....WEBPVP8 broken');
    made.length = 0;
    const broken = await rejection(temp.core.artwork.thumbnail(id, 'large'));
    expect(broken.code).toBe('artwork_unreadable');
    expect(broken.message).toMatch(/^The artwork cannot be decoded: /);
    // The failure is remembered for this state of the file: a scrolled grid does not decode it again.
    await rejection(temp.core.artwork.thumbnail(id, 'large'));
    expect(made).toHaveLength(1);
    expect(temp.core.artwork.status(id)).toMatchObject({ status: 'unreadable' });
    expect(temp.core.artwork.get(id)).toMatchObject({ path });
  });

  it('size must be small or large (default large); no artwork is 404 artwork_not_found', async () => {
    const id = newSession();
    expect(await rejection(temp.core.artwork.thumbnail(id, 'small'))).toMatchObject({
      code: 'artwork_not_found',
      message: 'artwork not found',
    });
    expect(await rejection(temp.core.artwork.thumbnail('session_nope', 'small'))).toMatchObject({
      code: 'not_found',
    });
    const path = await writeImage(join(userDir, 'a.png'), 'png', { width: 1000, height: 1000 });
    await temp.core.artwork.setFromPath(id, { path });
    expect(await rejection(temp.core.artwork.thumbnail(id, 'huge'))).toMatchObject({
      code: 'invalid_input',
      message: 'size must be one of small, large',
    });
    const byDefault = await temp.core.artwork.thumbnail(id, undefined);
    if (byDefault.status !== 200) throw new Error('expected bytes');
    expect(await describeImage(byDefault.body)).toMatchObject({ width: 640, height: 640 });
  });
});

describe('artwork from memory (pasted or dropped bytes)', () => {
  it('stores the image once under its hash, in the data folder, and serves its thumbnails', async () => {
    const [a, b] = [newSession('A'), newSession('B')];
    const bytes = await imageBytes('png');
    const record = await temp.core.artwork.setFromBytes(a, bytes);
    expect(record).toMatchObject({ source: 'stored', path: null, format: 'png', width: 400, height: 300 });
    await temp.core.artwork.setFromBytes(b, new Uint8Array(bytes).buffer);
    expect(storedFiles()).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.png$/)]);
    expect(readFileSync(join(temp.dir, 'artwork', storedFiles()[0]!)).equals(bytes)).toBe(true);
    expect((await temp.core.artwork.thumbnail(b, 'small')).status).toBe(200);
  });

  it('refuses what is not an image, empty or over 20 MiB; nothing is stored', async () => {
    const id = newSession();
    const broken = (await imageBytes('jpeg', { width: 900, height: 900 })).subarray(0, 500);
    const cases: [unknown, string, RegExp][] = [
      [Buffer.from('hello'), 'invalid_input', /^image must be the data of a PNG, JPEG, WebP or GIF image$/],
      [new Uint8Array(0), 'invalid_input', /^image is empty$/],
      ['base64...', 'invalid_input', /^image must be the bytes of a PNG, JPEG, WebP or GIF image$/],
      [
        Buffer.alloc(MAX_STORED_IMAGE_BYTES + 1),
        'payload_too_large',
        /^image must be at most 20 MiB \(this one is 20\.0 MiB\)$/,
      ],
      [
        broken,
        'invalid_input',
        /^image cannot be decoded as an image: VipsJpeg: premature end of JPEG image$/,
      ],
    ];
    for (const [bytes, code, message] of cases) {
      const error = await rejection(temp.core.artwork.setFromBytes(id, bytes));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect(storedFiles()).toEqual([]);
    expect(temp.core.artwork.get(id)).toBeNull();
  });

  it('removing or replacing removes the stored image once no session uses it; a user file never', async () => {
    const [a, b] = [newSession('A'), newSession('B')];
    const shared = await imageBytes('gif');
    await temp.core.artwork.setFromBytes(a, shared);
    await temp.core.artwork.setFromBytes(b, shared);
    expect(storedFiles()).toHaveLength(1);
    expect(await temp.core.artwork.remove(a)).toEqual({ deleted: true, id: a });
    expect(storedFiles()).toHaveLength(1);

    // B's image replaced by another stored one: the first is used by nobody now.
    await temp.core.artwork.setFromBytes(b, await imageBytes('webp'));
    expect(storedFiles()).toEqual([expect.stringMatching(/\.webp$/)]);
    // Replaced by a user's file: the stored one goes, the user's file stays when removed.
    const path = await writeImage(join(userDir, 'cover.png'), 'png');
    const before = await snapshotTree(userDir);
    await temp.core.artwork.setFromPath(b, { path });
    expect(storedFiles()).toEqual([]);
    await temp.core.artwork.remove(b);
    expect(await snapshotTree(userDir)).toEqual(before);
    expect(temp.core.artwork.get(b)).toBeNull();
    expect(await rejection(temp.core.artwork.remove(b))).toMatchObject({ code: 'artwork_not_found' });
  });
});

describe('deleting sessions and the sweep', () => {
  it('a deleted session loses its artwork (cascade); the sweep then removes its stored image and thumbnails', async () => {
    const [gone, kept] = [newSession('Gone'), newSession('Kept')];
    await temp.core.artwork.setFromBytes(gone, await imageBytes('png', { color: { r: 1, g: 2, b: 3 } }));
    const path = await writeImage(join(userDir, 'cover.png'), 'png');
    await temp.core.artwork.setFromPath(kept, { path });
    await temp.core.artwork.thumbnail(gone, 'large');
    expect(thumbnailFiles()).toHaveLength(3);

    temp.core.sessions.delete(gone);
    expect(temp.core.db.prepare('SELECT count(*) AS n FROM session_artwork').get()).toEqual({ n: 1 });
    // Kept until the sweep (the window's Undo of a delete within this run).
    expect(storedFiles()).toHaveLength(1);
    writeFileSync(join(temp.dir, 'artwork', `${'a'.repeat(64)}.png.0123456789ab.tmp`), 'left by a crash');
    writeFileSync(join(temp.dir, 'artwork', 'README.txt'), 'not ours: never touched');

    expect(await temp.core.artwork.sweep()).toEqual({ storedRemoved: 1, thumbnailsRemoved: 2 });
    expect(storedFiles()).toEqual(['README.txt']);
    expect(thumbnailFiles()).toHaveLength(1);
    expect((await temp.core.artwork.thumbnail(kept, 'small')).status).toBe(200);
  });

  it('runs by itself after start, and not at all when the library had a problem at start', async () => {
    const own = createTempCore({ projectReader: null, peaksSource: null, artwork: { sweepDelayMs: 20 } });
    try {
      mkdirSync(join(own.dir, 'artwork'));
      const orphan = join(own.dir, 'artwork', `${'b'.repeat(64)}.jpg`);
      writeFileSync(orphan, 'no session uses it');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(existsSync(orphan)).toBe(false);
    } finally {
      own.cleanup();
    }
    const skipped = createTempCore({
      projectReader: null,
      peaksSource: null,
      artwork: { sweepDelayMs: 20, skipSweep: true },
    });
    try {
      mkdirSync(join(skipped.dir, 'artwork'));
      const orphan = join(skipped.dir, 'artwork', `${'c'.repeat(64)}.jpg`);
      writeFileSync(orphan, 'kept');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(existsSync(orphan)).toBe(true);
    } finally {
      skipped.cleanup();
    }
  });
});

describe('many: the artwork of the sessions on screen', () => {
  it('answers the sessions that have artwork, with a version that changes when it is set again', async () => {
    const ids = [newSession('1'), newSession('2'), newSession('3')];
    const path = await writeImage(join(userDir, 'cover.png'), 'png');
    await temp.core.artwork.setFromPath(ids[0], { path });
    await temp.core.artwork.setFromBytes(ids[2], await imageBytes('jpeg'));
    const first = temp.core.artwork.many([...ids, 'session_unknown']);
    expect(first.map((record) => record.sessionId).sort()).toEqual([ids[0], ids[2]].sort());
    const before = first.find((record) => record.sessionId === ids[0])!.version;
    await temp.core.artwork.setFromPath(ids[0], { path });
    expect(temp.core.artwork.many([ids[0]])[0]!.version).not.toBe(before);
    expect(() => temp.core.artwork.many('nope')).toThrow(
      /sessionIds must be an array of at most 1000 session ids/,
    );
    expect(() => temp.core.artwork.many(Array(1001).fill('x'))).toThrow(/at most 1000/);
  });
});
