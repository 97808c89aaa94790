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
    const base = this.frame;
    let min = this.min;
    let max = this.max;
    let i = 0;
    while (i < frames && this.bucket < this.points) {
      const end = Math.min(frames, this.boundary - base);
      for (; i < end; i++) {
        const value = mono[i]!;
        if (value < min) min = value;
        if (value > max) max = value;
      }
      if (base + i === this.boundary) {
        this.mins[this.bucket] = min;
        this.maxs[this.bucket] = max;
        this.bucket++;
        this.boundary = this.boundaryOf(this.bucket + 1);
        min = Infinity;
        max = -Infinity;
      }
    }
    this.min = min;
    this.max = max;
    this.frame += frames;
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
    let min = this.min;
    let max = this.max;
    let i = 0;
    while (i < frames) {
      const end = Math.min(frames, i + this.size - this.filled);
      for (let j = i; j < end; j++) {
        const value = mono[j]!;
        if (value < min) min = value;
        if (value > max) max = value;
      }
      this.filled += end - i;
      i = end;
      if (this.filled === this.size) {
        this.mins[this.count] = min;
        this.maxs[this.count] = max;
        this.count++;
        this.filled = 0;
        min = Infinity;
        max = -Infinity;
        if (this.count === this.capacity) this.halve();
      }
    }
    this.min = min;
    this.max = max;
    this.frames += frames;
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
