/**
 * Min/max bucketing of a mono signal fed in chunks. Frame `f` of `T` belongs to bucket
 * `floor(f · points / T)`, i.e. the bucket whose time span contains the frame's start; bucket `b`
 * holds frames `[ceil(b·T/points), ceil((b+1)·T/points))`.
 *
 * - ExactBuckets needs T before the first frame (WAV/AIFF, FLAC with a sample count): one pass,
 *   exact min/max per bucket, memory O(points).
 * - AdaptiveBuckets works without T (MP3, or a FLAC whose count proved wrong): it keeps up to
 *   `capacity` fine buckets of `size` frames, and when full merges neighbours pairwise and doubles
 *   `size`. At the end each fine bucket goes to the final bucket holding its middle frame. Values stay
 *   exact (a fine bucket's min/max is exact and is never split), positions are off by at most half a
 *   fine bucket: with at least 32 fine buckets per final bucket, under 1/64 of a bucket. While T fits
 *   in `capacity`, fine buckets are single frames and the result is exactly ExactBuckets'.
 */

import { KERNEL_SLICE_FRAMES, minMaxKernel, type MinMaxKernel } from './minmax-kernel';

/** Buckets never reached (a NaN-only stretch) read as silence rather than ±Infinity. */
function interleave(mins: Float32Array, maxs: Float32Array): Float32Array {
  const peaks = new Float32Array(mins.length * 2);
  for (let b = 0; b < mins.length; b++) {
    const min = mins[b]!;
    const max = maxs[b]!;
    if (min > max) continue; // empty: stays 0, 0
    peaks[2 * b] = min < -1 ? -1 : min > 1 ? 1 : min;
    peaks[2 * b + 1] = max < -1 ? -1 : max > 1 ? 1 : max;
  }
  return peaks;
}

export class ExactBuckets {
  private readonly mins: Float32Array;
  private readonly maxs: Float32Array;
  private bucket = 0;
  private frame = 0;
  private boundary: number;
  private min = Infinity;
  private max = -Infinity;

  /** `totalFrames` must be at least `points`, so that every bucket holds a frame. */
  constructor(
    private readonly points: number,
    private readonly totalFrames: number,
  ) {
    this.mins = new Float32Array(points);
    this.maxs = new Float32Array(points);
    this.boundary = this.boundaryOf(1);
  }

  private boundaryOf(bucket: number): number {
    return Math.ceil((bucket * this.totalFrames) / this.points);
  }

  push(mono: Float32Array, frames: number): void {
    pushMono(mono, frames, this, null);
  }

  /** Frames until the current bucket ends (Infinity once every bucket is done). */
  room(): number {
    return this.bucket < this.points ? this.boundary - this.frame : Infinity;
  }

  /** Takes the min/max of the next `frames` frames, which must fit in `room()`. */
  take(min: number, max: number, frames: number): void {
    this.frame += frames;
    if (this.bucket >= this.points) return;
    if (min < this.min) this.min = min;
    if (max > this.max) this.max = max;
    if (this.frame === this.boundary) {
      this.mins[this.bucket] = this.min;
      this.maxs[this.bucket] = this.max;
      this.bucket++;
      this.boundary = this.boundaryOf(this.bucket + 1);
      this.min = Infinity;
      this.max = -Infinity;
    }
  }

  /** True when exactly the announced frames arrived, so every bucket is final. */
  get complete(): boolean {
    return this.frame === this.totalFrames && this.bucket === this.points;
  }

  result(): Float32Array {
    return interleave(this.mins, this.maxs);
  }
}

export class AdaptiveBuckets {
  private readonly mins: Float32Array;
  private readonly maxs: Float32Array;
  /** Completed fine buckets. */
  private count = 0;
  /** Frames per fine bucket: 1, 2, 4, … */
  private size = 1;
  /** Frames already in the fine bucket being filled. */
  private filled = 0;
  private min = Infinity;
  private max = -Infinity;
  private frames = 0;

  /** `capacity` must be even; a multiple of 32 × points keeps positions within 1/64 of a bucket. */
  constructor(private readonly capacity: number) {
    this.mins = new Float32Array(capacity);
    this.maxs = new Float32Array(capacity);
  }

  push(mono: Float32Array, frames: number): void {
    pushMono(mono, frames, this, null);
  }

  /** Frames until the current fine bucket is full. */
  room(): number {
    return this.size - this.filled;
  }

  /** Takes the min/max of the next `frames` frames, which must fit in `room()`. */
  take(min: number, max: number, frames: number): void {
    if (min < this.min) this.min = min;
    if (max > this.max) this.max = max;
    this.filled += frames;
    this.frames += frames;
    if (this.filled === this.size) {
      this.mins[this.count] = this.min;
      this.maxs[this.count] = this.max;
      this.count++;
      this.filled = 0;
      this.min = Infinity;
      this.max = -Infinity;
      if (this.count === this.capacity) this.halve();
    }
  }

  private halve(): void {
    const { mins, maxs } = this;
    for (let j = 0; j < this.capacity / 2; j++) {
      const a = 2 * j;
      mins[j] = mins[a]! < mins[a + 1]! ? mins[a]! : mins[a + 1]!;
      maxs[j] = maxs[a]! > maxs[a + 1]! ? maxs[a]! : maxs[a + 1]!;
    }
    this.count = this.capacity / 2;
    this.size *= 2;
  }

  result(points: number): Float32Array {
    const total = this.frames;
    const outMins = new Float32Array(points).fill(Infinity);
    const outMaxs = new Float32Array(points).fill(-Infinity);
    if (total === 0) return interleave(outMins, outMaxs);
    const fineCount = this.count + (this.filled > 0 ? 1 : 0);
    const fineMin = (j: number): number => (j < this.count ? this.mins[j]! : this.min);
    const fineMax = (j: number): number => (j < this.count ? this.maxs[j]! : this.max);

    const touched = new Uint8Array(points);
    for (let j = 0; j < fineCount; j++) {
      const start = j * this.size;
      const end = Math.min(start + this.size, total);
      const middle = start + Math.floor((end - start - 1) / 2);
      const b = Math.min(points - 1, Math.floor((middle * points) / total));
      if (fineMin(j) < outMins[b]!) outMins[b] = fineMin(j);
      if (fineMax(j) > outMaxs[b]!) outMaxs[b] = fineMax(j);
      touched[b] = 1;
    }
    // Fewer frames than points (a very short file): a bucket with no frame of its own shows the frame
    // that is sounding at its start time, so a 10-frame click still draws across the whole width.
    for (let b = 0; b < points; b++) {
      if (touched[b] === 1) continue;
      const j = Math.min(fineCount - 1, Math.floor(Math.floor((b * total) / points) / this.size));
      outMins[b] = fineMin(j);
      outMaxs[b] = fineMax(j);
    }
    return interleave(outMins, outMaxs);
  }
}

/** What pushMono/pushStereo feed: bucket sets that take the min/max of runs of frames. */
export interface BucketSink {
  room(): number;
  take(min: number, max: number, frames: number): void;
}

/** Runs shorter than this are scanned in JavaScript (from the kernel's copy): a call costs more. */
const KERNEL_MIN_RUN = 16;

/**
 * Feeds `frames` mono frames to one or two bucket sets in one pass: the signal is cut into runs that
 * cross no bucket boundary of either, and each run's min/max (NaN ignored: comparisons with NaN are
 * false) is computed once and handed to both. The min/max runs in the WebAssembly SIMD kernel
 * (minmax-kernel.ts) when there is one: the samples are copied into its memory a slice at a time.
 */
export function pushMono(mono: Float32Array, frames: number, a: BucketSink, b: BucketSink | null): void {
  const kernel = minMaxKernel();
  if (kernel === null) return pushMonoJs(mono, frames, a, b);
  for (let at = 0; at < frames; at += KERNEL_SLICE_FRAMES) {
    const n = Math.min(frames - at, KERNEL_SLICE_FRAMES);
    kernel.left.set(mono.subarray(at, at + n));
    bucketSlice(kernel, false, n, a, b);
  }
}

/**
 * pushMono of the mean of two channels, mixed on the fly: the kernel returns the min/max of the
 * float32 sums `left + right`, halved here — the same float32 values `(left + right) * 0.5` gives
 * (see minmax-kernel.ts for why it is bit for bit the same).
 */
export function pushStereo(
  left: Float32Array,
  right: Float32Array,
  frames: number,
  a: BucketSink,
  b: BucketSink | null,
): void {
  const kernel = minMaxKernel();
  if (kernel === null) return pushStereoJs(left, right, frames, a, b);
  for (let at = 0; at < frames; at += KERNEL_SLICE_FRAMES) {
    const n = Math.min(frames - at, KERNEL_SLICE_FRAMES);
    kernel.left.set(left.subarray(at, at + n));
    kernel.right.set(right.subarray(at, at + n));
    bucketSlice(kernel, true, n, a, b);
  }
}

/** Buckets the `n` frames copied into the kernel's memory. */
function bucketSlice(
  kernel: MinMaxKernel,
  stereo: boolean,
  n: number,
  a: BucketSink,
  b: BucketSink | null,
): void {
  const { left, right, result } = kernel;
  for (let i = 0; i < n;) {
    const end = Math.min(n, i + a.room(), b === null ? Infinity : i + b.room());
    let min: number;
    let max: number;
    if (end - i >= KERNEL_MIN_RUN) {
      if (stereo) kernel.stereo(i, end - i);
      else kernel.mono(i, end - i);
      min = result[0]!;
      max = result[1]!;
    } else {
      min = Infinity;
      max = -Infinity;
      for (let j = i; j < end; j++) {
        const value = stereo ? left[j]! + right[j]! : left[j]!;
        if (value < min) min = value;
        if (value > max) max = value;
      }
    }
    if (stereo) {
      min *= 0.5;
      max *= 0.5;
    }
    a.take(min, max, end - i);
    b?.take(min, max, end - i);
    i = end;
  }
}

/** pushMono in plain JavaScript, where there is no kernel. The inner loop has no call and no store. */
export function pushMonoJs(mono: Float32Array, frames: number, a: BucketSink, b: BucketSink | null): void {
  for (let i = 0; i < frames;) {
    const end = Math.min(frames, i + a.room(), b === null ? Infinity : i + b.room());
    let min = Infinity;
    let max = -Infinity;
    let min2 = Infinity;
    let max2 = -Infinity;
    let j = i;
    for (; j + 1 < end; j += 2) {
      const value = mono[j]!;
      const value2 = mono[j + 1]!;
      if (value < min) min = value;
      if (value > max) max = value;
      if (value2 < min2) min2 = value2;
      if (value2 > max2) max2 = value2;
    }
    if (j < end) {
      const value = mono[j]!;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    if (min2 < min) min = min2;
    if (max2 > max) max = max2;
    a.take(min, max, end - i);
    b?.take(min, max, end - i);
    i = end;
  }
}

/**
 * pushStereo in plain JavaScript: `(left + right) * 0.5`, nothing stored. The mean stays a double
 * until a bucket is stored into a Float32Array; rounding to float32 is monotonic, so the stored
 * min/max is exactly the min/max of the float32 means the old mono buffer held.
 */
export function pushStereoJs(
  left: Float32Array,
  right: Float32Array,
  frames: number,
  a: BucketSink,
  b: BucketSink | null,
): void {
  for (let i = 0; i < frames;) {
    const end = Math.min(frames, i + a.room(), b === null ? Infinity : i + b.room());
    // Two frames per step, each with its own min/max: shorter dependency chains.
    let min = Infinity;
    let max = -Infinity;
    let min2 = Infinity;
    let max2 = -Infinity;
    let j = i;
    for (; j + 1 < end; j += 2) {
      const value = (left[j]! + right[j]!) * 0.5;
      const value2 = (left[j + 1]! + right[j + 1]!) * 0.5;
      if (value < min) min = value;
      if (value > max) max = value;
      if (value2 < min2) min2 = value2;
      if (value2 > max2) max2 = value2;
    }
    if (j < end) {
      const value = (left[j]! + right[j]!) * 0.5;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    if (min2 < min) min = min2;
    if (max2 > max) max = max2;
    a.take(min, max, end - i);
    b?.take(min, max, end - i);
    i = end;
  }
}
