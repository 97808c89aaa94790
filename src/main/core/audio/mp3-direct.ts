import type { MPEGDecoder } from 'mpg123-decoder';
import type { PcmChunk } from './types';

const MPG123_NEED_MORE = -10;
const MPG123_NEW_FORMAT = -11;

/** The parts of mpg123-decoder 1.0.x's decoder object that the direct path uses. */
interface MpegWasm {
  wasm: {
    readonly HEAP: ArrayBuffer;
    mpeg_decoder_feed(decoder: number, input: number, length: number): number;
    mpeg_decoder_read(
      decoder: number,
      output: number,
      outputLength: number,
      samplesDecoded: number,
      sampleRate: number,
      errorString: number,
    ): number;
  };
  decoder: number;
  input: { ptr: number; len: number };
  output: { ptr: number; len: number };
  samplesDecoded: number;
  sampleRate: number;
  errorString: number;
  errorMessage: (error: number) => string;
}

interface Allocation {
  ptr: number;
  len: number;
}

function isAllocation(value: unknown): value is Allocation {
  const candidate = value as Partial<Allocation> | null | undefined;
  return typeof candidate?.ptr === 'number' && typeof candidate.len === 'number';
}

/**
 * MP3 decoded through mpg123-decoder's WASM functions directly, the way its own `decode()` does (same
 * feed/read loop, same error handling), except that each read's PCM is handed on where mpg123 wrote
 * it, in the WASM heap: `decode()` copies every read twice (a slice per channel, then one
 * concatenation per call) and keeps the whole call's output alive. Null when the decoder does not
 * have the shape this module knows (another major version): then `decode()` is used, only slower.
 */
export class DirectMpegDecoder {
  private constructor(private readonly mpeg: MpegWasm) {}

  static of(decoder: MPEGDecoder): DirectMpegDecoder | null {
    const inner = decoder as unknown as Record<string, unknown>;
    const common = inner._common as { wasm?: MpegWasm['wasm'] } | undefined;
    const wasm = common?.wasm;
    const pointers = [inner._samplesDecodedPtr, inner._sampleRatePtr, inner._errorStringPtr];
    if (
      wasm === undefined ||
      typeof inner._decoder !== 'number' ||
      typeof wasm.mpeg_decoder_feed !== 'function' ||
      typeof wasm.mpeg_decoder_read !== 'function' ||
      !(wasm.HEAP instanceof ArrayBuffer) ||
      !isAllocation(inner._input) ||
      !isAllocation(inner._output) ||
      !pointers.every(isAllocation) ||
      typeof inner._getErrorMessage !== 'function'
    )
      return null;
    const [samplesDecoded, sampleRate, errorString] = pointers as Allocation[];
    return new DirectMpegDecoder({
      wasm,
      decoder: inner._decoder,
      input: inner._input,
      output: inner._output,
      samplesDecoded: samplesDecoded!.ptr,
      sampleRate: sampleRate!.ptr,
      errorString: errorString!.ptr,
      errorMessage: inner._getErrorMessage as (error: number) => string,
    });
  }

  /**
   * Feeds `data` and yields each read's PCM: views into the WASM heap, valid until the generator is
   * resumed (consume each chunk before asking for the next). Always two channels: mpg123's output
   * format, a mono frame copied into both.
   */
  *decode(data: Uint8Array): Generator<PcmChunk, void, undefined> {
    const { wasm, decoder, input, output } = this.mpeg;
    for (let offset = 0; offset < data.length;) {
      const piece = data.subarray(offset, offset + input.len);
      offset += piece.length;
      new Uint8Array(wasm.HEAP, input.ptr, piece.length).set(piece);
      let error = wasm.mpeg_decoder_feed(decoder, input.ptr, piece.length);
      if (error === MPG123_NEED_MORE) continue;
      for (;;) {
        new Uint32Array(wasm.HEAP, this.mpeg.samplesDecoded, 1)[0] = 0;
        error = wasm.mpeg_decoder_read(
          decoder,
          output.ptr,
          output.len,
          this.mpeg.samplesDecoded,
          this.mpeg.sampleRate,
          this.mpeg.errorString,
        );
        const heap = wasm.HEAP;
        const samples = new Uint32Array(heap, this.mpeg.samplesDecoded, 1)[0]!;
        if (samples > 0) {
          const channelData = [
            new Float32Array(heap, output.ptr, samples),
            new Float32Array(heap, output.ptr + samples * 4, samples),
          ];
          yield { channelData, frames: samples };
        }
        if (error === MPG123_NEW_FORMAT) continue;
        if (error === MPG123_NEED_MORE) break;
        // Like decode(): a damaged frame is reported and reading goes on.
        if (error) console.error(`mpg123-decoder: ${this.mpeg.errorMessage(error)}`);
      }
    }
  }
}
