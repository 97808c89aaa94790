/**
 * Every uncompressed format and bit depth we decode, written by the test's own WAV/AIFF writers:
 * a 440 Hz sine must peak at ±amplitude in every bucket (within the bit depth's resolution) and match
 * an independent whole-signal reference exactly; silence must be exactly 0.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { computePeaks } from '../../src/main/core/audio';
import {
  encodeAiff,
  encodeWav,
  sine,
  type AiffCompression,
  type Pcm,
  type SampleFormat,
  type WavOptions,
} from './audio-writers';
import { audioTempDir, decodedSignal, expectPeaksClose, maxs, mins, referencePeaks } from './helpers';

const temp = audioTempDir();
afterAll(() => temp.cleanup());

const POINTS = 50; // 882 frames (8.8 cycles of 440 Hz) per bucket at 44.1 kHz: every bucket holds a crest
const FORMATS: SampleFormat[] = [
  { kind: 'int', bits: 8 },
  { kind: 'int', bits: 16 },
  { kind: 'int', bits: 24 },
  { kind: 'int', bits: 32 },
  { kind: 'float', bits: 32 },
  { kind: 'float', bits: 64 },
];

function label(format: SampleFormat): string {
  return `${format.bits}-bit ${format.kind}`;
}

/** A sampled sine misses its crest by at most A·(1 − cos(π f / rate)); quantisation adds one step. */
function tolerance(format: SampleFormat, amplitude: number, sampleRate: number): number {
  const sampling = amplitude * (1 - Math.cos((Math.PI * 440) / sampleRate));
  const step = format.kind === 'float' ? 1e-7 : 2 ** -(format.bits - 1);
  return sampling + step + 1e-7;
}

function tone(format: SampleFormat, channels: number, amplitude: number, sampleRate = 44100): Pcm {
  const signal = sine(sampleRate, sampleRate, 440, amplitude);
  return { sampleRate, format, channels: Array.from({ length: channels }, () => signal) };
}

function silence(format: SampleFormat, channels: number, sampleRate = 44100): Pcm {
  return {
    sampleRate,
    format,
    channels: Array.from({ length: channels }, () => new Float32Array(sampleRate)),
  };
}

let fileNumber = 0;
async function peaksOf(bytes: Uint8Array, extension: string, points = POINTS) {
  return computePeaks(temp.write(`case-${fileNumber++}.${extension}`, bytes), { points });
}

async function expectTone(
  bytes: Uint8Array,
  extension: string,
  pcm: Pcm,
  amplitude: number,
  format = pcm.format,
) {
  const result = await peaksOf(bytes, extension);
  expect(result.sampleRate).toBe(pcm.sampleRate);
  expect(result.channels).toBe(pcm.channels.length);
  expect(result.durationSeconds).toBeCloseTo(1, 9);
  expect(result.points).toBe(POINTS);
  expect(result.truncated).toBe(false);
  const within = tolerance(format, amplitude, pcm.sampleRate);
  for (const max of maxs(result.peaks)) expect(Math.abs(max - amplitude)).toBeLessThanOrEqual(within);
  for (const min of mins(result.peaks)) expect(Math.abs(min + amplitude)).toBeLessThanOrEqual(within);
  expectPeaksClose(result.peaks, referencePeaks(decodedSignal(pcm), POINTS), 1e-6);
  return result;
}

describe('WAV', () => {
  const variants: Array<{ name: string; options: WavOptions; formats: SampleFormat[] }> = [
    { name: 'RIFF PCM/float', options: {}, formats: FORMATS },
    { name: 'WAVE_FORMAT_EXTENSIBLE', options: { extensible: true }, formats: FORMATS },
    { name: 'RIFX (big-endian)', options: { rifx: true }, formats: FORMATS },
    { name: 'RF64 (ds64 sizes)', options: { rf64: true }, formats: FORMATS },
  ];
  for (const { name, options, formats } of variants) {
    for (const format of formats) {
      for (const channels of [1, 2]) {
        for (const amplitude of [0.5, 0.9]) {
          test(`${name} ${label(format)} ${channels === 1 ? 'mono' : 'stereo'} sine ${amplitude}`, async () => {
            const pcm = tone(format, channels, amplitude);
            const result = await expectTone(encodeWav(pcm, options), 'wav', pcm, amplitude);
            expect(result.format).toBe('wav');
          });
        }
      }
      test(`${name} ${label(format)} silence is exactly 0`, async () => {
        const result = await peaksOf(encodeWav(silence(format, 2), options), 'wav');
        expect(Array.from(result.peaks)).toEqual(new Array(POINTS * 2).fill(0));
      });
    }
  }

  test('48 kHz and 96 kHz', async () => {
    for (const rate of [48000, 96000]) {
      const pcm = tone({ kind: 'int', bits: 24 }, 2, 0.9, rate);
      await expectTone(encodeWav(pcm), 'wav', pcm, 0.9);
    }
  });
});

describe('AIFF and AIFF-C', () => {
  const cases: Array<{ compression: AiffCompression | undefined; formats: SampleFormat[] }> = [
    { compression: undefined, formats: FORMATS.filter((f) => f.kind === 'int') },
    { compression: 'NONE', formats: FORMATS.filter((f) => f.kind === 'int') },
    { compression: 'twos', formats: [{ kind: 'int', bits: 16 }] },
    { compression: 'sowt', formats: FORMATS.filter((f) => f.kind === 'int' && f.bits > 8) },
    { compression: 'in24', formats: [{ kind: 'int', bits: 24 }] },
    { compression: 'in32', formats: [{ kind: 'int', bits: 32 }] },
    { compression: 'raw ', formats: [{ kind: 'int', bits: 8 }] },
    { compression: 'fl32', formats: [{ kind: 'float', bits: 32 }] },
    { compression: 'FL32', formats: [{ kind: 'float', bits: 32 }] },
    { compression: 'fl64', formats: [{ kind: 'float', bits: 64 }] },
    { compression: 'FL64', formats: [{ kind: 'float', bits: 64 }] },
  ];
  for (const { compression, formats } of cases) {
    const name = compression === undefined ? 'AIFF' : `AIFF-C '${compression}'`;
    for (const format of formats) {
      for (const channels of [1, 2]) {
        for (const amplitude of [0.5, 0.9]) {
          test(`${name} ${label(format)} ${channels === 1 ? 'mono' : 'stereo'} sine ${amplitude}`, async () => {
            const pcm = tone(format, channels, amplitude, 48000);
            const result = await expectTone(encodeAiff(pcm, { compression }), 'aiff', pcm, amplitude);
            expect(result.format).toBe('aiff');
          });
        }
      }
      test(`${name} ${label(format)} silence is exactly 0`, async () => {
        const result = await peaksOf(encodeAiff(silence(format, 1), { compression }), 'aif');
        expect(Array.from(result.peaks)).toEqual(new Array(POINTS * 2).fill(0));
      });
    }
  }
});
