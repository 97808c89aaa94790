/** Where peaks land and how channels mix: spikes, cancellation, clamping, tiny files, chunking. */
import { afterAll, describe, expect, test } from 'vitest';
import { computePeaks, DEFAULT_POINTS, MAX_POINTS, MIN_POINTS } from '../../src/main/core/audio';
import { encodeAiff, encodeWav, noise, quantize, sine, type Pcm, type SampleFormat } from './audio-writers';
import { audioTempDir, decodedSignal, expectPeaksClose, maxs, mins, referencePeaks } from './helpers';

const temp = audioTempDir();
afterAll(() => temp.cleanup());

const S16: SampleFormat = { kind: 'int', bits: 16 };
let fileNumber = 0;
function writeWav(pcm: Pcm): string {
  return temp.write(`signal-${fileNumber++}.wav`, encodeWav(pcm));
}

describe('positions', () => {
  test('a spike shows in the bucket whose time span holds it, and nowhere else', async () => {
    const rate = 44100;
    const total = 2 * rate;
    const signal = new Float32Array(total);
    signal[30_000] = 0.75;
    signal[70_000] = -0.6;
    const result = await computePeaks(writeWav({ sampleRate: rate, format: S16, channels: [signal] }), {
      points: 100,
    });
    const up = Math.floor((30_000 * 100) / total); // 34: the bucket covering 0.68 s … 0.70 s
    const down = Math.floor((70_000 * 100) / total); // 79
    maxs(result.peaks).forEach((max, b) => expect(max).toBe(b === up ? quantize(0.75, 16) / 32768 : 0));
    mins(result.peaks).forEach((min, b) => expect(min).toBe(b === down ? quantize(-0.6, 16) / 32768 : 0));
  });

  test('a spike on the first frame of a bucket belongs to that bucket, not the one before', async () => {
    const total = 44_101; // not a multiple of the points, so bucket edges fall between frames
    const points = 16;
    const edge = Math.ceil((5 * total) / points); // first frame of bucket 5
    const signal = new Float32Array(total);
    signal[edge] = 0.5;
    signal[edge - 1] = -0.5; // last frame of bucket 4
    const result = await computePeaks(writeWav({ sampleRate: 44100, format: S16, channels: [signal] }), {
      points,
    });
    expect(maxs(result.peaks).findIndex((max) => max > 0)).toBe(5);
    expect(mins(result.peaks).findIndex((min) => min < 0)).toBe(4);
  });

  test('a tone in the second half only: silent first half, full peaks in the second', async () => {
    const rate = 8000;
    const signal = new Float32Array(rate * 2);
    signal.set(sine(rate, rate, 100, 0.9), rate);
    const result = await computePeaks(writeWav({ sampleRate: rate, format: S16, channels: [signal] }), {
      points: 20,
    });
    expect(maxs(result.peaks).slice(0, 10)).toEqual(new Array(10).fill(0));
    for (const max of maxs(result.peaks).slice(10)) expect(max).toBeCloseTo(0.9, 2);
  });
});

describe('mixing to mono', () => {
  const formats: SampleFormat[] = [
    { kind: 'int', bits: 8 },
    { kind: 'int', bits: 16 },
    { kind: 'int', bits: 24 },
    { kind: 'int', bits: 32 },
    { kind: 'float', bits: 32 },
  ];
  for (const format of formats) {
    test(`L = +x, R = −x cancels to exactly 0 (${format.bits}-bit ${format.kind})`, async () => {
      const left = sine(44100, 44100, 440, 0.8);
      const right = left.map((value) => -value);
      const path = writeWav({ sampleRate: 44100, format, channels: [left, right] });
      const result = await computePeaks(path, { points: 64 });
      expect(result.channels).toBe(2);
      expect(Array.from(result.peaks).every((value) => value === 0)).toBe(true);
    });
  }

  test('L = sine 0.8, R = silence gives ±0.4', async () => {
    const pcm: Pcm = {
      sampleRate: 44100,
      format: S16,
      channels: [sine(44100, 44100, 440, 0.8), new Float32Array(44100)],
    };
    const result = await computePeaks(writeWav(pcm), { points: 50 });
    for (const max of maxs(result.peaks)) expect(max).toBeCloseTo(0.4, 3);
    for (const min of mins(result.peaks)) expect(min).toBeCloseTo(-0.4, 3);
    expectPeaksClose(result.peaks, referencePeaks(decodedSignal(pcm), 50), 1e-6);
  });

  test('six channels: the mean of all of them', async () => {
    const channels: Float32Array[] = Array.from({ length: 6 }, () => new Float32Array(48000));
    channels[3] = sine(48000, 48000, 440, 0.6);
    channels[5] = noise(48000, 0.3, 7);
    const pcm: Pcm = { sampleRate: 48000, format: { kind: 'int', bits: 24 }, channels };
    const result = await computePeaks(writeWav(pcm), { points: 40 });
    expect(result.channels).toBe(6);
    expectPeaksClose(result.peaks, referencePeaks(decodedSignal(pcm), 40), 1e-6);
  });

  test('AIFF stereo mixes the same way', async () => {
    const pcm: Pcm = {
      sampleRate: 44100,
      format: S16,
      channels: [sine(44100, 44100, 440, 0.5), noise(44100, 0.25, 3)],
    };
    const path = temp.write('mix.aiff', encodeAiff(pcm, { compression: 'sowt' }));
    expectPeaksClose(
      (await computePeaks(path, { points: 30 })).peaks,
      referencePeaks(decodedSignal(pcm), 30),
      1e-6,
    );
  });
});

describe('values', () => {
  test('float samples beyond ±1 are clamped to [-1, 1]', async () => {
    const signal = sine(44100, 44100, 440, 1.7);
    const path = writeWav({ sampleRate: 44100, format: { kind: 'float', bits: 32 }, channels: [signal] });
    const result = await computePeaks(path, { points: 20 });
    expect(Array.from(result.peaks).every((value) => value === (value > 0 ? 1 : -1))).toBe(true);
  });

  test('NaN samples are ignored; a bucket of nothing but NaN reads as silence', async () => {
    const signal = new Float32Array(1600).fill(Number.NaN);
    signal.fill(0.25, 800, 1600);
    signal[1000] = Number.NaN;
    const path = writeWav({ sampleRate: 8000, format: { kind: 'float', bits: 32 }, channels: [signal] });
    const result = await computePeaks(path, { points: 16 });
    expect(Array.from(result.peaks.slice(0, 16))).toEqual(new Array(16).fill(0));
    expect(Array.from(result.peaks.slice(16))).toEqual(new Array(16).fill(0.25));
  });

  test('noise matches the reference bucket for bucket', async () => {
    const pcm: Pcm = {
      sampleRate: 22050,
      format: S16,
      channels: [noise(100_000, 0.7, 11), noise(100_000, 0.4, 12)],
    };
    const result = await computePeaks(writeWav(pcm), { points: 333 });
    expectPeaksClose(result.peaks, referencePeaks(decodedSignal(pcm), 333), 1e-6);
    expect(result.durationSeconds).toBeCloseTo(100_000 / 22050, 12);
  });
});

describe('sizes and points', () => {
  test('fewer frames than points: a bucket shows the frame starting in it, else the one still sounding', async () => {
    const values = [0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8, 0.9, -0.5];
    const signal = Float32Array.from(values);
    const result = await computePeaks(writeWav({ sampleRate: 44100, format: S16, channels: [signal] }), {
      points: 16,
    });
    expect(result.durationSeconds).toBeCloseTo(10 / 44100, 12);
    for (let b = 0; b < 16; b++) {
      const starting = values.findIndex((_, f) => Math.floor((f * 16) / 10) === b);
      const frame = starting !== -1 ? starting : Math.floor((b * 10) / 16);
      const expected = quantize(values[frame]!, 16) / 32768;
      expect([result.peaks[2 * b], result.peaks[2 * b + 1]]).toEqual([expected, expected]);
    }
  });

  test('exactly as many frames as points, and one more', async () => {
    for (const frames of [16, 17]) {
      const pcm: Pcm = { sampleRate: 8000, format: S16, channels: [noise(frames, 0.9, frames)] };
      const result = await computePeaks(writeWav(pcm), { points: 16 });
      expectPeaksClose(result.peaks, referencePeaks(decodedSignal(pcm), 16), 1e-6);
    }
  });

  test('the read chunk size never changes the result', async () => {
    const pcm: Pcm = {
      sampleRate: 44100,
      format: { kind: 'int', bits: 24 },
      channels: [noise(5_001, 0.8, 5), noise(5_001, 0.8, 6)],
    };
    const path = writeWav(pcm);
    const reference = await computePeaks(path, { points: 123 });
    for (const chunkBytes of [1, 1000, 65_536]) {
      const result = await computePeaks(path, { points: 123, chunkBytes });
      expect(Array.from(result.peaks)).toEqual(Array.from(reference.peaks));
    }
  });

  test(`points defaults to ${DEFAULT_POINTS} and accepts ${MIN_POINTS} … ${MAX_POINTS}`, async () => {
    const path = writeWav({ sampleRate: 44100, format: S16, channels: [noise(44100, 0.5)] });
    expect((await computePeaks(path)).peaks.length).toBe(2 * DEFAULT_POINTS);
    expect((await computePeaks(path, { points: MIN_POINTS })).peaks.length).toBe(2 * MIN_POINTS);
    const max = await computePeaks(path, { points: MAX_POINTS });
    expect(max.points).toBe(MAX_POINTS);
    expect(max.peaks.length).toBe(2 * MAX_POINTS);
    for (const bad of [MIN_POINTS - 1, MAX_POINTS + 1, 100.5, Number.NaN]) {
      await expect(computePeaks(path, { points: bad })).rejects.toBeInstanceOf(RangeError);
    }
  });

  test('a signal fired mid-file stops the work between two chunks', async () => {
    const path = writeWav({ sampleRate: 44100, format: S16, channels: [noise(200_000, 0.5)] });
    const controller = new AbortController();
    const pending = computePeaks(path, { chunkBytes: 4096, signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(pending).rejects.toMatchObject({ code: 'cancelled', name: 'AbortError' });
  });

  test('an aborted signal cancels', async () => {
    const path = writeWav({ sampleRate: 44100, format: S16, channels: [noise(44100, 0.5)] });
    const controller = new AbortController();
    controller.abort();
    await expect(computePeaks(path, { signal: controller.signal })).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});
