// Real images for the artwork tests, made with sharp in the test itself (no fixtures on disk).
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import type { ArtworkFormat } from '../../src/main/core/artwork/image-formats';

export const FORMATS: readonly ArtworkFormat[] = ['png', 'jpeg', 'webp', 'gif'];

export interface ImageOptions {
  width?: number;
  height?: number;
  /** Fill colour; a different colour makes different bytes. */
  color?: { r: number; g: number; b: number };
}

/** A solid image with a lighter square in it (so resizing has something to keep), encoded as asked. */
export async function imageBytes(format: ArtworkFormat, options: ImageOptions = {}): Promise<Buffer> {
  const width = options.width ?? 400;
  const height = options.height ?? 300;
  const color = options.color ?? { r: 200, g: 40, b: 90 };
  const square = await sharp({
    create: {
      width: Math.max(1, Math.floor(width / 3)),
      height: Math.max(1, Math.floor(height / 3)),
      channels: 3,
      background: { r: 250, g: 250, b: 250 },
    },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: color } })
    .composite([{ input: square, top: Math.floor(height / 3), left: Math.floor(width / 3) }])
    .toFormat(format)
    .toBuffer();
}

export async function writeImage(
  path: string,
  format: ArtworkFormat,
  options?: ImageOptions,
): Promise<string> {
  writeFileSync(path, await imageBytes(format, options));
  return path;
}

/** What a thumbnail's bytes are: format and dimensions, read back with sharp. */
export async function describeImage(
  bytes: Buffer,
): Promise<{ format: string; width: number; height: number }> {
  const metadata = await sharp(bytes).metadata();
  return { format: metadata.format as string, width: metadata.width!, height: metadata.height! };
}
