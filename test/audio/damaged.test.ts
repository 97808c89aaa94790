/**
 * Files that are cut short, damaged, empty, not audio or not files: each ends in peaks or in
 * UnreadableAudioError with a reason — never another exception, a crash or a hang.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { computePeaks, UnreadableAudioError, type UnreadableReason } from '../../src/main/core/audio';
import { concat, encodeAiff, encodeWav, noise, type Pcm } from './audio-writers';
import {
  audioTempDir,
  decodedSignal,
  expectPeaksClose,
  expectValidPeaks,
  FIXTURES,
  muteDecoderErrors,
  referencePeaks,
} from './helpers';

const temp = audioTempDir();
afterAll(() => temp.cleanup());

// The WASM decoders console.error every damaged frame; those lines are expected here.
beforeAll(muteDecoderErrors);
afterAll(() => vi.restoreAllMocks());

let fileNumber = 0;
function write(bytes: Uint8Array, extension: string): string {
  return temp.write(`damaged-${fileNumber++}.${extension}`, bytes);
}

async function expectUnreadable(path: string, reason: UnreadableReason): Promise<UnreadableAudioError> {
  const error = await computePeaks(path, { points: 16 }).then(
    () => expect.fail('expected UnreadableAudioError'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UnreadableAudioError);
  expect(error).toMatchObject({ code: 'unreadable', reason });
  expect((error as Error).message.length).toBeGreaterThan(0);
  return error as UnreadableAudioError;
}

const pcm: Pcm = {
  sampleRate: 44100,
  format: { kind: 'int', bits: 16 },
  channels: [noise(44100, 0.8, 1), noise(44100, 0.8, 2)],
};
const wav = encodeWav(pcm);
const aiff = encodeAiff(pcm, { compression: 'sowt' });
const WAV_HEADER = 44;

describe('cut short: peaks of the audio that is there, flagged truncated', () => {
  test('WAV cut in the middle of its data (and mid-frame)', async () => {
    const keptFrames = 20_000;
    const cut = wav.subarray(0, WAV_HEADER + keptFrames * 4 + 3); // 3 stray bytes of frame 20,001
    const result = await computePeaks(write(cut, 'wav'), { points: 64 });
    expect(result.truncated).toBe(true);
    expect(result.durationSeconds).toBeCloseTo(keptFrames / 44100, 12);
    const kept = decodedSignal(pcm).map((channel) => channel.subarray(0, keptFrames));
    expectPeaksClose(result.peaks, referencePeaks(kept, 64), 1e-6);
  });

  test('AIFF cut in the middle of its data', async () => {
    const result = await computePeaks(write(aiff.subarray(0, aiff.length / 2), 'aiff'), { points: 64 });
    expect(result.truncated).toBe(true);
    expect(result.durationSeconds).toBeGreaterThan(0.45);
    expect(result.durationSeconds).toBeLessThan(0.5);
    expectValidPeaks(result.peaks, 64);
  });

  test('FLAC cut at 60 %: the frames before the cut', async () => {
    const flac = readFileSync(join(FIXTURES, 'tone-silence-48k-mono-24.flac'));
    const result = await computePeaks(write(flac.subarray(0, Math.floor(flac.length * 0.6)), 'flac'), {
      points: 32,
    });
    expect(result.truncated).toBe(true);
    expect(result.durationSeconds).toBeGreaterThan(0.05);
    expect(result.durationSeconds).toBeLessThan(0.5);
    expectValidPeaks(result.peaks, 32);
    expect(Math.max(...result.peaks)).toBeCloseTo(0.9, 2);
  });

  test('MP3 cut in half: about half the duration', async () => {
    const mp3 = readFileSync(join(FIXTURES, 'tone-silence-48k-stereo.mp3'));
    const result = await computePeaks(write(mp3.subarray(0, mp3.length / 2), 'mp3'), { points: 32 });
    expect(result.durationSeconds).toBeGreaterThan(0.15);
    expect(result.durationSeconds).toBeLessThan(0.35);
    expectValidPeaks(result.peaks, 32);
  });
});

describe('unreadable, with a reason', () => {
  test('a 0-byte file', async () => {
    await expectUnreadable(write(new Uint8Array(0), 'wav'), 'empty');
  });

  test('a missing file', async () => {
    await expectUnreadable(join(temp.dir, 'not-there.wav'), 'missing');
  });

  test('a folder', async () => {
    const folder = join(temp.dir, 'folder.wav');
    mkdirSync(folder);
    await expectUnreadable(folder, 'not_a_file');
  });

  test.skipIf(process.platform === 'win32')(
    'a FIFO is refused without opening it (opening would block)',
    async () => {
      const fifo = join(temp.dir, 'pipe.wav');
      execFileSync('mkfifo', [fifo]);
      await expectUnreadable(fifo, 'not_a_file');
    },
  );

  test('garbage bytes, whatever the extension', async () => {
    const garbage = noise(40_000, 1, 99);
    const bytes = new Uint8Array(garbage.buffer);
    for (const extension of ['wav', 'aiff', 'flac', 'mp3'])
      await expectUnreadable(write(bytes, extension), 'unknown_format');
    await expectUnreadable(write(new Uint8Array(5000), 'wav'), 'unknown_format');
    await expectUnreadable(
      write(new TextEncoder().encode('not audio at all\n'.repeat(100)), 'mp3'),
      'unknown_format',
    );
  });

  test('Ogg and MP4 say what they are', async () => {
    const ogg = await expectUnreadable(
      write(concat([new TextEncoder().encode('OggS'), new Uint8Array(200)]), 'ogg'),
      'unknown_format',
    );
    expect(ogg.message).toMatch(/Ogg/);
    const m4a = concat([
      Uint8Array.of(0, 0, 0, 0x20),
      new TextEncoder().encode('ftypM4A '),
      new Uint8Array(200),
    ]);
    expect((await expectUnreadable(write(m4a, 'm4a'), 'unknown_format')).message).toMatch(/M4A/);
  });

  test('a WAV cut inside its header', async () => {
    await expectUnreadable(write(wav.subarray(0, 12), 'wav'), 'malformed'); // RIFF….WAVE only
    await expectUnreadable(write(wav.subarray(0, 30), 'wav'), 'malformed'); // inside fmt
    await expectUnreadable(write(wav.subarray(0, 6), 'wav'), 'unknown_format'); // not even RIFF…WAVE
  });

  test('a WAV whose data chunk holds less than one frame', async () => {
    await expectUnreadable(write(wav.subarray(0, WAV_HEADER), 'wav'), 'no_audio');
    await expectUnreadable(write(wav.subarray(0, WAV_HEADER + 3), 'wav'), 'no_audio');
  });

  test('an AIFF cut before SSND', async () => {
    await expectUnreadable(write(aiff.subarray(0, 40), 'aiff'), 'malformed');
  });

  test('a FLAC with only its STREAMINFO', async () => {
    const flac = readFileSync(join(FIXTURES, 'tone-silence-44k1-stereo-16.flac'));
    await expectUnreadable(write(flac.subarray(0, 42), 'flac'), 'no_audio');
    await expectUnreadable(write(flac.subarray(0, 20), 'flac'), 'malformed');
  });

  test('a garbage RIFF of endless tiny chunks is refused after a bounded walk', async () => {
    const tiny = concat(Array.from({ length: 10_001 }, () => new TextEncoder().encode('junk\0\0\0\0')));
    const riff = concat([new TextEncoder().encode('RIFF\0\0\0\0WAVE'), tiny]);
    expect((await expectUnreadable(write(riff, 'wav'), 'malformed')).message).toMatch(/chunks/);
  });

  test('nonsense header fields', async () => {
    const zeroChannels = Uint8Array.from(wav);
    zeroChannels[22] = 0;
    await expectUnreadable(write(zeroChannels, 'wav'), 'malformed');
    const zeroRate = Uint8Array.from(wav);
    zeroRate.fill(0, 24, 28);
    await expectUnreadable(write(zeroRate, 'wav'), 'malformed');
    const nanRate = Uint8Array.from(aiff);
    const comm = Buffer.from(nanRate).indexOf('COMM');
    nanRate[comm + 16] = 0x7f; // exponent 0x7fff: infinity/NaN
    nanRate[comm + 17] = 0xff;
    await expectUnreadable(write(nanRate, 'aiff'), 'malformed');
  });

  test('encodings we do not decode', async () => {
    const alaw = Uint8Array.from(wav);
    alaw[20] = 6; // format tag 6: A-law, but with 16-bit samples (G.711's are 8-bit)
    expect((await expectUnreadable(write(alaw, 'wav'), 'unsupported_encoding')).message).toMatch(/A-law/);
    const float16 = Uint8Array.from(wav);
    float16[20] = 3; // IEEE float with 16-bit samples
    await expectUnreadable(write(float16, 'wav'), 'unsupported_encoding');
    const ima4 = encodeAiff(pcm, { compression: 'NONE' });
    ima4.set(new TextEncoder().encode('ima4'), Buffer.from(ima4).indexOf('NONE'));
    expect((await expectUnreadable(write(ima4, 'aifc'), 'unsupported_encoding')).message).toMatch(/ima4/);
  });
});

describe('fuzzed damage never escapes as anything but peaks or UnreadableAudioError', () => {
  const samples: Array<[string, Uint8Array]> = [
    ['wav', encodeWav({ ...pcm, channels: pcm.channels.map((c) => c.subarray(0, 4000)) })],
    [
      'aiff',
      encodeAiff({ ...pcm, channels: pcm.channels.map((c) => c.subarray(0, 4000)) }, { compression: 'NONE' }),
    ],
    ['flac', readFileSync(join(FIXTURES, 'tone-silence-44k1-stereo-16.flac'))],
    ['mp3', readFileSync(join(FIXTURES, 'tone-silence-44k1-mono.mp3'))],
  ];
  for (const [extension, original] of samples) {
    test(extension, async () => {
      const damage = fc.record({
        cut: fc.integer({ min: 1, max: original.length }),
        writes: fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 12,
        }),
      });
      await fc.assert(
        fc.asyncProperty(damage, async ({ cut, writes }) => {
          const bytes = Uint8Array.from(original.subarray(0, cut));
          for (const [at, value] of writes) if (at < bytes.length) bytes[at] = value;
          try {
            const result = await computePeaks(write(bytes, extension), { points: 16 });
            expectValidPeaks(result.peaks, 16);
            expect(result.durationSeconds).toBeGreaterThan(0);
            expect(Number.isFinite(result.durationSeconds)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(UnreadableAudioError);
          }
        }),
        { numRuns: 60, seed: 20240917 },
      );
    });
  }
});
