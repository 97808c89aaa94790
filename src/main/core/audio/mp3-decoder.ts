import { DEFAULT_CHUNK_BYTES, type AudioFile } from './audio-file';
import { throwIfAborted } from './errors';
import { freeQuietly } from './free-quietly';
import { DirectMpegDecoder } from './mp3-direct';
import type { MpegFrameHeader } from './mpeg-header';
import type { AudioDecoder, PcmChunk, StreamInfo } from './types';

/**
 * Bytes handed to mpg123's public `decode()` per call (only when the direct path is unavailable): one
 * call's output is held whole, and 64 KiB of a low-bitrate MP3 is already tens of seconds of audio.
 */
const DECODE_SLICE_BYTES = 64 * 1024;

/**
 * MP3 (and MPEG layers I/II) through mpg123-decoder (libmpg123 compiled to WASM), fed the file chunk
 * by chunk from its first frame. The frame count is unknown until the end (no header gives it
 * reliably), so `expectedFrames` is null and the peaks are bucketed adaptively. Gapless decoding
 * (the decoder's default) drops the encoder delay and padding a LAME/Xing header declares, so the
 * duration is the original audio's.
 */
export function openMp3Decoder(
  file: AudioFile,
  offset: number,
  header: MpegFrameHeader,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): AudioDecoder {
  return new Mp3StreamDecoder(file, offset, header, chunkBytes);
}

class Mp3StreamDecoder implements AudioDecoder {
  readonly info: StreamInfo;
  readonly endedEarly = false;

  constructor(
    private readonly file: AudioFile,
    private readonly offset: number,
    header: MpegFrameHeader,
    private readonly chunkBytes: number,
  ) {
    this.info = {
      format: 'mp3',
      encoding: `mpeg-${header.version} layer ${header.layer}`,
      sampleRate: header.sampleRate,
      channels: header.channels,
      expectedFrames: null,
      expectedFramesExact: false,
      truncated: false,
    };
  }

  async *chunks(signal?: AbortSignal): AsyncGenerator<PcmChunk, void, undefined> {
    // Loaded on first use: the WASM module is only compiled when an MP3 is actually decoded.
    const { MPEGDecoder } = await import('mpg123-decoder');
    const decoder = new MPEGDecoder();
    // mpg123 always returns two channels, a mono frame's second one a copy of its first. Both are
    // drawn, whatever the first frame said: the channel mode may change along the stream (the first
    // frames mono, the later ones stereo), and the mean of a mono frame's two copies is that frame.
    try {
      await decoder.ready;
      const direct = DirectMpegDecoder.of(decoder);
      const bytes = new Uint8Array(this.chunkBytes);
      for (let position = this.offset; position < this.file.size;) {
        throwIfAborted(signal);
        // decode() copies its input into the decoder's own buffer, so one read buffer is reused.
        const got = await this.file.readInto(bytes, position);
        if (got === 0) break;
        position += got;
        if (direct !== null) {
          // Output goes out read by read, so the whole read can be fed at once.
          yield* direct.decode(bytes.subarray(0, got));
          continue;
        }
        for (let slice = 0; slice < got; slice += DECODE_SLICE_BYTES) {
          const decoded = decoder.decode(bytes.subarray(slice, Math.min(got, slice + DECODE_SLICE_BYTES)));
          if (decoded.samplesDecoded > 0)
            yield { channelData: decoded.channelData.slice(0, 2), frames: decoded.samplesDecoded };
        }
      }
    } finally {
      freeQuietly(decoder);
    }
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
