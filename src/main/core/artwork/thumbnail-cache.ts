import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LatestFirstQueue, type RunOptions } from './latest-first-queue';
import { makeThumbnail, THUMBNAIL_VERSION, type ThumbnailSize } from './make-thumbnail';

export const THUMBNAILS_FOLDER = 'thumbnails';

/** A source image as it is on disk now: a thumbnail made from it is good while these stay. */
export interface SourceFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** The image could not be decoded into a thumbnail; `message` says why, for a 422. */
export class ThumbnailFailedError extends Error {}

export interface ThumbnailCacheOptions {
  /** Thumbnails made at once (default 2: libuv's pool has 4 threads, file reads keep the others). */
  concurrency?: number;
  /** The window's requests waiting beyond this are dropped, oldest first (default 200). */
  maxWaiting?: number;
  /** Makes one thumbnail (default: sharp); tests count or slow it. */
  make?: (path: string, size: ThumbnailSize) => Promise<Buffer>;
}

/** Failures remembered so a broken image in a grid is not decoded again on every scroll. */
const FAILURES_KEPT = 5_000;

/**
 * Thumbnails made once and kept in `<data dir>/thumbnails/`, keyed by the image's path, size and
 * modification time (like waveforms): a changed file gets a new one, and the old one is removed
 * then. Files live in 256 shard folders by the path's hash, named
 * `<pathHash>-<size>-<sourceKey>.webp`; each is written to a temporary name and renamed, so a
 * reader never sees half a file. At most `concurrency` thumbnails are made at once, newest request
 * first (see LatestFirstQueue).
 */
export class ThumbnailCache {
  readonly folder: string;
  private readonly queue: LatestFirstQueue;
  private readonly make: (path: string, size: ThumbnailSize) => Promise<Buffer>;
  private readonly failures = new Map<string, string>();

  constructor(dataDir: string, options: ThumbnailCacheOptions = {}) {
    this.folder = join(dataDir, THUMBNAILS_FOLDER);
    this.queue = new LatestFirstQueue(options.concurrency ?? 2, options.maxWaiting ?? 200);
    this.make = options.make ?? makeThumbnail;
  }

  /** The ETag of this source's thumbnail at this size: it changes when the file does. */
  etag(source: SourceFile, size: ThumbnailSize): string {
    return `"t${THUMBNAIL_VERSION}-${size}-${sourceKey(source)}"`;
  }

  /** A failure already seen for this very file (unchanged since), or null. */
  knownFailure(source: SourceFile, size: ThumbnailSize): string | null {
    return this.failures.get(`${sourceKey(source)}-${size}`) ?? null;
  }

  /**
   * The thumbnail's bytes: from the cache, or made now (queued). Rejects with
   * ThumbnailFailedError for an image that cannot be decoded, JobDroppedError or JobAbortedError
   * when the request was dropped or went away first.
   */
  async get(source: SourceFile, size: ThumbnailSize, options: RunOptions = {}): Promise<Buffer> {
    const file = this.fileOf(source, size);
    const cached = await readFile(file).catch(() => null);
    if (cached) return cached;
    const failureKey = `${sourceKey(source)}-${size}`;
    const failure = this.failures.get(failureKey);
    if (failure !== undefined) throw new ThumbnailFailedError(failure);
    return this.queue.run(failureKey, () => this.makeAndStore(source, size, file, failureKey), options);
  }

  /** Counts for tests and the bench. */
  queueCounts(): { waiting: number; running: number } {
    return this.queue.counts();
  }

  /**
   * Removes thumbnails of images no longer used: `keep` answers whether a path hash (see
   * `pathHash`) belongs to an image some session still has.
   */
  async sweep(keep: (pathHash: string) => boolean): Promise<number> {
    let removed = 0;
    const shards = await readdir(this.folder).catch(() => [] as string[]);
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      const names = await readdir(join(this.folder, shard)).catch(() => [] as string[]);
      for (const name of names) {
        const hash = /^([0-9a-f]{40})-/.exec(name)?.[1];
        if (hash && keep(hash)) continue;
        await rm(join(this.folder, shard, name), { force: true }).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }

  private async makeAndStore(
    source: SourceFile,
    size: ThumbnailSize,
    file: string,
    failureKey: string,
  ): Promise<Buffer> {
    // Made by a request that shared this run, or by one just before it.
    const cached = await readFile(file).catch(() => null);
    if (cached) return cached;
    let bytes: Buffer;
    try {
      bytes = await this.make(source.path, size);
    } catch (error) {
      // Gone between the caller's stat and the decoding: not this file's fault, not remembered.
      if (!existsSync(source.path)) throw new ThumbnailFailedError('the image file is missing');
      const message = describeFailure(error);
      this.rememberFailure(failureKey, message);
      throw new ThumbnailFailedError(message);
    }
    await this.store(source, size, file, bytes);
    return bytes;
  }

  /** Writes the thumbnail, then removes this image's older ones at this size (a changed file's). */
  private async store(source: SourceFile, size: ThumbnailSize, file: string, bytes: Buffer): Promise<void> {
    const shard = join(file, '..');
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(shard, { recursive: true, mode: 0o700 });
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    } catch {
      // A full disk or a read-only data folder costs only the cache: the thumbnail is still sent.
      await rm(temporary, { force: true }).catch(() => undefined);
      return;
    }
    const prefix = `${pathHash(source.path)}-${size}-`;
    const current = file.slice(shard.length + 1);
    for (const name of await readdir(shard).catch(() => [] as string[])) {
      if (name.startsWith(prefix) && name !== current && name.endsWith('.webp'))
        await rm(join(shard, name), { force: true }).catch(() => undefined);
    }
  }

  private rememberFailure(key: string, message: string): void {
    this.failures.delete(key);
    this.failures.set(key, message);
    if (this.failures.size > FAILURES_KEPT) this.failures.delete(this.failures.keys().next().value!);
  }

  private fileOf(source: SourceFile, size: ThumbnailSize): string {
    const hash = pathHash(source.path);
    return join(this.folder, hash.slice(0, 2), `${hash}-${size}-${sourceKey(source)}.webp`);
  }
}

/** The hash naming a source path's thumbnails (SHA-1: a name, not a secret). */
export function pathHash(path: string): string {
  return createHash('sha1').update(path).digest('hex');
}

/** What identifies one state of a source file: its path, size and modification time. */
function sourceKey(source: SourceFile): string {
  return createHash('sha1')
    .update(`${THUMBNAIL_VERSION}\0${source.path}\0${source.size}\0${source.mtimeMs}`)
    .digest('hex')
    .slice(0, 20);
}

/** libvips' messages name the file and its internals; the first line says what went wrong. */
function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n')[0]!.trim();
  if (/unsupported image format/i.test(first)) return 'the file is not an image SessionDock can read';
  return first.length > 0 && first.length <= 300 ? first : 'the image cannot be decoded';
}
