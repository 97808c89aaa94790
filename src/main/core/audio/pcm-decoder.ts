import { DEFAULT_CHUNK_BYTES, type AudioFile } from './audio-file';
import { throwIfAborted } from './errors';
import { encodingName, pcmConverter, type PcmEncoding } from './pcm-convert';
import type { AudioDecoder, PcmChunk, StreamInfo } from './types';

/** Where the frames of an uncompressed file are and how they are stored: what a WAV/AIFF header says. */
export interface PcmLayout {
  format: 'wav' | 'aiff';
  encoding: PcmEncoding;
  sampleRate: number;
  channels: number;
  /** File offset of the first frame. */
  dataStart: number;
  /** Complete frames actually present: the header's count, capped by what the file holds. */
  frames: number;
  /** The header promised more frames than the file holds. */
  truncated: boolean;
}

/** More channels than any real mixdown; a larger count means a garbage header, not audio. */
export const MAX_CHANNELS = 256;
export const MAX_SAMPLE_RATE = 10_000_000;
/**
 * Chunks a header walk reads before giving up: real files have a handful before the audio, and
 * without a bound a large garbage file of tiny "chunks" would take minutes of reads to refuse.
 */
export const MAX_CHUNKS = 10_000;

/**
 * Streams the frames of a WAV or AIFF file: one positional read of about `chunkBytes` per chunk,
 * converted into reused planar Float32 buffers. Memory stays at a few MiB whatever the file's size.
 */
export class PcmDecoder implements AudioDecoder {
  readonly info: StreamInfo;
  endedEarly = false;

  constructor(
    private readonly file: AudioFile,
    private readonly layout: PcmLayout,
    private readonly chunkBytes = DEFAULT_CHUNK_BYTES,
  ) {
    this.info = {
      format: layout.format,
      encoding: encodingName(layout.encoding),
      sampleRate: layout.sampleRate,
      channels: layout.channels,
      expectedFrames: layout.frames,
      expectedFramesExact: true,
      truncated: layout.truncated,
    };
  }

  async *chunks(signal?: AbortSignal): AsyncGenerator<PcmChunk, void, undefined> {
    const { channels, encoding, dataStart, frames: totalFrames } = this.layout;
    const frameBytes = channels * encoding.bytesPerSample;
    const chunkFrames = Math.max(1, Math.floor(this.chunkBytes / frameBytes));
    // A fresh ArrayBuffer (not Buffer's shared pool) so typed-array views over it are aligned.
    const bytes = new Uint8Array(new ArrayBuffer(chunkFrames * frameBytes));
    const channelData = Array.from({ length: channels }, () => new Float32Array(chunkFrames));
    const convert = pcmConverter(encoding);

    let frame = 0;
    while (frame < totalFrames) {
      throwIfAborted(signal);
      const wanted = Math.min(chunkFrames, totalFrames - frame);
      const got = await this.file.readInto(bytes, dataStart + frame * frameBytes, wanted * frameBytes);
      const frames = Math.floor(got / frameBytes);
      if (frames > 0) {
        convert(bytes, frames, channels, channelData);
        yield { channelData, frames };
        frame += frames;
      }
      if (frames < wanted) {
        this.endedEarly = true; // the file shrank while we read it
        return;
      }
    }
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
