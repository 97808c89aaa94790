import type { Metadata, SharpOptions } from 'sharp';
import type SharpModule from 'sharp';

/** The image formats a session's artwork may be, as sharp names them. */
export const ARTWORK_FORMATS = ['png', 'jpeg', 'webp', 'gif'] as const;
export type ArtworkFormat = (typeof ARTWORK_FORMATS)[number];

/** The extensions an artwork file may have, lower case, with the format each names. */
export const ARTWORK_EXTENSIONS: Readonly<Record<string, ArtworkFormat>> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.webp': 'webp',
  '.gif': 'gif',
};

/** The extension a stored image gets for its format. */
export const EXTENSION_OF_FORMAT: Readonly<Record<ArtworkFormat, string>> = {
  png: '.png',
  jpeg: '.jpg',
  webp: '.webp',
  gif: '.gif',
};

export const FORMATS_IN_WORDS = 'PNG, JPEG, WebP or GIF';

/**
 * How sharp reads every image here: 'error' refuses broken or truncated pixel data (bad metadata
 * is always refused) but not mere warnings, which images out of the wild often carry. One page:
 * an animated GIF or WebP is shown by its first frame.
 */
export const READ_OPTIONS = { failOn: 'error', pages: 1 } as const satisfies SharpOptions;

let loading: Promise<typeof SharpModule> | null = null;

/**
 * sharp (libvips) loaded the first time an image is read: loading it costs ~150 ms, which every
 * start would pay (the window's and headless) for artwork it may never show.
 */
export function loadSharp(): Promise<typeof SharpModule> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    // libvips' operation cache would keep up to 20 user files open between requests (on Windows an
    // open file cannot be renamed or deleted by its owner) and decoded pixels in memory: thumbnails
    // are cached on disk instead.
    sharp.cache(false);
    return sharp;
  });
  return loading;
}

export interface ImageHeader {
  format: ArtworkFormat;
  width: number;
  height: number;
}

/** Why a file or a buffer is not artwork, in words for an invalid_input message. */
export class NotArtworkError extends Error {}

/**
 * Reads an image's header (no pixels): its format must be one of ARTWORK_FORMATS. Anything else
 * (not an image, SVG, TIFF, HEIF…) is a NotArtworkError whose message names what was found.
 */
export async function readImageHeader(input: string | Uint8Array): Promise<ImageHeader> {
  const sharp = await loadSharp();
  let metadata: Metadata;
  try {
    metadata = await sharp(input, READ_OPTIONS).metadata();
  } catch {
    throw new NotArtworkError(`is not an image (${FORMATS_IN_WORDS})`);
  }
  const format = String(metadata.format ?? 'unknown');
  if (!(ARTWORK_FORMATS as readonly string[]).includes(format)) {
    throw new NotArtworkError(`must be a ${FORMATS_IN_WORDS} image (this one is ${format.toUpperCase()})`);
  }
  if (!metadata.width || !metadata.height) throw new NotArtworkError('is an image without dimensions');
  // An animated image reports the height of all its frames stacked: one frame is what is shown.
  const height = metadata.pageHeight ?? metadata.height;
  return { format: format as ArtworkFormat, width: metadata.width, height };
}

export function isArtworkFileName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && Object.hasOwn(ARTWORK_EXTENSIONS, name.slice(dot).toLowerCase());
}
