import { LIMITS } from '../../../shared/domain';
import { AppError, invalidInput } from '../../../shared/errors';
import { canonicalPath } from '../../../shared/validation/project-path';
import { isPlainObject } from '../../../shared/validation/text';
import { FORMATS_IN_WORDS } from './image-formats';
import { THUMBNAIL_SIZES, type ThumbnailSize } from './make-thumbnail';

/** An image pasted or dropped from memory is stored by SessionDock: at most this big. */
export const MAX_STORED_IMAGE_BYTES = 20 * 1024 * 1024;
/** A user's image file is only read, never copied, but thumbnails of bigger ones are not made. */
export const MAX_IMAGE_FILE_BYTES = 100 * 1024 * 1024;

const PATH_RULE = `path must be an absolute path to an image file (${FORMATS_IN_WORDS})`;

/** Body `{path}` of `PUT /sessions/{id}/artwork` (and the window's "choose an image"). */
export function parseArtworkPathBody(body: unknown): string {
  if (!isPlainObject(body)) throw invalidInput('body must be a JSON object with a path field');
  const unknown = Object.keys(body).filter((key) => key !== 'path');
  if (unknown.length > 0)
    throw invalidInput(`unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  return parseArtworkPath(body.path);
}

/** An absolute path in its canonical spelling (as previews and projects store theirs). */
export function parseArtworkPath(value: unknown): string {
  if (typeof value !== 'string') throw invalidInput(PATH_RULE);
  const trimmed = value.trim();
  if (trimmed.length > LIMITS.projectPathMax || trimmed.includes('\u0000')) {
    throw invalidInput(`${PATH_RULE}, at most ${LIMITS.projectPathMax} characters`);
  }
  const path = canonicalPath(trimmed);
  if (path === null) {
    if (trimmed.split(/[\\/]/).includes('..')) throw invalidInput("path must not contain '..' segments");
    throw invalidInput(PATH_RULE);
  }
  return path;
}

/** The bytes of an image pasted or dropped from memory, as the window sends them. */
export function parseImageBytes(value: unknown): Uint8Array {
  const bytes =
    value instanceof Uint8Array ? value : value instanceof ArrayBuffer ? new Uint8Array(value) : null;
  if (bytes === null) throw invalidInput(`image must be the bytes of a ${FORMATS_IN_WORDS} image`);
  if (bytes.byteLength === 0) throw invalidInput('image is empty');
  if (bytes.byteLength > MAX_STORED_IMAGE_BYTES) {
    throw new AppError(
      'payload_too_large',
      `image must be at most ${MAX_STORED_IMAGE_BYTES / 1024 / 1024} MiB (this one is ${megabytes(bytes.byteLength)})`,
    );
  }
  return bytes;
}

/** `?size=small|large`; absent or empty: large (the whole image, for a detail view). */
export function parseThumbnailSize(value: unknown): ThumbnailSize {
  if (value === undefined || value === '') return 'large';
  if (typeof value === 'string' && (THUMBNAIL_SIZES as readonly string[]).includes(value))
    return value as ThumbnailSize;
  throw invalidInput(`size must be one of ${THUMBNAIL_SIZES.join(', ')}`);
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
