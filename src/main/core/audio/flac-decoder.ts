import type { FLACDecodedAudio } from '@wasm-audio-decoders/flac';
import { DEFAULT_CHUNK_BYTES, type AudioFile } from './audio-file';
import { throwIfAborted, unreadable } from './errors';
import { DirectFlacFrames, flacInternals } from './flac-direct';
import { freeQuietly } from './free-quietly';
import { MAX_SAMPLE_RATE } from './pcm-decoder';
import type { AudioDecoder, PcmChunk, StreamInfo } from './types';

/**
 * Bytes handed to the WASM decoder per call. Reads stay large (1 MiB); decoding goes in small slices
 * because FLAC of silence compresses ~800:1, and one call's output is held in memory whole.
 */
const DECODE_SLICE_BYTES = 16 * 1024;

interface StreamInfoBlock {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 0 in STREAMINFO means "unknown" (written by some streaming encoders). */
  totalSamples: number;
}

/**
 * FLAC through @wasm-audio-decoders/flac (libFLAC compiled to WASM): STREAMINFO is read here, then
 * the file is fed to the decoder's streaming `decode()` chunk by chunk, so the file is never whole
 * in memory. STREAMINFO's sample count is a claim, not a fact: a cut file decodes fewer frames.
 */
export async function openFlacDecoder(
  file: AudioFile,
  offset: number,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): Promise<AudioDecoder> {
  const block = parseStreamInfo(await file.read(offset, 4 + 4 + 34));
  return new FlacStreamDecoder(file, offset, block, chunkBytes);
}

function parseStreamInfo(bytes: Uint8Array): StreamInfoBlock {
  // 'fLaC', then the first metadata block, which must be STREAMINFO (type 0) of 34 bytes.
  if (bytes.length < 42 || (bytes[4]! & 0x7f) !== 0)
    throw unreadable('malformed', 'FLAC: no STREAMINFO block (the file may be cut short)');
  const s = 8;
  const sampleRate = (bytes[s + 10]! << 12) | (bytes[s + 11]! << 4) | (bytes[s + 12]! >> 4);
  const channels = ((bytes[s + 12]! >> 1) & 7) + 1;
  const bitsPerSample = (((bytes[s + 12]! & 1) << 4) | (bytes[s + 13]! >> 4)) + 1;
  const high = bytes[s + 13]! & 0x0f;
  const low =
    ((bytes[s + 14]! << 24) | (bytes[s + 15]! << 16) | (bytes[s + 16]! << 8) | bytes[s + 17]!) >>> 0;
  if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE)
    throw unreadable('malformed', `FLAC: ${sampleRate} Hz is not a valid sample rate`);
  return { sampleRate, channels, bitsPerSample, totalSamples: high * 2 ** 32 + low };
}

class FlacStreamDecoder implements AudioDecoder {
  readonly info: StreamInfo;
  endedEarly = false;

  constructor(
    private readonly file: AudioFile,
    private readonly offset: number,
    block: StreamInfoBlock,
    private readonly chunkBytes: number,
  ) {
    this.info = {
      format: 'flac',
      encoding: `flac ${block.bitsPerSample}-bit`,
      sampleRate: block.sampleRate,
      channels: block.channels,
      expectedFrames: block.totalSamples > 0 ? block.totalSamples : null,
      expectedFramesExact: false,
      truncated: false,
    };
  }

  async *chunks(signal?: AbortSignal): AsyncGenerator<PcmChunk, void, undefined> {
    // Loaded on first use: the WASM module is only compiled when a FLAC file is actually decoded.
    const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
    const decoder = new FLACDecoder();
    let decodedFrames = 0;
    try {
      await decoder.ready;
      let resumeAt = this.offset;
      const wasm = flacInternals(decoder);
      if (wasm !== null) {
        const direct = new DirectFlacFrames(
          this.file,
          this.offset,
          this.chunkBytes,
          this.info.channels,
          wasm,
          async () => {
            await decoder.reset();
            return flacInternals(decoder);
          },
        );
        // Delegated, not re-yielded: one hop less per FLAC frame (~6,500 in a 10-minute file).
        yield* direct.frames(signal);
        decodedFrames = direct.decodedFrames;
        if (direct.stoppedAt === null) {
          this.endedEarly = this.info.expectedFrames !== null && decodedFrames < this.info.expectedFrames;
          return;
        }
        // No frame header where the audio starts, or a renewed decoder without the internals: the
        // rest goes through the package's own parser.
        resumeAt = direct.stoppedAt;
        if (direct.usedDecoder) await decoder.reset();
      }
      const emit = (decoded: FLACDecodedAudio): PcmChunk | null => {
        if (decoded.samplesDecoded === 0) return null;
        decodedFrames += decoded.samplesDecoded;
        return {
          channelData: decoded.channelData.slice(0, this.info.channels),
          frames: decoded.samplesDecoded,
        };
      };
      for (let position = resumeAt; position < this.file.size;) {
        throwIfAborted(signal);
        // A fresh array per read: the frame parser may keep slices of the input between calls.
        const bytes = await this.file.read(position, this.chunkBytes);
        if (bytes.length === 0) break;
        position += bytes.length;
        for (let slice = 0; slice < bytes.length; slice += DECODE_SLICE_BYTES) {
          const chunk = emit(await decoder.decode(bytes.subarray(slice, slice + DECODE_SLICE_BYTES)));
          if (chunk !== null) yield chunk;
        }
      }
      throwIfAborted(signal);
      const last = emit(await decoder.flush());
      if (last !== null) yield last;
      const expected = this.info.expectedFrames;
      this.endedEarly = expected !== null && decodedFrames < expected;
    } finally {
      freeQuietly(decoder);
    }
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
