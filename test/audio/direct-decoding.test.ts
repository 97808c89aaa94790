/**
 * FLAC and MP3 are decoded by driving the WASM decoders' functions directly (flac-direct.ts,
 * mp3-direct.ts). The packages' public `decode()` is the reference: with the direct paths switched
 * off (as they are when a package's internals change shape), every file must give the same result,
 * bit for bit — the fixtures, the shared corpus, and cut or damaged copies. And the direct paths
 * must really be taken, or a package update would silently make peaks slower.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FLACDecoder } from '@wasm-audio-decoders/flac';
import type { MPEGDecoder } from 'mpg123-decoder';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { computePeaks, openDecoder, type PeaksResult } from '../../src/main/core/audio';
import { AudioFile } from '../../src/main/core/audio/audio-file';
import type * as FlacDirect from '../../src/main/core/audio/flac-direct';
import { DirectFlacFrames, flacInternals } from '../../src/main/core/audio/flac-direct';
import type * as Mp3Direct from '../../src/main/core/audio/mp3-direct';
import { DirectMpegDecoder } from '../../src/main/core/audio/mp3-direct';
import { noise } from './audio-writers';
import { flacFrames, framesOutside, keepFrames } from './flac-frame-map';
import { encodeFlac } from './flac-writer';
import { audioTempDir, expectSamePcm, FIXTURES, muteDecoderErrors } from './helpers';

const toggle = vi.hoisted(() => ({ direct: true, mpegDirect: 0 }));

vi.mock('../../src/main/core/audio/flac-direct', async (importOriginal) => {
  const actual = await importOriginal<typeof FlacDirect>();
  return {
    ...actual,
    flacInternals: (decoder: FLACDecoder) => (toggle.direct ? actual.flacInternals(decoder) : null),
  };
});

vi.mock('../../src/main/core/audio/mp3-direct', async (importOriginal) => {
  const actual = await importOriginal<typeof Mp3Direct>();
  return {
    ...actual,
    DirectMpegDecoder: {
      of: (decoder: MPEGDecoder) => {
        if (!toggle.direct) return null;
        const direct = actual.DirectMpegDecoder.of(decoder);
        if (direct !== null) toggle.mpegDirect++;
        return direct;
      },
    },
  };
});

const temp = audioTempDir();
afterAll(() => temp.cleanup());

// The WASM decoders console.error every damaged frame; those lines are expected here.
beforeAll(muteDecoderErrors);

const CORPUS_AUDIO = fileURLToPath(new URL('../../../shared/corpus/audio/', import.meta.url));

function filesIn(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name))
    .map((name) => join(dir, name))
    .sort();
}

type Outcome = PeaksResult | { error: string };

async function outcome(path: string, points: number, chunkBytes?: number): Promise<Outcome> {
  try {
    return await computePeaks(path, { points, chunkBytes });
  } catch (error) {
    return { error: `${(error as { reason?: string }).reason ?? ''} ${(error as Error).message}` };
  }
}

/** The whole decoded stream, channel by channel (the test files are small). */
async function decodeAll(path: string, chunkBytes?: number): Promise<Float32Array[] | string> {
  let decoder;
  try {
    decoder = await openDecoder(path, chunkBytes);
  } catch (error) {
    return (error as Error).message;
  }
  try {
    const parts: Float32Array[][] = [];
    for await (const chunk of decoder.chunks())
      parts.push(chunk.channelData.map((channel) => channel.slice(0, chunk.frames)));
    const channels = parts[0]?.length ?? 0;
    return Array.from({ length: channels }, (_, ch) => {
      const whole = new Float32Array(parts.reduce((sum, part) => sum + part[ch]!.length, 0));
      let at = 0;
      for (const part of parts) {
        whole.set(part[ch]!, at);
        at += part[ch]!.length;
      }
      return whole;
    });
  } catch (error) {
    return (error as Error).message;
  } finally {
    await decoder.close();
  }
}

/** A FLAC frame holds at most 65,535 samples per channel. */
const MAX_FLAC_FRAME = 65_535;

/**
 * Same PCM and same peaks both ways — except that the package's parser drops a complete last frame
 * when anything follows it (a tag, a cut frame: its CRC-16 check then spans those bytes too), which
 * the direct path decodes. So for FLAC the reference must be a prefix of the direct stream, at most
 * one frame shorter; MP3 must match exactly.
 */
async function expectSameBothWays(path: string, points = 1000, chunkBytes?: number): Promise<void> {
  toggle.direct = true;
  const direct = await outcome(path, points, chunkBytes);
  const directPcm = await decodeAll(path, chunkBytes);
  toggle.direct = false;
  const reference = await outcome(path, points, chunkBytes);
  const referencePcm = await decodeAll(path, chunkBytes);
  toggle.direct = true;
  if (typeof referencePcm === 'string' || typeof directPcm === 'string') {
    expect(direct).toEqual(reference);
    return;
  }
  expect(directPcm.length).toBe(referencePcm.length);
  const extra = (directPcm[0]?.length ?? 0) - (referencePcm[0]?.length ?? 0);
  if (extra === 0) {
    expect(direct).toEqual(reference);
    expect(directPcm).toEqual(referencePcm);
    return;
  }
  expect(path).toMatch(/\.flac$/);
  expect(extra).toBeGreaterThan(0);
  expect(extra).toBeLessThanOrEqual(MAX_FLAC_FRAME);
  directPcm.forEach((channel, ch) =>
    expect(channel.subarray(0, referencePcm[ch]!.length)).toEqual(referencePcm[ch]),
  );
  if ('error' in direct) throw new Error(`direct path failed: ${direct.error}`);
  if (!('error' in reference)) expect(direct.durationSeconds).toBeGreaterThan(reference.durationSeconds);
}

const FLAC_FIXTURES = filesIn(FIXTURES, /\.flac$/i);
const MP3_FIXTURES = filesIn(FIXTURES, /\.mp3$/i);
const CORPUS_FLAC = filesIn(CORPUS_AUDIO, /\.flac$/i);
const CORPUS_MP3 = filesIn(CORPUS_AUDIO, /\.mp3$/i);

describe('the direct paths are taken', () => {
  test.each(FLAC_FIXTURES)('FLAC %s: decoded frame by frame to its end, no fallback', async (path) => {
    const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
    const decoder = new FLACDecoder();
    await decoder.ready;
    const file = await AudioFile.open(path);
    try {
      const wasm = flacInternals(decoder);
      expect(wasm).not.toBeNull();
      const direct = new DirectFlacFrames(file, 0, 1 << 20, 2, wasm!, () =>
        Promise.reject(new Error('a clean file needs no fresh decoder')),
      );
      let frames = 0;
      for await (const chunk of direct.frames()) frames += chunk.frames;
      expect(direct.stoppedAt).toBeNull();
      expect(frames).toBeGreaterThan(0);
    } finally {
      decoder.free();
      await file.close();
    }
  });

  test('MP3: the decoder has the shape the direct path needs', async () => {
    const { MPEGDecoder } = await import('mpg123-decoder');
    const decoder = new MPEGDecoder();
    await decoder.ready;
    try {
      expect(DirectMpegDecoder.of(decoder)).not.toBeNull();
    } finally {
      decoder.free();
    }
    const before = toggle.mpegDirect;
    await computePeaks(MP3_FIXTURES[0]!);
    expect(toggle.mpegDirect).toBe(before + 1);
  });
});

describe('direct and public decoding give the same peaks', () => {
  test.each([...FLAC_FIXTURES, ...MP3_FIXTURES])(
    'fixture %s, 1000 and 37 points, small reads',
    async (path) => {
      await expectSameBothWays(path);
      await expectSameBothWays(path, 37, 4096);
    },
  );

  test.skipIf(CORPUS_FLAC.length + CORPUS_MP3.length === 0).each([...CORPUS_FLAC, ...CORPUS_MP3])(
    'corpus %s',
    async (path) => {
      await expectSameBothWays(path);
    },
    30_000,
  );

  test.each(FLAC_FIXTURES)('%s cut short at 10 %%, 35 %%, 60 %%, 99.9 %%', async (path) => {
    const bytes = readFileSync(path);
    const name = path.split('/').pop()!;
    for (const fraction of [0.1, 0.35, 0.6, 0.999]) {
      const cut = temp.write(
        `cut-${fraction}-${name}`,
        bytes.subarray(0, Math.floor(bytes.length * fraction)),
      );
      await expectSameBothWays(cut);
    }
  });
});

/**
 * The direct path on damaged copies, against the intact file's frames: a frame any of whose bytes
 * is cut, flipped or missing is left out, and every other frame is decoded — the last one too.
 * (The package's parser loses more: it resynchronises over several frames and drops a complete last
 * frame when anything follows it.)
 */
describe('the direct path keeps every intact frame of a damaged FLAC', () => {
  async function expectIntactFrames(
    path: string,
    damaged: Uint8Array,
    from: number,
    to: number,
  ): Promise<void> {
    const clean = await decodeAll(path);
    if (typeof clean === 'string') throw new Error(clean);
    const kept = framesOutside(flacFrames(readFileSync(path)), from, to);
    const decoded = await decodeAll(temp.write(`intact-${from}-${to}-${path.split('/').pop()}`, damaged));
    if (typeof decoded === 'string') throw new Error(decoded);
    if (kept.length === 0)
      expect(decoded).toEqual([]); // not one whole frame: no audio at all
    else expectSamePcm(decoded, keepFrames(clean, kept));
  }

  test('a frame whose header is damaged: that frame only (its neighbours decode whole)', async () => {
    const total = 30 * 1024 + 100;
    const bytes = encodeFlac([noise(total, 0.5, 3), noise(total, 0.5, 4)], 1024);
    const path = temp.write('header-damage.flac', bytes);
    const frames = flacFrames(bytes);
    for (const index of [1, 15, frames.length - 1]) {
      const frame = frames[index]!;
      for (const byte of [0, 3, frame.headerBytes - 1]) {
        const damaged = Uint8Array.from(bytes);
        damaged[frame.at + byte] = damaged[frame.at + byte]! ^ 0x21;
        await expectIntactFrames(path, damaged, frame.at + byte, frame.at + byte + 1);
      }
    }
  });

  test.each(FLAC_FIXTURES)('%s cut, with bytes flipped, with bytes missing', async (path) => {
    const bytes = readFileSync(path);
    for (const fraction of [0.1, 0.35, 0.6, 0.999]) {
      const cutAt = Math.floor(bytes.length * fraction);
      await expectIntactFrames(path, bytes.subarray(0, cutAt), cutAt, Infinity);
    }
    for (const at of [0.3, 0.5, 0.8]) {
      const damaged = Buffer.from(bytes);
      const position = Math.floor(damaged.length * at);
      for (let i = 0; i < 16; i++) damaged[position + i] = damaged[position + i]! ^ 0x5a;
      await expectIntactFrames(path, damaged, position, position + 16);
    }
    const middle = Math.floor(bytes.length / 2);
    const gap = Buffer.concat([bytes.subarray(0, middle), bytes.subarray(middle + 3000)]);
    await expectIntactFrames(path, gap, middle, middle + 3000);
  });
});
