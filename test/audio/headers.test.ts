/** Header oddities real files have: extra chunks, padding, unknown sizes, tags, fractional rates. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { computePeaks } from '../../src/main/core/audio';
import { readExtended } from '../../src/main/core/audio/aiff-header';
import { concat, encodeAiff, encodeWav, extended80, noise, type ExtraChunk, type Pcm } from './audio-writers';
import { audioTempDir, decodedSignal, expectPeaksClose, FIXTURES, referencePeaks } from './helpers';

const temp = audioTempDir();
afterAll(() => temp.cleanup());

const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const LIST: ExtraChunk = { id: 'LIST', body: bytes('INFOISFT\x0e\x00\x00\x00SessionDock!!\x00') };
const ODD: ExtraChunk = { id: 'bext', body: bytes('odd') }; // 3 bytes: needs a pad byte
const JUNK: ExtraChunk = { id: 'JUNK', body: new Uint8Array(28) };

const pcm: Pcm = {
  sampleRate: 44100,
  format: { kind: 'int', bits: 16 },
  channels: [noise(20_000, 0.6, 1), noise(20_000, 0.6, 2)],
};
const expected = referencePeaks(decodedSignal(pcm), 32);

let fileNumber = 0;
async function expectSameAudio(file: Uint8Array, extension = 'wav'): Promise<void> {
  const result = await computePeaks(temp.write(`header-${fileNumber++}.${extension}`, file), { points: 32 });
  expect(result.durationSeconds).toBeCloseTo(20_000 / 44100, 12);
  expect(result.truncated).toBe(false);
  expectPeaksClose(result.peaks, expected, 1e-6);
}

describe('WAV chunks', () => {
  test('unknown chunks before fmt, between fmt and data, and after data are skipped', async () => {
    await expectSameAudio(encodeWav(pcm, { before: [JUNK, LIST], between: [LIST], after: [LIST] }));
  });

  test('an odd-sized chunk with its pad byte', async () => {
    await expectSameAudio(encodeWav(pcm, { before: [ODD], between: [ODD] }));
  });

  test('an odd-sized chunk whose writer forgot the pad byte', async () => {
    await expectSameAudio(encodeWav(pcm, { before: [ODD], between: [ODD], padOdd: false }));
  });

  test('data size 0 or 0xFFFFFFFF means "to the end of the file"', async () => {
    await expectSameAudio(encodeWav(pcm, { dataSize: 'zero' }));
    await expectSameAudio(encodeWav(pcm, { dataSize: 'max' }));
  });

  test('data before fmt (with a real size)', async () => {
    await expectSameAudio(encodeWav(pcm, { dataFirst: true }));
  });

  test('a trailing chunk after a sized data chunk is not audio', async () => {
    const noisy: ExtraChunk = { id: 'junk', body: new Uint8Array(4000).fill(0x7f) };
    await expectSameAudio(encodeWav(pcm, { after: [noisy] }));
  });

  test('EXTENSIBLE with 24 valid bits in a 32-bit container decodes by its container', async () => {
    const wide: Pcm = { ...pcm, format: { kind: 'int', bits: 32 } };
    const path = temp.write(
      'valid-bits.wav',
      encodeWav(wide, { extensible: true, validBits: 24, between: [LIST] }),
    );
    const result = await computePeaks(path, { points: 32 });
    expectPeaksClose(result.peaks, referencePeaks(decodedSignal(wide), 32), 1e-6);
  });
});

describe('AIFF chunks', () => {
  test('chunks before COMM (odd-sized, padded) are skipped', async () => {
    await expectSameAudio(
      encodeAiff(pcm, {
        before: [
          { id: 'NAME', body: bytes('abc') },
          { id: 'ANNO', body: bytes('mixdown v2') },
        ],
      }),
      'aiff',
    );
  });

  test("SSND's offset field skips alignment bytes", async () => {
    await expectSameAudio(encodeAiff(pcm, { compression: 'NONE', ssndOffset: 16 }), 'aif');
  });

  test('COMM frame count 0: the SSND size decides', async () => {
    await expectSameAudio(encodeAiff(pcm, { commFrames: 0 }), 'aiff');
  });

  test('COMM frame count smaller than SSND: COMM wins', async () => {
    const result = await computePeaks(
      temp.write('short-comm.aiff', encodeAiff(pcm, { commFrames: 10_000 })),
      {
        points: 16,
      },
    );
    expect(result.durationSeconds).toBeCloseTo(10_000 / 44100, 12);
  });

  test('80-bit extended sample rates, including a fractional legacy one', async () => {
    for (const rate of [8000, 11025, 22050, 44100, 48000, 88200, 96000, 176400, 192000, 22254.545454545456]) {
      expect(readExtended(extended80(rate), 0)).toBe(rate);
    }
    // The classic Mac rate: 0x400DADDD1745D1745D17 is 22254.5454…
    const mac = Uint8Array.from([0x40, 0x0d, 0xad, 0xdd, 0x17, 0x45, 0xd1, 0x74, 0x5d, 0x17]);
    expect(readExtended(mac, 0)).toBeCloseTo(22254.545454, 5);
    const path = temp.write(
      'mac-rate.aiff',
      encodeAiff({ ...pcm, sampleRate: 22254 }, { commRate: 22254.545454545456 }),
    );
    const result = await computePeaks(path, { points: 16 });
    expect(result.sampleRate).toBe(22255);
    expect(result.durationSeconds).toBeCloseTo(20_000 / 22254.545454545456, 12);
  });
});

describe('tags in front of compressed audio', () => {
  /** An ID3v2.3 tag with one TIT2 frame, its size syncsafe as the spec wants. */
  function id3(): Uint8Array {
    const text = bytes('\x00Final mix v3');
    const frame = concat([bytes('TIT2'), Uint8Array.of(0, 0, 0, text.length, 0, 0), text]);
    const size = frame.length + 100; // and some padding
    const syncsafe = Uint8Array.of((size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f);
    return concat([bytes('ID3'), Uint8Array.of(3, 0, 0), syncsafe, frame, new Uint8Array(100)]);
  }

  for (const name of ['tone-silence-44k1-mono.mp3', 'tone-silence-44k1-stereo-16.flac']) {
    test(`${name} behind an ID3v2 tag decodes the same`, async () => {
      const original = readFileSync(join(FIXTURES, name));
      const plain = await computePeaks(join(FIXTURES, name), { points: 20 });
      const tagged = await computePeaks(temp.write(`tagged-${name}`, concat([id3(), original])), {
        points: 20,
      });
      expect(tagged.durationSeconds).toBe(plain.durationSeconds);
      expect(Array.from(tagged.peaks)).toEqual(Array.from(plain.peaks));
    });
  }
});
