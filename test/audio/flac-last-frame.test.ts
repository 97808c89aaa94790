/**
 * FLAC with bytes after its last frame — an ID3v1 or APE tag (cover art makes the latter large), or
 * a very short final frame — must decode every frame: the length must be STREAMINFO's and the
 * waveform the same as without the tag. Losing the last frame made the file look cut short, so its
 * waveform was bucketed over fewer frames and stretched. Checked on files built here (test/audio/
 * flac-writer.ts: every frame's content known) and on the corpus's real FLAC files with tags added
 * to a temporary copy.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { computePeaks } from '../../src/main/core/audio';
import { concat } from './audio-writers';
import { declaredSamples, flacFrames, keepFrames, type FlacFrameSpan } from './flac-frame-map';
import { encodeFlac } from './flac-writer';
import { apeTag, id3v1Tag } from './tag-writers';
import { audioTempDir, decodeAll, expectSamePcm, muteDecoderErrors } from './helpers';

const CORPUS_AUDIO = fileURLToPath(new URL('../../../shared/corpus/audio/', import.meta.url));
/** Larger than the 512 KiB a frame may span: the tag alone is more than the longest frame. */
const COVER_ART_BYTES = 600 * 1024;
const BLOCK = 1024;

const temp = audioTempDir();
afterAll(() => temp.cleanup());
// Damaged frames make the WASM decoder console.error; expected here.
beforeAll(muteDecoderErrors);

let fileNumber = 0;
const write = (bytes: Uint8Array): string => temp.write(`last-frame-${fileNumber++}.flac`, bytes);

/**
 * A copy with up to 16 bytes flipped in a frame's subframes and CRC-16, its header intact (a frame
 * of silence may hold only a few bytes: the flips stay inside it).
 */
function damageFrame(bytes: Uint8Array, frame: FlacFrameSpan): Uint8Array {
  const damaged = Uint8Array.from(bytes);
  const from = frame.at + frame.headerBytes;
  const count = Math.min(16, frame.end - from);
  const first = from + Math.floor((frame.end - from - count) / 2);
  for (let i = first; i < first + count; i++) damaged[i] = damaged[i]! ^ 0x5a;
  return damaged;
}

/** Frames of a rising level, 1/64 apart, so a missing or moved frame changes the peaks. */
function steps(total: number): Float32Array[] {
  const left = new Float32Array(total);
  const right = new Float32Array(total);
  for (let i = 0; i < total; i++) {
    const level = 0.1 + 0.8 * (Math.floor(i / BLOCK) / Math.ceil(total / BLOCK));
    left[i] = i % 2 === 0 ? level : -level;
    right[i] = (i % 3) / 4 - 0.25;
  }
  return [left, right];
}

const CASES: { name: string; samples: number; tail: Uint8Array }[] = [
  { name: 'an ID3v1 tag', samples: 40 * BLOCK + 700, tail: id3v1Tag('Song final') },
  { name: 'an APE tag with 600 KiB of cover art', samples: 40 * BLOCK + 700, tail: apeTag(COVER_ART_BYTES) },
  {
    name: 'an APE tag with cover art, then an ID3v1 tag',
    samples: 40 * BLOCK + 700,
    tail: concat([apeTag(COVER_ART_BYTES), id3v1Tag('Song final')]),
  },
  { name: 'a 1-sample final frame and an ID3v1 tag', samples: 40 * BLOCK + 1, tail: id3v1Tag('Song final') },
  { name: 'a 1-sample final frame and cover art', samples: 40 * BLOCK + 1, tail: apeTag(COVER_ART_BYTES) },
];

describe.each(CASES)('synthetic FLAC followed by $name', ({ samples, tail }) => {
  const signal = steps(samples);
  const clean = encodeFlac(signal, BLOCK);
  const tagged = concat([clean, tail]);

  test.each([undefined, 4096])(
    'every frame decoded, STREAMINFO length, same waveform (reads of %s)',
    async (chunkBytes) => {
      const path = write(tagged);
      const decoded = await decodeAll(path, chunkBytes);
      expect(decoded[0]!.length).toBe(samples);
      expectSamePcm(decoded, await decodeAll(write(clean)));
      const result = await computePeaks(path, { points: 200, chunkBytes });
      expect(result.truncated).toBe(false);
      expect(result.durationSeconds).toBe(samples / 44100);
      expect(result.peaks).toEqual((await computePeaks(write(clean), { points: 200 })).peaks);
    },
  );

  test('a damaged frame in the middle costs that frame only, not the last one', async () => {
    const frames = flacFrames(clean);
    const damagedFrame = frames[Math.floor(frames.length / 2)]!;
    const decoded = await decodeAll(write(concat([damageFrame(clean, damagedFrame), tail])));
    expect(decoded[0]!.length).toBe(samples - BLOCK);
    const kept = frames.filter((frame) => frame !== damagedFrame);
    expectSamePcm(decoded, keepFrames(await decodeAll(write(clean)), kept));
  });
});

const CORPUS_FLAC = existsSync(CORPUS_AUDIO)
  ? readdirSync(CORPUS_AUDIO, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.flac$/i.test(name))
      .map((name) => join(CORPUS_AUDIO, name))
      .sort()
  : [];

describe.skipIf(CORPUS_FLAC.length === 0)(
  'corpus FLAC files (../shared/corpus/audio; skipped when absent) with tags added to a copy',
  () => {
    // The corpus also holds FLAC cut short by their senders: those are compared as they decode.
    test.each(CORPUS_FLAC)('%s: every frame decoded after tags, and after a damaged frame', async (path) => {
      const bytes = readFileSync(path);
      const original = await decodeAll(path);
      const declared = declaredSamples(bytes); // 0: not given
      const complete = declared === 0 || original[0]!.length === declared;
      const tagged = write(concat([bytes, apeTag(COVER_ART_BYTES), id3v1Tag('Song final')]));
      expectSamePcm(await decodeAll(tagged), original);
      const [before, after] = [await computePeaks(path), await computePeaks(tagged)];
      expect(after).toEqual(before);
      expect(after.truncated).toBe(!complete);

      const frames = flacFrames(bytes);
      if (!complete || frames.length < 3) return;
      const damagedFrame = frames[Math.floor(frames.length / 2)]!;
      const decoded = await decodeAll(write(concat([damageFrame(bytes, damagedFrame), id3v1Tag('Song')])));
      const kept = frames.filter((frame) => frame !== damagedFrame);
      expectSamePcm(decoded, keepFrames(original, kept));
    });
  },
);
