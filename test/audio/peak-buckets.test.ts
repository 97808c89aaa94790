/** The bucketing itself, fed synthetic mono signals in uneven chunks. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { adaptiveCapacity, PeakAccumulator } from '../../src/main/core/audio/peak-accumulator';
import { AdaptiveBuckets, ExactBuckets } from '../../src/main/core/audio/peak-buckets';
import { noise } from './audio-writers';
import { referencePeaks } from './helpers';

/** Feeds `signal` in chunks of the given sizes, cycling through them. */
function feed(
  target: { push(mono: Float32Array, frames: number): void },
  signal: Float32Array,
  sizes: number[],
): void {
  for (let at = 0, i = 0; at < signal.length; i++) {
    const size = Math.min(sizes[i % sizes.length]!, signal.length - at);
    target.push(signal.slice(at, at + size), size);
    at += size;
  }
}

describe('ExactBuckets', () => {
  test('matches the whole-signal reference for any chunking', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 300 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 5 }),
        (points, extra, sizes) => {
          const signal = noise(points + extra, 1, points * 7 + extra);
          const buckets = new ExactBuckets(points, signal.length);
          feed(buckets, signal, sizes);
          expect(buckets.complete).toBe(true);
          expect(Array.from(buckets.result())).toEqual(Array.from(referencePeaks([signal], points)));
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  test('is incomplete when fewer or more frames arrive than announced', () => {
    const short = new ExactBuckets(16, 1000);
    short.push(new Float32Array(999), 999);
    expect(short.complete).toBe(false);
    const long = new ExactBuckets(16, 1000);
    long.push(new Float32Array(1001), 1001);
    expect(long.complete).toBe(false);
  });
});

describe('AdaptiveBuckets', () => {
  test('is exact while the signal fits in its capacity', () => {
    const signal = noise(60_000, 1, 3);
    const buckets = new AdaptiveBuckets(65_536);
    feed(buckets, signal, [4096, 17]);
    expect(Array.from(buckets.result(1000))).toEqual(Array.from(referencePeaks([signal], 1000)));
  });

  test('past its capacity: values exact, positions within half a fine bucket', () => {
    const points = 100;
    const total = 5_000_003;
    const signal = new Float32Array(total);
    // Spikes in the middle of buckets 10, 40 and 90, one on either side of the edge of bucket 61.
    const middle = (b: number): number => Math.floor(((b + 0.5) * total) / points);
    signal[middle(10)] = 0.9;
    signal[middle(40)] = -0.7;
    signal[middle(90)] = 0.3;
    const edge = Math.ceil((61 * total) / points);
    signal[edge + 2000] = 0.5; // 4 % into bucket 61
    signal[edge - 2000] = -0.5; // 4 % before its end: bucket 60
    const buckets = new AdaptiveBuckets(4096); // ends with 2,048-frame fine buckets, ~24 per point
    feed(buckets, signal, [65_536, 1234]);
    const peaks = buckets.result(points);
    const maxAt = (value: number): number[] =>
      Array.from({ length: points }, (_, b) => b).filter((b) => peaks[2 * b + 1] === Math.fround(value));
    const minAt = (value: number): number[] =>
      Array.from({ length: points }, (_, b) => b).filter((b) => peaks[2 * b] === Math.fround(value));
    expect(maxAt(0.9)).toEqual([10]);
    expect(minAt(-0.7)).toEqual([40]);
    expect(maxAt(0.3)).toEqual([90]);
    expect(maxAt(0.5)).toEqual([61]);
    expect(minAt(-0.5)).toEqual([60]);
  });

  test('capacity: at least 64 fine buckets per point, within bounds', () => {
    expect(adaptiveCapacity(16)).toBe(65_536);
    expect(adaptiveCapacity(1000)).toBe(65_536);
    expect(adaptiveCapacity(5000)).toBe(320_000);
    expect(adaptiveCapacity(20_000)).toBe(1_048_576);
  });
});

describe('PeakAccumulator', () => {
  test('a claimed count that proves wrong falls back to the adaptive result', () => {
    const signal = noise(10_000, 0.8, 9);
    const claimedMore = new PeakAccumulator(50, 20_000, false);
    claimedMore.push({ channelData: [signal], frames: signal.length });
    expect(Array.from(claimedMore.result()!)).toEqual(Array.from(referencePeaks([signal], 50)));
    const claimedRight = new PeakAccumulator(50, 10_000, false);
    claimedRight.push({ channelData: [signal], frames: signal.length });
    expect(Array.from(claimedRight.result()!)).toEqual(Array.from(referencePeaks([signal], 50)));
  });

  test('a count that is a fact but proves wrong (the file changed) gives no result', () => {
    const accumulator = new PeakAccumulator(50, 20_000, true);
    accumulator.push({ channelData: [new Float32Array(10_000)], frames: 10_000 });
    expect(accumulator.result()).toBeNull();
  });
});
