/** Shapes shared by the decoders, the peak accumulator, computePeaks and the worker pool. */

export type AudioFormat = 'wav' | 'aiff' | 'flac' | 'mp3';

/** What a decoder knows about its stream before decoding a single sample. */
export interface StreamInfo {
  format: AudioFormat;
  /** Human-readable encoding, e.g. `pcm_s16le`, `float32be`, `flac 24-bit`, `mpeg-1 layer 3`. */
  encoding: string;
  /** Hz; may be fractional for old AIFF files (22254.545…). */
  sampleRate: number;
  channels: number;
  /** Frames the stream will yield when known before decoding, else null (MP3, FLAC without a count). */
  expectedFrames: number | null;
  /**
   * True when `expectedFrames` is a fact (computed from the file's size, as for WAV/AIFF), false when
   * it is only a header's claim that the decoded stream may contradict (FLAC's STREAMINFO).
   */
  expectedFramesExact: boolean;
  /** The header promised more audio than the file holds (known up front for WAV/AIFF). */
  truncated: boolean;
}

/**
 * One chunk of decoded audio: planar Float32 PCM, nominally in [-1, 1] (float files may exceed it).
 * Only the first `frames` values of each channel are valid. Decoders may reuse the arrays for the
 * next chunk: consume a chunk before asking for the next one, or copy it.
 */
export interface PcmChunk {
  channelData: readonly Float32Array[];
  frames: number;
}

export interface AudioDecoder {
  readonly info: StreamInfo;
  /** Decodes the stream chunk by chunk; checks `signal` between chunks. Iterate once. */
  chunks(signal?: AbortSignal): AsyncGenerator<PcmChunk, void, undefined>;
  /** After `chunks()` finished: true when the stream ended before what the header announced. */
  readonly endedEarly: boolean;
  /** Releases the file handle and any decoder memory; safe to call more than once. */
  close(): Promise<void>;
}

export const MIN_POINTS = 16;
export const MAX_POINTS = 20_000;
export const DEFAULT_POINTS = 1_000;

export interface PeaksResult {
  format: AudioFormat;
  /** Frames actually decoded divided by the sample rate. */
  durationSeconds: number;
  /** Hz, rounded to an integer (the only non-integer rates are rare legacy AIFF ones). */
  sampleRate: number;
  /** Channels in the file (peaks are always mixed to mono). */
  channels: number;
  points: number;
  /** `[min0, max0, min1, max1, …]`, `points` pairs, each value in [-1, 1]. */
  peaks: Float32Array;
  /** The file ended before its header said it would; the peaks cover the audio that is there. */
  truncated: boolean;
}

export interface ComputePeaksOptions {
  /** 16–20,000; default 1,000. */
  points?: number;
  signal?: AbortSignal;
  /** Bytes read per file read; default 1 MiB. Exposed for tests of chunk boundaries. */
  chunkBytes?: number;
}
