import type { FLACDecoder } from '@wasm-audio-decoders/flac';
import type { AudioFile } from './audio-file';
import { throwIfAborted } from './errors';
import {
  followsFlacFrame,
  isLaterFlacFrame,
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
 * A frame ends where the next frame's header starts. Every frame is decoded, the last one too,
 * whatever follows it (an ID3v1 or APE tag, cover art larger than a frame, a cut frame); a frame
 * that fails libFLAC's checks (CRC-16) is left out, and decoding goes on with the next one:
 * - the next header found (the usual case): the frame is handed over exactly.
 * - no next header, but a later frame of the stream within a frame's reach (a damaged header, a
 *   lost frame): the frame is handed over up to that one.
 * - nothing within reach: the frame is handed over with what follows it, up to the longest frame
 *   (libFLAC reads what it needs); then the rest of the file is scanned for a later frame (a damaged
 *   stretch longer than a frame) before calling it the end of the stream.
 * After a failed frame, or one handed over with extra bytes, the decoder is renewed before the next
 * frame: libFLAC keeps unread input and an end-of-stream state between calls.
 *
 * `stoppedAt` is set only when this path cannot start (no frame header where the audio begins) or
 * the renewed decoder lacks the internals; the caller then decodes the rest with the package's parser.
 */
export class DirectFlacFrames {
  /** File position where the direct path gave up, or null when it decoded the stream to its end. */
  stoppedAt: number | null = null;
  /** True once decode_frame was called on the current decoder (it then needs a reset before other use). */
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
  /** The decoder holds unread input or a failed state: renew it before the next frame. */
  private dirty = false;
  /** A word view of the WASM heap, replaced when the heap grows. */
  private words: Uint32Array;
  /** The last frame's PCM in the WASM heap, freed once the consumer is done with it. */
  private output = 0;

  constructor(
    private readonly file: AudioFile,
    private readonly offset: number,
    private readonly chunkBytes: number,
    private readonly channels: number,
    private flac: FlacWasm,
    /** A fresh decoder (the package's reset()), or null when it lacks the internals. */
    private readonly renewDecoder: () => Promise<FlacWasm | null>,
  ) {
    this.buffer = Buffer.alloc(
      Math.max(chunkBytes, 64 * 1024) + 2 * (MAX_FRAME_BYTES + MAX_FLAC_HEADER_BYTES),
    );
    this.words = new Uint32Array(flac.wasm.HEAP);
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
    const first = parseFlacFrameHeader(this.buffer, at, this.length);
    if (first === null) {
      this.stoppedAt = this.offset;
      return;
    }
    let header: FlacFrameHeader = first;
    for (;;) {
      throwIfAborted(signal);
      // Awaited only when a read is due (every ~1 MiB), not once per frame.
      if (this.needsFill(at)) at = await this.fill(at);
      const reach = Math.min(this.length, at + MAX_FRAME_BYTES + MAX_FLAC_HEADER_BYTES);
      const from = at + header.headerBytes + 2;
      const following = this.findFrame(from, reach, header, followsFlacFrame);
      const next = following ?? this.findFrame(from, reach, header, isLaterFlacFrame);
      if (this.dirty && !(await this.renew())) {
        this.stoppedAt = this.start + at;
        return;
      }
      const chunk = this.decode(at, next?.at ?? reach, header);
      // Handed over with bytes after it (a damaged frame, a tag): libFLAC keeps what it did not read.
      if (following === null) this.dirty = true;
      try {
        if (chunk !== null) {
          this.decodedFrames += chunk.frames;
          yield chunk;
        }
      } finally {
        this.releaseOutput();
      }
      if (next === null) {
        const later = await this.findBeyond(reach, header, signal);
        if (later === null) return; // the end of the stream
        [at, header] = [later.at, later.header];
      } else [at, header] = [next.at, next.header];
    }
  }

  /**
   * Decodes the frame in buffer[at, end) and returns its PCM (views into the WASM heap, valid until
   * releaseOutput), or null when libFLAC refused it (it then returns no samples).
   */
  private decode(at: number, end: number, header: FlacFrameHeader): PcmChunk | null {
    const { wasm } = this.flac;
    const frameLength = end - at;
    const input = wasm.malloc(frameLength);
    new Uint8Array(wasm.HEAP, input, frameLength).set(this.buffer.subarray(at, end));
    this.usedDecoder = true;
    wasm.decode_frame(this.flac.decoder, input, frameLength); // takes ownership of `input`
    if (this.words.buffer !== wasm.HEAP) this.words = new Uint32Array(wasm.HEAP); // the heap grew
    const words = this.words;
    const samples = words[this.flac.samplesDecoded >> 2]!;
    const outChannels = words[this.flac.channels >> 2]!;
    this.output = words[this.flac.outputPointer >> 2]!;
    const failed = words[this.flac.errorString >> 2]! !== 0 || words[this.flac.stateString >> 2]! !== 0;
    if (failed) this.dirty = true;
    if (failed || samples !== header.blockSize || outChannels === 0) return null;
    const channelData: Float32Array[] = [];
    for (let ch = 0; ch < Math.min(outChannels, this.channels); ch++)
      channelData.push(new Float32Array(wasm.HEAP, this.output + ch * samples * 4, samples));
    return { channelData, frames: samples };
  }

  private releaseOutput(): void {
    const { wasm } = this.flac;
    if (this.words.buffer !== wasm.HEAP) this.words = new Uint32Array(wasm.HEAP);
    if (this.output !== 0) wasm.free(this.output);
    this.output = 0;
    this.words[this.flac.outputPointer >> 2] = 0;
    this.words[this.flac.outputLength >> 2] = 0;
    this.words[this.flac.samplesDecoded >> 2] = 0;
  }

  /** Replaces the decoder with a fresh one; false when the fresh one lacks the internals. */
  private async renew(): Promise<boolean> {
    const flac = await this.renewDecoder();
    if (flac === null) return false;
    this.flac = flac;
    this.words = new Uint32Array(flac.wasm.HEAP);
    this.dirty = false;
    this.usedDecoder = false;
    return true;
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

  /** The first frame header in buffer[from, limit) that `accept`s as coming after `current`. */
  private findFrame(
    from: number,
    limit: number,
    current: FlacFrameHeader,
    accept: (current: FlacFrameHeader, candidate: FlacFrameHeader) => boolean,
  ): { at: number; header: FlacFrameHeader } | null {
    const view = this.buffer.subarray(0, limit);
    const sync = current.blocking === 0 ? SYNC_FIXED : SYNC_VARIABLE;
    for (let c = view.indexOf(sync, from); c !== -1; c = view.indexOf(sync, c + 1)) {
      const header = parseFlacFrameHeader(this.buffer, c, this.length);
      if (header !== null && accept(current, header)) return { at: c, header };
    }
    return null;
  }

  /**
   * A later frame of the stream from buffer index `from` to the end of the file, reading on as
   * needed (the bytes before `from` are no longer needed); null when there is none.
   */
  private async findBeyond(
    from: number,
    current: FlacFrameHeader,
    signal: AbortSignal | undefined,
  ): Promise<{ at: number; header: FlacFrameHeader } | null> {
    let scan = from;
    for (;;) {
      throwIfAborted(signal);
      if (this.needsFill(scan)) scan = await this.fill(scan);
      const found = this.findFrame(scan, this.length, current, isLaterFlacFrame);
      if (found !== null || this.start + this.length >= this.file.size) return found;
      // A header may straddle the buffer's end: look at its last bytes again after the next read.
      scan = Math.max(scan, this.length - MAX_FLAC_HEADER_BYTES);
    }
  }
}

/** What `fill` keeps buffered ahead of the current frame: a largest frame and two headers. */
const FILL_TO = MAX_FRAME_BYTES + 2 * MAX_FLAC_HEADER_BYTES;
const SYNC_FIXED = Buffer.from([0xff, 0xf8]);
const SYNC_VARIABLE = Buffer.from([0xff, 0xf9]);
