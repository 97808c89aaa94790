/**
 * PeakAccumulator buckets in one pass: runs between bucket boundaries, stereo mixed on the fly in
 * doubles. The result must be bit for bit what the earlier design gave: a float32 mono buffer
 * `(left + right) * 0.5`, then min/max per bucket, NaN ignored, clamped to [-1, 1].
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PeakAccumulator } from '../../src/main/core/audio/peak-accumulator';

/** The earlier design, per frame: float32 mono buffer, then exact min/max per bucket. */
function reference(left: Float32Array, right: Float32Array, points: number): Float32Array {
  const total = left.length;
  const mono = new Float32Array(total);
  for (let i = 0; i < total; i++) mono[i] = (left[i]! + right[i]!) * 0.5;
  const mins = new Float32Array(points).fill(Infinity);
  const maxs = new Float32Array(points).fill(-Infinity);
  for (let f = 0; f < total; f++) {
    const b = Math.floor((f * points) / total);
    if (mono[f]! < mins[b]!) mins[b] = mono[f]!;
    if (mono[f]! > maxs[b]!) maxs[b] = mono[f]!;
  }
  const peaks = new Float32Array(points * 2);
  for (let b = 0; b < points; b++) {
    if (mins[b]! > maxs[b]!) continue;
    peaks[2 * b] = Math.max(-1, Math.min(1, mins[b]!));
    peaks[2 * b + 1] = Math.max(-1, Math.min(1, maxs[b]!));
  }
  return peaks;
}

/** Samples that stress rounding: float32 values of very different magnitudes, and NaN. */
const sample = fc.oneof(
  { weight: 8, arbitrary: fc.float({ min: -1.5, max: 1.5, noNaN: true }) },
  { weight: 1, arbitrary: fc.float({ min: Math.fround(-1e-30), max: Math.fround(1e-30), noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
);

describe('one-pass bucketing', () => {
  test.each([
    ['known count (exact buckets only)', true, true],
    ['claimed count (exact and adaptive together)', true, false],
    ['unknown count (adaptive only, single-frame fine buckets at this length)', false, false],
  ])('stereo, %s: identical to the float32 mono buffer design', (_name, known, exact) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 64 }),
        fc.array(fc.tuple(sample, sample), { minLength: 64, maxLength: 3000 }),
        fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 4 }),
        (points, frames, sizes) => {
          const left = Float32Array.from(frames, ([l]) => l);
          const right = Float32Array.from(frames, ([, r]) => r);
          const accumulator = new PeakAccumulator(points, known ? left.length : null, exact);
          for (let at = 0, i = 0; at < left.length; i++) {
            const size = Math.min(sizes[i % sizes.length]!, left.length - at);
            accumulator.push({
              channelData: [left.slice(at, at + size), right.slice(at, at + size)],
              frames: size,
            });
            at += size;
          }
          expect(Array.from(accumulator.result()!)).toEqual(Array.from(reference(left, right, points)));
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });
});
