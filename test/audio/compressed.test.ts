/**
 * FLAC and MP3 through the WASM decoders, on committed fixtures (see test/fixtures/audio/README.md):
 * each is 0.5 s, a 440 Hz sine for the first half, then digital silence.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { computePeaks, type PeaksResult } from '../../src/main/core/audio';
import { audioTempDir, expectValidPeaks, FIXTURES, maxs, mins } from './helpers';
import { repeatMp3 } from './mp3-frames';

const temp = audioTempDir();
afterAll(() => temp.cleanup());

interface Fixture {
  file: string;
  format: 'flac' | 'mp3';
  sampleRate: number;
  channels: number;
  amplitude: number;
  /** How far a tone bucket's peak may be from the amplitude (MP3 is lossy: LAME lands near 0.475). */
  toneTolerance: number;
  /** How loud a silent bucket may be (MP3 rings briefly after the tone stops). */
  silenceTolerance: number;
}

const FIXTURE_LIST: Fixture[] = [
  {
    file: 'tone-silence-44k1-stereo-16.flac',
    format: 'flac',
    sampleRate: 44100,
    channels: 2,
    amplitude: 0.5,
    toneTolerance: 1e-3,
    silenceTolerance: 0,
  },
  {
    file: 'tone-silence-48k-mono-24.flac',
    format: 'flac',
    sampleRate: 48000,
    channels: 1,
    amplitude: 0.9,
    toneTolerance: 1e-3,
    silenceTolerance: 0,
  },
  {
    file: 'tone-silence-44k1-mono.mp3',
    format: 'mp3',
    sampleRate: 44100,
    channels: 1,
    amplitude: 0.5,
    toneTolerance: 0.05,
    silenceTolerance: 0.01,
  },
  {
    file: 'tone-silence-48k-stereo.mp3',
    format: 'mp3',
    sampleRate: 48000,
    channels: 2,
    amplitude: 0.5,
    toneTolerance: 0.05,
    silenceTolerance: 0.01,
  },
];

const POINTS = 20; // 25 ms per bucket: buckets 0–9 are tone, 10 holds the cut-off, 11–19 silence

describe.each(FIXTURE_LIST)('$file', (fixture) => {
  const path = join(FIXTURES, fixture.file);
  let result: PeaksResult;

  test('format, sample rate, channels and duration', async () => {
    result = await computePeaks(path, { points: POINTS });
    expect(result.format).toBe(fixture.format);
    expect(result.sampleRate).toBe(fixture.sampleRate);
    expect(result.channels).toBe(fixture.channels);
    // FLAC is sample-exact; the MP3s carry a LAME header, so gapless decoding restores 0.5 s too.
    expect(result.durationSeconds).toBeCloseTo(0.5, fixture.format === 'flac' ? 9 : 2);
    expect(result.truncated).toBe(false);
    expectValidPeaks(result.peaks, POINTS);
  });

  test('the tone peaks at ±amplitude in the first half', () => {
    for (const max of maxs(result.peaks).slice(0, 10))
      expect(Math.abs(max - fixture.amplitude)).toBeLessThanOrEqual(fixture.toneTolerance);
    for (const min of mins(result.peaks).slice(0, 10))
      expect(Math.abs(min + fixture.amplitude)).toBeLessThanOrEqual(fixture.toneTolerance);
  });

  test('the second half is silent', () => {
    for (const value of Array.from(result.peaks.slice(2 * 11)))
      expect(Math.abs(value)).toBeLessThanOrEqual(fixture.silenceTolerance);
  });

  test('small reads give the same peaks', async () => {
    const small = await computePeaks(path, { points: POINTS, chunkBytes: 333 });
    expect(Array.from(small.peaks)).toEqual(Array.from(result.peaks));
    expect(small.durationSeconds).toBe(result.durationSeconds);
  });
});

describe('long streams', () => {
  test('MP3 of unknown length: 60 copies of the fixture, bucketed adaptively, alternate loud and quiet', async () => {
    const copies = 60;
    const bytes = repeatMp3(readFileSync(join(FIXTURES, 'tone-silence-44k1-mono.mp3')), copies);
    const result = await computePeaks(temp.write('long.mp3', bytes), { points: copies * 2 });
    // Without the LAME header every copy is its 21 frames whole: 21 × 1152 samples.
    const copySeconds = (21 * 1152) / 44100;
    expect(result.durationSeconds).toBeCloseTo(copies * copySeconds, 6);
    const top = maxs(result.peaks);
    for (let copy = 0; copy < copies; copy++) {
      expect(top[2 * copy]).toBeGreaterThan(0.4);
      expect(top[2 * copy + 1]).toBeLessThan(0.05);
    }
  });
});
