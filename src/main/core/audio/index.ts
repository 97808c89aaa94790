/** The audio layer's public surface: peaks of an audio file, in process or in a worker thread. */
export { computePeaks } from './compute-peaks';
export {
  PeaksError,
  UnreadableAudioError,
  PeaksTimeoutError,
  PeaksCancelledError,
  isPeaksError,
  type PeaksErrorCode,
  type UnreadableReason,
} from './errors';
export {
  PeaksWorkerPool,
  type PeaksPoolOptions,
  type PeaksPoolStats,
  type PeaksRequestOptions,
} from './peaks-pool';
export { openDecoder } from './open-decoder';
export {
  DEFAULT_POINTS,
  MAX_POINTS,
  MIN_POINTS,
  type AudioDecoder,
  type AudioFormat,
  type ComputePeaksOptions,
  type PcmChunk,
  type PeaksResult,
  type StreamInfo,
} from './types';
