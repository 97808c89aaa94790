import { AdaptiveBuckets, ExactBuckets, pushMono, pushStereo } from './peak-buckets';
import type { PcmChunk } from './types';

/** Fine buckets for AdaptiveBuckets: ≥ 64 per point, within 64 Ki … 1 Mi (8 MiB at most). */
export function adaptiveCapacity(points: number): number {
  return Math.min(2 ** 20, Math.max(2 ** 16, points * 64));
}

/**
 * Mixes decoded chunks to mono (the mean of the channels, frame by frame) and buckets them.
 *
 * When the frame count is known up front, ExactBuckets does the work. When it is a fact (WAV/AIFF:
 * computed from the file's size), that is all. When it is only a claim (FLAC's STREAMINFO), or unknown
 * (MP3), AdaptiveBuckets runs as well (or alone) and its result is used whenever the decoded count
 * turns out different from the claim (a cut file). Decoding twice would be exact in every case but
 * would double the cost of the expensive part, the WASM decoding.
 */
export class PeakAccumulator {
  private readonly exact: ExactBuckets | null;
  private readonly adaptive: AdaptiveBuckets | null;
  private mono = new Float32Array(0);
  private decoded = 0;

  constructor(
    private readonly points: number,
    expectedFrames: number | null,
    expectedFramesExact: boolean,
  ) {
    // Fewer frames than points: the adaptive path keeps every frame (exact) and fills the gaps.
    this.exact =
      expectedFrames !== null && expectedFrames >= points ? new ExactBuckets(points, expectedFrames) : null;
    this.adaptive =
      this.exact === null || !expectedFramesExact ? new AdaptiveBuckets(adaptiveCapacity(points)) : null;
  }

  get frames(): number {
    return this.decoded;
  }

  push(chunk: PcmChunk): void {
    const { frames, channelData } = chunk;
    if (frames === 0 || channelData.length === 0) return;
    // One pass whatever runs: exact and adaptive buckets take each run's min/max together.
    const first = (this.exact ?? this.adaptive)!;
    const second = this.exact === null ? null : this.adaptive;
    if (channelData.length === 2) pushStereo(channelData[0]!, channelData[1]!, frames, first, second);
    else pushMono(this.mixToMono(channelData, frames), frames, first, second);
    this.decoded += frames;
  }

  /** The `points` min/max pairs; null when neither path can vouch for them (the file changed). */
  result(): Float32Array | null {
    if (this.exact?.complete) return this.exact.result();
    return this.adaptive?.result(this.points) ?? null;
  }

  /** One channel as it is; three or more mixed into a reused buffer (two are mixed by pushStereo). */
  private mixToMono(channelData: readonly Float32Array[], frames: number): Float32Array {
    if (channelData.length === 1) return channelData[0]!;
    if (this.mono.length < frames) this.mono = new Float32Array(frames);
    const mono = this.mono;
    const scale = 1 / channelData.length;
    mono.set(channelData[0]!.subarray(0, frames));
    for (let ch = 1; ch < channelData.length; ch++) {
      const samples = channelData[ch]!;
      for (let i = 0; i < frames; i++) mono[i] = mono[i]! + samples[i]!;
    }
    for (let i = 0; i < frames; i++) mono[i] = mono[i]! * scale;
    return mono;
  }
}
