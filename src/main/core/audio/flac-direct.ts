import type { FLACDecoder } from '@wasm-audio-decoders/flac';
import type { AudioFile } from './audio-file';
import { throwIfAborted } from './errors';
import {
  followsFlacFrame,
  MAX_FLAC_HEADER_BYTES,
  parseFlacFrameHeader,
  type FlacFrameHeader,
} from './flac-frames';
import { ReadAhead } from './read-ahead';
import type { PcmChunk } from './types';

/** A frame longer than this is not looked for (codec-parser's limit too). */
const MAX_FRAME_BYTES = 512 * 1024;

/** The parts of @wasm-audio-decoders/flac 0.2.x's inner decoder that the direct path uses. */
export interface FlacWasm {
  wasm: {
    readonly HEAP: ArrayBuffer;
    malloc(bytes: number): number;
    free(pointer: number): void;
    decode_frame(decoder: number, data: number, length: number): void;
  };
  decoder: number;
  /** Addresses (in the WASM heap) of the values decode_frame writes. */
  channels: number;
  samplesDecoded: number;
  outputPointer: number;
  outputLength: number;
  errorString: number;
  stateString: number;
}

function pointerOf(value: unknown): number | null {
  const ptr = (value as { ptr?: unknown } | null)?.ptr;
  return typeof ptr === 'number' ? ptr : null;
}

/**
 * The package's inner decoder, when it has the shape this module knows (0.2.x), else null — then the
 * package's public `decode()` does all the work, only slower. A test checks the direct path is taken.
 */
export function flacInternals(decoder: FLACDecoder): FlacWasm | null {
  const inner = (decoder as unknown as { _decoder?: Record<string, unknown> })._decoder;
  const wasm = (inner?._common as { wasm?: FlacWasm['wasm'] } | undefined)?.wasm;
  if (
    inner === undefined ||
    wasm === undefined ||
    typeof inner._decoder !== 'number' ||
    typeof wasm.malloc !== 'function' ||
    typeof wasm.free !== 'function' ||
    typeof wasm.decode_frame !== 'function' ||
    !(wasm.HEAP instanceof ArrayBuffer)
  )
    return null;
  const fields = [
    inner._channels,
    inner._samplesDecoded,
    inner._outputBufferPtr,
    inner._outputBufferLen,
    inner._errorStringPtr,
    inner._stateStringPtr,
  ].map(pointerOf);
  if (fields.some((field) => field === null)) return null;
  const [channels, samplesDecoded, outputPointer, outputLength, errorString, stateString] =
    fields as number[];
  return {
    wasm,
    decoder: inner._decoder,
    channels: channels!,
    samplesDecoded: samplesDecoded!,
    outputPointer: outputPointer!,
    outputLength: outputLength!,
    errorString: errorString!,
    stateString: stateString!,
  };
}

/**
 * FLAC decoded frame by frame straight through the WASM decoder's `decode_frame`: the frames are
 * split here (flac-frames.ts) instead of by the package's JavaScript frame parser, which checks a
 * CRC-16 over every byte and concatenates its input buffers; and the decoded PCM is read where the
 * decoder wrote it, in the WASM heap, instead of being copied twice (per frame, then per call).
 *
 * This path takes only what it is sure of: a clean stream whose frames follow each other. At the
 * first surprise (a header that does not parse, no next frame in reach, a decoder error, fewer
 * samples than the header announced) it stops before that frame and sets `stoppedAt`; the caller
 * decodes the rest with the package's own parser, which resynchronises on damage as it always did.
 */
export class DirectFlacFrames {
  /** File position where the direct path gave up, or null when it decoded the stream to its end. */
  stoppedAt: number | null = null;
  /** True once decode_frame was called (the decoder's state then needs a reset before other use). */
  usedDecoder = false;
  /** Frames (samples per channel) yielded so far. */
  decodedFrames = 0;

  private readonly buffer: Buffer;
  /** File position of buffer[0]. */
  private start = 0;
  /** Valid bytes in the buffer. */
  private length = 0;
  /** Reads the file from the first frame on, the next chunk while this one decodes. */
  private reader: ReadAhead | null = null;

  constructor(
    private readonly file: AudioFile,
    private readonly offset: number,
    private readonly chunkBytes: number,
    private readonly channels: number,
    private readonly flac: FlacWasm,
  ) {
    this.buffer = Buffer.alloc(
      Math.max(chunkBytes, 64 * 1024) + 2 * (MAX_FRAME_BYTES + MAX_FLAC_HEADER_BYTES),
    );
  }

  async *frames(signal?: AbortSignal): AsyncGenerator<PcmChunk, void, undefined> {
    const audioStart = await this.audioStart();
    if (audioStart === null) {
      this.stoppedAt = this.offset;
      return;
    }
    this.start = audioStart;
    let at = 0;
    if (this.needsFill(at)) await this.fill(at);
    let header = parseFlacFrameHeader(this.buffer, at, this.length);
    if (header === null) {
      this.stoppedAt = this.offset;
      return;
    }
    const { wasm } = this.flac;
    let words = new Uint32Array(wasm.HEAP);
    for (;;) {
      throwIfAborted(signal);
      // Awaited only when a read is due (every ~1 MiB), not once per frame.
      if (this.needsFill(at)) at = await this.fill(at);
      const next = this.findNext(at, header);
      const atEnd = this.start + this.length === this.file.size;
      let end: number;
      if (next !== null) end = next.at;
      else if (atEnd && this.length - at <= MAX_FRAME_BYTES) end = this.length;
      else break;

      const frameLength = end - at;
      const input = wasm.malloc(frameLength);
      new Uint8Array(wasm.HEAP, input, frameLength).set(this.buffer.subarray(at, end));
      this.usedDecoder = true;
      wasm.decode_frame(this.flac.decoder, input, frameLength); // takes ownership of `input`
      if (words.buffer !== wasm.HEAP) words = new Uint32Array(wasm.HEAP); // the heap grew
      const samples = words[this.flac.samplesDecoded >> 2]!;
      const outChannels = words[this.flac.channels >> 2]!;
      const output = words[this.flac.outputPointer >> 2]!;
      const failed = words[this.flac.errorString >> 2]! !== 0 || words[this.flac.stateString >> 2]! !== 0;
      try {
        if (failed || samples !== header.blockSize || outChannels === 0) break;
        const heap = wasm.HEAP;
        const channelData: Float32Array[] = [];
        for (let ch = 0; ch < Math.min(outChannels, this.channels); ch++)
          channelData.push(new Float32Array(heap, output + ch * samples * 4, samples));
        this.decodedFrames += samples;
        yield { channelData, frames: samples };
      } finally {
        const after = words.buffer === wasm.HEAP ? words : new Uint32Array(wasm.HEAP);
        if (output !== 0) wasm.free(output);
        after[this.flac.outputPointer >> 2] = 0;
        after[this.flac.outputLength >> 2] = 0;
        after[this.flac.samplesDecoded >> 2] = 0;
      }
      if (next === null) return; // the last frame
      at = next.at;
      header = next.header;
    }
    this.stoppedAt = this.start + at;
  }

  /** The first frame's position: after 'fLaC' and the metadata blocks; null if they run past the end. */
  private async audioStart(): Promise<number | null> {
    let position = this.offset + 4;
    for (;;) {
      const block = await this.file.read(position, 4);
      if (block.length < 4) return null;
      position += 4 + ((block[1]! << 16) | (block[2]! << 8) | block[3]!);
      if (position >= this.file.size) return null;
      if ((block[0]! & 0x80) !== 0) return position;
    }
  }

  /**
   * Makes sure the buffer holds MAX_FRAME_BYTES + a header from buffer index `at` on (or the file up
   * to its end), moving the bytes from `at` to the front first when reading is needed. Returns the
   * new index of what was at `at`.
   */
  private async fill(at: number): Promise<number> {
    if (!this.needsFill(at)) return at;
    this.buffer.copyWithin(0, at, this.length);
    this.start += at;
    this.length -= at;
    this.reader ??= new ReadAhead(this.file, this.start + this.length, this.chunkBytes);
    while (this.length < FILL_TO && this.start + this.length < this.file.size) {
      const room = Math.min(this.chunkBytes, this.buffer.length - this.length);
      const got = await this.reader.readInto(this.buffer.subarray(this.length, this.length + room));
      if (got === 0) break;
      this.length += got;
    }
    return 0;
  }

  /** True when fewer than a largest frame and a header are buffered from `at` and the file has more. */
  private needsFill(at: number): boolean {
    return this.length - at < FILL_TO && this.start + this.length < this.file.size;
  }

  /** The next frame after the one at `at`: the first sync code that parses and follows `current`. */
  private findNext(at: number, current: FlacFrameHeader): { at: number; header: FlacFrameHeader } | null {
    const limit = Math.min(this.length, at + MAX_FRAME_BYTES + MAX_FLAC_HEADER_BYTES);
    const view = this.buffer.subarray(0, limit);
    const sync = current.blocking === 0 ? SYNC_FIXED : SYNC_VARIABLE;
    for (let c = view.indexOf(sync, at + current.headerBytes + 2); c !== -1; c = view.indexOf(sync, c + 1)) {
      const header = parseFlacFrameHeader(this.buffer, c, this.length);
      if (header !== null && followsFlacFrame(current, header)) return { at: c, header };
    }
    return null;
  }
}

/** What `fill` keeps buffered ahead of the current frame: a largest frame and two headers. */
const FILL_TO = MAX_FRAME_BYTES + 2 * MAX_FLAC_HEADER_BYTES;
const SYNC_FIXED = Buffer.from([0xff, 0xf8]);
const SYNC_VARIABLE = Buffer.from([0xff, 0xf9]);
