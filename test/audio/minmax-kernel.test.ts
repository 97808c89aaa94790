/**
 * The WebAssembly SIMD min/max kernel (minmax-kernel.ts) must give bit for bit what the JavaScript
 * loops give: the same buckets whatever the run lengths, slices and tails, NaN ignored, and a stereo
 * mean equal to `fround((left + right) * 0.5)` even for tiny, huge and subnormal samples. Also the
 * read-ahead reader the FLAC path uses.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { AudioFile } from '../../src/main/core/audio/audio-file';
import { KERNEL_SLICE_FRAMES, minMaxKernel } from '../../src/main/core/audio/minmax-kernel';
import {
  AdaptiveBuckets,
  ExactBuckets,
  pushMono,
  pushMonoJs,
  pushStereo,
  pushStereoJs,
} from '../../src/main/core/audio/peak-buckets';
import { ReadAhead } from '../../src/main/core/audio/read-ahead';
import { noise } from './audio-writers';
import { audioTempDir } from './helpers';

const sample = fc.oneof(
  { weight: 8, arbitrary: fc.float({ min: -1.5, max: 1.5, noNaN: true }) },
  { weight: 1, arbitrary: fc.float({ min: Math.fround(-1e-37), max: Math.fround(1e-37) }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, 3e38, -3e38, 2 ** -149, -(2 ** -149)) },
);

/** Both bucket sets fed the same chunks, by the kernel and by the JavaScript loops. */
function bucketBoth(
  channels: Float32Array[],
  points: number,
  sizes: number[],
  capacity: number,
): { kernel: Float32Array[]; js: Float32Array[] } {
  const total = channels[0]!.length;
  const run = (push: typeof pushStereo | null, pushOne: typeof pushMono): Float32Array[] => {
    const exact = new ExactBuckets(points, total);
    const adaptive = new AdaptiveBuckets(capacity);
    for (let at = 0, i = 0; at < total; i++) {
      const size = Math.min(sizes[i % sizes.length]!, total - at);
      const slice = channels.map((channel) => channel.slice(at, at + size + 3)); // longer than `frames`
      if (slice.length === 2) push!(slice[0]!, slice[1]!, size, exact, adaptive);
      else pushOne(slice[0]!, size, exact, adaptive);
      at += size;
    }
    return [exact.result(), adaptive.result(points)];
  };
  return { kernel: run(pushStereo, pushMono), js: run(pushStereoJs, pushMonoJs) };
}

describe('min/max kernel', () => {
  test('is available in this Node.js (WebAssembly SIMD)', () => {
    expect(minMaxKernel()).not.toBeNull();
  });

  test('every tail length, NaN ignored, an all-NaN run gives +Infinity/-Infinity', () => {
    const kernel = minMaxKernel()!;
    for (let frames = 0; frames <= 11; frames++) {
      for (let from = 0; from < 4; from++) {
        const left = Array.from({ length: frames }, (_, i) =>
          i % 3 === 1 ? Number.NaN : Math.sin(i + from),
        );
        const right = Array.from({ length: frames }, (_, i) => Math.cos(i * 3));
        kernel.left.set(left, from);
        kernel.right.set(right, from);
        const sums = left.map((l, i) => Math.fround(Math.fround(l) + Math.fround(right[i]!)));
        const real = sums.filter((s) => !Number.isNaN(s));
        kernel.stereo(from, frames);
        expect([...kernel.result]).toEqual([Math.min(Infinity, ...real), Math.max(-Infinity, ...real)]);
        const ls = left.map(Math.fround).filter((s) => !Number.isNaN(s));
        kernel.mono(from, frames);
        expect([...kernel.result]).toEqual([Math.min(Infinity, ...ls), Math.max(-Infinity, ...ls)]);
      }
    }
    kernel.left.fill(Number.NaN, 0, 64);
    kernel.mono(0, 64);
    expect([...kernel.result]).toEqual([Infinity, -Infinity]);
  });

  test('stereo and mono buckets identical to the JavaScript loops (runs, slices, odd chunks)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 64 }),
        fc.array(fc.tuple(sample, sample), { minLength: 64, maxLength: 4000 }),
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(64, 256, 2048),
        (points, frames, sizes, capacity) => {
          const left = Float32Array.from(frames, ([l]) => l);
          const right = Float32Array.from(frames, ([, r]) => r);
          const stereo = bucketBoth([left, right], points, sizes, capacity);
          expect(stereo.kernel.map((p) => Array.from(p))).toEqual(stereo.js.map((p) => Array.from(p)));
          const mono = bucketBoth([left], points, sizes, capacity);
          expect(mono.kernel.map((p) => Array.from(p))).toEqual(mono.js.map((p) => Array.from(p)));
        },
      ),
      { numRuns: 150, seed: 23 },
    );
  });

  test('long chunks spanning several kernel slices', () => {
    const total = KERNEL_SLICE_FRAMES * 3 + 1234;
    const left = noise(total, 0.9, 5);
    const right = noise(total, 0.9, 6);
    left[KERNEL_SLICE_FRAMES + 17] = 1.25; // a peak just past a slice boundary
    right[2 * KERNEL_SLICE_FRAMES - 1] = -1.75; // and one just before the next
    for (const sizes of [[total], [KERNEL_SLICE_FRAMES + 1, 999], [50_000]]) {
      const { kernel, js } = bucketBoth([left, right], 1000, sizes, 65536);
      expect(kernel.map((p) => Array.from(p))).toEqual(js.map((p) => Array.from(p)));
    }
  });
});

describe('ReadAhead', () => {
  const temp = audioTempDir();
  afterAll(() => temp.cleanup());

  test('hands out the file in order whatever the read sizes, then 0 at the end', async () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
    const path = temp.write('bytes.bin', bytes);
    for (const [start, chunk, wants] of [
      [0, 4096, [1000, 4096, 5000, 1, 8191]],
      [17, 65536, [65536, 100, 70000]],
      [99_000, 512, [300, 3000]],
    ] as const) {
      const file = await AudioFile.open(path);
      try {
        const reader = new ReadAhead(file, start, chunk);
        let position = start;
        for (let i = 0; position < bytes.length; i++) {
          const target = new Uint8Array(wants[i % wants.length]!);
          expect(reader.next).toBe(position);
          const got = await reader.readInto(target);
          expect(got).toBe(Math.min(target.length, bytes.length - position));
          expect(Array.from(target.subarray(0, got))).toEqual(
            Array.from(bytes.subarray(position, position + got)),
          );
          position += got;
        }
        expect(await reader.readInto(new Uint8Array(10))).toBe(0);
      } finally {
        await file.close();
      }
    }
  });
});
