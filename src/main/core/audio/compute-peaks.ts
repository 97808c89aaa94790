import { throwIfAborted, toPeaksError, unreadable } from './errors';
import { openDecoder } from './open-decoder';
import { PeakAccumulator } from './peak-accumulator';
import { checkPoints } from './points';
import { DEFAULT_POINTS, type ComputePeaksOptions, type PeaksResult } from './types';

/**
 * Decodes `path` chunk by chunk and returns `points` min/max pairs of its mono mix, with its duration,
 * sample rate and channel count. Memory stays bounded whatever the file's length (one chunk of PCM
 * plus O(points) buckets). Reads only; never writes to the file.
 *
 * A file cut short (header intact, audio missing) gives the peaks and duration of the audio that is
 * there, with `truncated: true`, the way a player plays it. A file with no complete frame, or that is
 * not audio we decode, throws UnreadableAudioError; an aborted `signal` throws PeaksCancelledError.
 * This runs on the calling thread: from the main process, go through PeaksWorkerPool.
 */
export async function computePeaks(path: string, options: ComputePeaksOptions = {}): Promise<PeaksResult> {
  const points = checkPoints(options.points ?? DEFAULT_POINTS);
  const { signal } = options;
  throwIfAborted(signal);
  let decoder;
  try {
    decoder = await openDecoder(path, options.chunkBytes);
  } catch (error) {
    throw toPeaksError(error);
  }
  try {
    const { info } = decoder;
    const accumulator = new PeakAccumulator(points, info.expectedFrames, info.expectedFramesExact);
    for await (const chunk of decoder.chunks(signal)) accumulator.push(chunk);
    if (accumulator.frames === 0)
      throw unreadable('no_audio', `${info.format.toUpperCase()}: the file holds no complete audio frame`);
    const peaks = accumulator.result();
    if (peaks === null) throw unreadable('read_failed', 'the file changed while it was being read');
    return {
      format: info.format,
      durationSeconds: accumulator.frames / info.sampleRate,
      sampleRate: Math.round(info.sampleRate),
      channels: info.channels,
      points,
      peaks,
      truncated: info.truncated || decoder.endedEarly,
    };
  } catch (error) {
    throw toPeaksError(error);
  } finally {
    await decoder.close();
  }
}
