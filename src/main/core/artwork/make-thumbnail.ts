import type { ResizeOptions } from 'sharp';
import { loadSharp, READ_OPTIONS } from './image-formats';

export const THUMBNAIL_SIZES = ['small', 'large'] as const;
export type ThumbnailSize = (typeof THUMBNAIL_SIZES)[number];

export const THUMBNAIL_MIME = 'image/webp';

/**
 * Small: a 160 px square (cropped from the centre) for list rows and grid cards, which show every
 * session's image in the same box. Large: the whole image within 640 × 640 for the detail panel.
 * Neither is ever enlarged. Changing these (or the encoding) changes THUMBNAIL_VERSION, so the
 * cached files and the ETags made before are no longer used.
 */
const RESIZE: Record<ThumbnailSize, ResizeOptions> = {
  small: { width: 160, height: 160, fit: 'cover', withoutEnlargement: true },
  large: { width: 640, height: 640, fit: 'inside', withoutEnlargement: true },
};

export const THUMBNAIL_VERSION = 1;

/**
 * One thumbnail as WebP bytes. sharp decodes, resizes and encodes in libuv's thread pool, so the
 * awaiting caller's event loop stays free; the image file is only read. EXIF orientation is
 * applied (a phone's portrait photo stays upright) and metadata is left out.
 */
export async function makeThumbnail(path: string, size: ThumbnailSize): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(path, { ...READ_OPTIONS, autoOrient: true })
    .resize(RESIZE[size])
    .webp({ quality: 80, effort: 2 })
    .toBuffer();
}
