import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import { AppError, invalidInput } from '../../../shared/errors';
import type { Logger } from '../adapters';
import type { Clock } from '../clock';
import type { GroupCommit } from '../db/group-commit';
import type { SessionsService } from '../sessions/sessions-service';
import {
  MAX_IMAGE_FILE_BYTES,
  megabytes,
  parseArtworkPathBody,
  parseImageBytes,
  parseThumbnailSize,
} from './artwork-input';
import { ArtworkStore, type ArtworkRow, type ArtworkSource } from './artwork-store';
import { findArtwork, type FoundArtwork } from './find-artwork';
import {
  FORMATS_IN_WORDS,
  NotArtworkError,
  readImageHeader,
  type ArtworkFormat,
  type ImageHeader,
} from './image-formats';
import { THUMBNAIL_MIME, type ThumbnailSize } from './make-thumbnail';
import { StoredImages } from './stored-images';
import {
  pathHash,
  ThumbnailCache,
  ThumbnailFailedError,
  type SourceFile,
  type ThumbnailCacheOptions,
} from './thumbnail-cache';

/** A session's artwork as both doors describe it (each adds its own URLs). */
export interface ArtworkRecord {
  sessionId: string;
  source: ArtworkSource;
  /** The user's image file, or null for an image SessionDock stored (pasted or dropped). */
  path: string | null;
  format: ArtworkFormat;
  width: number;
  height: number;
  setAt: string;
  /** Changes whenever the session's artwork is set: thumbnail URLs carry it, so a new image is a new URL. */
  version: string;
}

export type ArtworkStatus = 'ready' | 'missing' | 'unreadable';

/** A thumbnail answer: the bytes, or 304 when the caller's `If-None-Match` already names them. */
export type ThumbnailAnswer =
  { status: 200; etag: string; mime: string; body: Buffer } | { status: 304; etag: string };

export interface ThumbnailRequest {
  /** The request's If-None-Match header. */
  ifNoneMatch?: string;
  /** Fires when the caller went away: a thumbnail not yet started is then never made. */
  signal?: AbortSignal;
  /** The window's requests (a scrolled grid) may be dropped for newer ones; the API's never are. */
  droppable?: boolean;
}

export interface ArtworkServiceOptions {
  thumbnails?: ThumbnailCacheOptions;
  /**
   * Stored images and thumbnails no session uses any more are removed this long after start
   * (default 10 s). Null: never (tests call `sweep`). Not at all when the library had a problem at
   * start: a library moved aside still names its images.
   */
  sweepDelayMs?: number | null;
  skipSweep?: boolean;
}

/** Most sessions one `many` call answers for (the window asks per loaded chunk). */
export const ARTWORK_SUMMARIES_MAX = 1_000;
const SWEEP_PAGE = 2_000;

export function artworkNotFound(): AppError {
  return new AppError('artwork_not_found', 'artwork not found');
}

/**
 * A session's artwork (issue 13 §2) behind both doors: set from a user's image file (only ever
 * read) or from bytes pasted or dropped (stored in `<data dir>/artwork/`), found on import, removed;
 * and its thumbnails, made once per image file state and cached (ThumbnailCache). Setting checks
 * that the image really decodes (its small thumbnail is made then), so a bad file is refused
 * instead of stored. A stored image no session uses is removed when its artwork is removed or
 * replaced, and by the sweep after start (a deleted session's, once Undo can no longer bring it back).
 */
export class ArtworkService {
  readonly thumbnails: ThumbnailCache;
  readonly stored: StoredImages;
  private readonly store: ArtworkStore;
  private readonly db: Database;
  /** Stored images written but not yet referenced by a row: the sweep leaves them alone. */
  private readonly storing = new Map<string, number>();
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    db: Database,
    private readonly sessions: SessionsService,
    private readonly writes: GroupCommit,
    private readonly clock: Clock,
    private readonly logger: Logger,
    dataDir: string,
    options: ArtworkServiceOptions = {},
  ) {
    this.db = db;
    this.store = new ArtworkStore(db);
    this.thumbnails = new ThumbnailCache(dataDir, options.thumbnails);
    this.stored = new StoredImages(dataDir);
    const delay = options.sweepDelayMs === undefined ? 10_000 : options.sweepDelayMs;
    if (delay !== null && !options.skipSweep) {
      this.sweepTimer = setTimeout(() => {
        this.sweepTimer = null;
        this.sweep().catch((error: unknown) =>
          this.logger.warn('artwork sweep failed', { error: String(error) }),
        );
      }, delay);
      this.sweepTimer.unref();
    }
  }

  close(): void {
    if (this.sweepTimer !== null) clearTimeout(this.sweepTimer);
    this.sweepTimer = null;
  }

  /** The session's artwork, or null when it has none (unknown session: not_found). */
  get(sessionId: unknown): ArtworkRecord | null {
    const seq = this.sessions.requireSeq(sessionId);
    const row = this.store.get(seq);
    return row ? this.recordOf(sessionId as string, row) : null;
  }

  /** The artwork of each of these sessions that has one (unknown ids and sessions without are left out). */
  many(sessionIds: unknown): ArtworkRecord[] {
    if (
      !Array.isArray(sessionIds) ||
      sessionIds.length > ARTWORK_SUMMARIES_MAX ||
      !sessionIds.every((id) => typeof id === 'string')
    ) {
      throw invalidInput(`sessionIds must be an array of at most ${ARTWORK_SUMMARIES_MAX} session ids`);
    }
    return this.store.ofSessions(sessionIds).map((row) => this.recordOf(row.sessionId, row));
  }

  /**
   * Whether the image can be shown: `missing` when its file is gone, `unreadable` when a
   * thumbnail of it (as it is now) already failed, with the reason.
   */
  status(sessionId: unknown): { status: ArtworkStatus; message: string | null } {
    const row = this.requireRow(sessionId);
    const source = statSourceSync(this.absolutePath(row));
    if (!source) return { status: 'missing', message: missingMessage(row.source) };
    const failure =
      this.thumbnails.knownFailure(source, 'small') ?? this.thumbnails.knownFailure(source, 'large');
    return failure === null
      ? { status: 'ready', message: null }
      : { status: 'unreadable', message: `The artwork cannot be decoded: ${failure}` };
  }

  /** Body `{path}`: the user's image file becomes the session's artwork (the file is only read). */
  async setFromPath(sessionId: unknown, body: unknown): Promise<ArtworkRecord> {
    const path = parseArtworkPathBody(body);
    this.sessions.requireSeq(sessionId);
    const file = await statImage(path);
    const header = await this.checkImage(path, file, 'path');
    return this.set(sessionId, { source: 'file', path, ...header });
  }

  /** An image pasted or dropped from memory: checked, stored in the data folder, then set. */
  async setFromBytes(sessionId: unknown, image: unknown): Promise<ArtworkRecord> {
    const bytes = parseImageBytes(image);
    this.sessions.requireSeq(sessionId);
    let header: ImageHeader;
    try {
      header = await readImageHeader(bytes);
    } catch (error) {
      // Pasted or dropped data is not a file: say what it must be, not "image is not an image".
      if (error instanceof NotArtworkError) {
        throw invalidInput(
          error.message.startsWith('is not an image')
            ? `image must be the data of a ${FORMATS_IN_WORDS} image`
            : `image ${error.message}`,
        );
      }
      throw error;
    }
    const name = await this.stored.save(bytes, header.format);
    this.storing.set(name, (this.storing.get(name) ?? 0) + 1);
    try {
      const path = this.stored.pathOf(name);
      const file = await statImage(path);
      await this.checkImage(path, file, 'image');
      return await this.set(sessionId, { source: 'stored', path: name, ...header });
    } catch (error) {
      await this.removeStoredIfUnused(name, 1);
      throw error;
    } finally {
      const left = (this.storing.get(name) ?? 1) - 1;
      if (left > 0) this.storing.set(name, left);
      else this.storing.delete(name);
    }
  }

  /** Forgets the session's artwork; a stored image nothing else uses is removed, a user's file never. */
  async remove(sessionId: unknown): Promise<{ deleted: true; id: string }> {
    const seq = this.sessions.requireSeq(sessionId);
    const row = this.requireRow(sessionId);
    this.db.transaction(() => {
      this.store.remove(seq);
      this.sessions.touchSeq(seq);
    })();
    this.sessions.notifyUpdated(sessionId as string);
    if (row.source === 'stored') await this.removeStoredIfUnused(row.path);
    return { deleted: true, id: sessionId as string };
  }

  /** The artwork's thumbnail at `size` (`small` | `large`, default large), made once and cached. */
  async thumbnail(
    sessionId: unknown,
    sizeParam: unknown,
    request: ThumbnailRequest = {},
  ): Promise<ThumbnailAnswer> {
    const size: ThumbnailSize = parseThumbnailSize(sizeParam);
    const row = this.requireRow(sessionId);
    const path = this.absolutePath(row);
    const source = await stat(path).then(
      (stats) => (stats.isFile() ? { path, size: stats.size, mtimeMs: stats.mtimeMs } : null),
      () => null,
    );
    if (!source) throw new AppError('artwork_unreadable', missingMessage(row.source));
    const etag = this.thumbnails.etag(source, size);
    if (request.ifNoneMatch !== undefined && etagMatches(request.ifNoneMatch, etag))
      return { status: 304, etag };
    if (source.size > MAX_IMAGE_FILE_BYTES) {
      throw new AppError(
        'artwork_unreadable',
        `The artwork file is too large for a thumbnail: ${megabytes(source.size)} (at most ${megabytes(MAX_IMAGE_FILE_BYTES)}).`,
      );
    }
    try {
      const body = await this.thumbnails.get(source, size, request);
      return { status: 200, etag, mime: THUMBNAIL_MIME, body };
    } catch (error) {
      if (error instanceof ThumbnailFailedError)
        throw new AppError('artwork_unreadable', `The artwork cannot be decoded: ${error.message}`);
      throw error;
    }
  }

  /** For imports: the obvious image in the project's folder, or null. */
  findForProject(projectPath: string): Promise<FoundArtwork | null> {
    return findArtwork(projectPath);
  }

  /** For imports, inside their transaction: a found image, unless the session already has artwork. */
  attachFound(sessionSeq: number, found: FoundArtwork): void {
    this.store.setIfNone({
      sessionSeq,
      source: 'found',
      path: found.path,
      format: found.format,
      width: found.width,
      height: found.height,
      setAt: this.clock.now().toISOString(),
    });
  }

  /**
   * Removes stored images no session uses (a deleted session's: Undo cannot bring it back after a
   * restart), temporary files a crash left, and thumbnails of images no session has any more.
   */
  async sweep(): Promise<{ storedRemoved: number; thumbnailsRemoved: number }> {
    await this.stored.removeLeftovers();
    let storedRemoved = 0;
    for (const name of await this.stored.names()) {
      if (this.storing.has(name) || this.store.isStoredUsed(name)) continue;
      await this.stored.remove(name).catch(() => undefined);
      storedRemoved++;
    }
    const used = new Set<string>();
    for (let after = 0; ;) {
      const rows = this.store.page(after, SWEEP_PAGE);
      if (rows.length === 0) break;
      for (const row of rows) used.add(pathHash(this.absolutePath(row)));
      after = rows.at(-1)!.sessionSeq;
      // Hashing is quick, but a big library's worth would still be one long turn of the loop.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const thumbnailsRemoved = await this.thumbnails.sweep((hash) => used.has(hash));
    return { storedRemoved, thumbnailsRemoved };
  }

  private async set(
    sessionId: unknown,
    artwork: { source: ArtworkSource; path: string } & ImageHeader,
  ): Promise<ArtworkRecord> {
    // Checked again: the session may have been deleted while the image was being read.
    const seq = this.sessions.requireSeq(sessionId);
    const previous = this.store.get(seq);
    const row: ArtworkRow = { sessionSeq: seq, ...artwork, setAt: this.clock.now().toISOString() };
    this.db.transaction(() => {
      this.store.set(row);
      this.sessions.touchSeq(seq);
    })();
    this.sessions.notifyUpdated(sessionId as string);
    if (previous?.source === 'stored' && previous.path !== row.path)
      await this.removeStoredIfUnused(previous.path);
    return this.recordOf(sessionId as string, row);
  }

  /** Reads the header and makes the small thumbnail: a file that does not decode is refused. */
  private async checkImage(path: string, file: SourceFile, field: 'path' | 'image'): Promise<ImageHeader> {
    let header: ImageHeader;
    try {
      header = await readImageHeader(path);
    } catch (error) {
      if (error instanceof NotArtworkError) throw invalidInput(`${field} ${error.message}`);
      throw error;
    }
    try {
      await this.thumbnails.get(file, 'small');
    } catch (error) {
      if (error instanceof ThumbnailFailedError)
        throw invalidInput(`${field} cannot be decoded as an image: ${error.message}`);
      throw error;
    }
    return header;
  }

  /**
   * Removes a stored image once the write that stopped using it is on disk, if no session uses it
   * then (the same image may have been pasted into two sessions). `writers`: how many of this
   * process's own `setFromBytes` calls hold it, the caller's included.
   */
  private async removeStoredIfUnused(name: string, writers = 0): Promise<void> {
    try {
      await this.writes.durable();
    } catch {
      // The write was rolled back: the row still uses the image.
      return;
    }
    if ((this.storing.get(name) ?? 0) > writers || this.store.isStoredUsed(name)) return;
    await this.stored
      .remove(name)
      .catch((error: unknown) =>
        this.logger.warn('could not remove a stored artwork image', { name, error: String(error) }),
      );
  }

  private requireRow(sessionId: unknown): ArtworkRow {
    const row = this.store.get(this.sessions.requireSeq(sessionId));
    if (!row) throw artworkNotFound();
    return row;
  }

  private absolutePath(row: ArtworkRow): string {
    return row.source === 'stored' ? this.stored.pathOf(row.path) : row.path;
  }

  private recordOf(sessionId: string, row: ArtworkRow): ArtworkRecord {
    return {
      sessionId,
      source: row.source,
      path: row.source === 'stored' ? null : row.path,
      format: row.format,
      width: row.width,
      height: row.height,
      setAt: row.setAt,
      version: createHash('sha1')
        .update(`${row.source}\0${row.path}\0${row.setAt}`)
        .digest('hex')
        .slice(0, 12),
    };
  }
}

/** A file to make artwork of: it exists, is a file, and is not too big to decode. */
async function statImage(path: string): Promise<SourceFile> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw invalidInput('path does not exist');
    throw invalidInput(`path cannot be read (${code ?? 'error'})`);
  }
  if (stats.isDirectory()) throw invalidInput('path is a folder, not an image file');
  if (!stats.isFile()) throw invalidInput('path is not a file');
  if (stats.size > MAX_IMAGE_FILE_BYTES) {
    throw invalidInput(
      `path must be an image of at most ${megabytes(MAX_IMAGE_FILE_BYTES)} (this one is ${megabytes(stats.size)})`,
    );
  }
  return { path, size: stats.size, mtimeMs: stats.mtimeMs };
}

function statSourceSync(path: string): SourceFile | null {
  try {
    const stats = statSync(path);
    return stats.isFile() ? { path, size: stats.size, mtimeMs: stats.mtimeMs } : null;
  } catch {
    return null;
  }
}

function missingMessage(source: ArtworkSource): string {
  return source === 'stored'
    ? 'The stored artwork image is missing from the data folder.'
    : 'The artwork file is missing: it was moved or deleted.';
}

/** If-None-Match: `*`, or a list of tags (weak ones compared by their value, RFC 9110 §13.1.2). */
export function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
