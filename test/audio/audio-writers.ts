/**
 * Test-only WAV and AIFF writers, so every supported format, bit depth and header oddity is made
 * at run time with known content (no sox in CI). Signals are planar Float32 in [-1, 1].
 */

export type SampleFormat = { kind: 'int'; bits: 8 | 16 | 24 | 32 } | { kind: 'float'; bits: 32 | 64 };

export interface Pcm {
  sampleRate: number;
  /** One array per channel, all the same length. */
  channels: Float32Array[];
  format: SampleFormat;
}

export interface ExtraChunk {
  id: string;
  body: Uint8Array;
}

/**
 * Integer quantisation with symmetric rounding, so -x encodes as exactly the negation of x (what the
 * stereo-cancellation test relies on); full scale is clamped to the positive maximum.
 */
export function quantize(value: number, bits: number): number {
  const scale = 2 ** (bits - 1);
  const q = Math.sign(value) * Math.round(Math.abs(value) * scale);
  return Math.max(-scale, Math.min(scale - 1, q));
}

/** What a decoder should return for `value` written in `format`. */
export function roundTrip(value: number, format: SampleFormat): number {
  if (format.kind === 'float') return format.bits === 32 ? Math.fround(value) : value;
  return quantize(value, format.bits) / 2 ** (format.bits - 1);
}

export function sine(frames: number, sampleRate: number, frequency: number, amplitude: number): Float32Array {
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return out;
}

/** Deterministic noise in [-amplitude, amplitude] (a small LCG: tests must not depend on Math.random). */
export function noise(frames: number, amplitude: number, seed = 1): Float32Array {
  const out = new Float32Array(frames);
  let state = seed >>> 0;
  for (let i = 0; i < frames; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (state / 2 ** 32) * 2 * amplitude - amplitude;
  }
  return out;
}

type Endian = 'le' | 'be';

/** Interleaves and encodes samples. `unsigned8`: 8-bit as offset binary (WAV, AIFF-C `raw `). */
export function encodeSamples(pcm: Pcm, endian: Endian, unsigned8: boolean): Uint8Array {
  const { channels, format } = pcm;
  const frames = channels[0]?.length ?? 0;
  const bytes = format.bits / 8;
  const out = new Uint8Array(frames * channels.length * bytes);
  const view = new DataView(out.buffer);
  const le = endian === 'le';
  let p = 0;
  for (let i = 0; i < frames; i++) {
    for (const channel of channels) {
      const value = channel[i]!;
      if (format.kind === 'float') {
        if (format.bits === 32) view.setFloat32(p, value, le);
        else view.setFloat64(p, value, le);
      } else {
        const q = quantize(value, format.bits);
        if (format.bits === 8) view.setUint8(p, unsigned8 ? q + 128 : q & 0xff);
        else if (format.bits === 16) view.setInt16(p, q, le);
        else if (format.bits === 32) view.setInt32(p, q, le);
        else {
          const u = q & 0xffffff;
          const b = [u & 0xff, (u >> 8) & 0xff, (u >> 16) & 0xff];
          out.set(le ? b : b.reverse(), p);
        }
      }
      p += bytes;
    }
  }
  return out;
}

function ascii4(id: string): Uint8Array {
  return Uint8Array.from(id.padEnd(4, ' ').slice(0, 4), (c) => c.charCodeAt(0));
}

function u16(value: number, endian: Endian): Uint8Array {
  const out = new Uint8Array(2);
  new DataView(out.buffer).setUint16(0, value, endian === 'le');
  return out;
}

function u32(value: number, endian: Endian): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, endian === 'le');
  return out;
}

function u64le(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value), true);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

/** A chunk: id, size, body, and a pad byte after an odd body unless `pad` is false. */
function chunk(id: string, body: Uint8Array, endian: Endian, pad = true, size = body.length): Uint8Array {
  const parts = [ascii4(id), u32(size, endian), body];
  if (pad && body.length % 2 === 1) parts.push(new Uint8Array(1));
  return concat(parts);
}

export interface WavOptions {
  /** WAVE_FORMAT_EXTENSIBLE (0xFFFE) with the PCM or IEEE-float sub-format GUID. */
  extensible?: boolean;
  /** EXTENSIBLE's wValidBitsPerSample when narrower than the container (24 in 32). */
  validBits?: number;
  /** RIFX: the big-endian variant. */
  rifx?: boolean;
  /** RF64: 0xFFFFFFFF in the 32-bit sizes, the real ones in a ds64 chunk. */
  rf64?: boolean;
  /** What the data chunk's size field says: the real size (default), 0, or 0xFFFFFFFF. */
  dataSize?: 'real' | 'zero' | 'max';
  /** Chunks before fmt, between fmt and data, and after data. */
  before?: ExtraChunk[];
  between?: ExtraChunk[];
  after?: ExtraChunk[];
  /** Pad odd-sized extra chunks (the spec); false imitates writers that forget. */
  padOdd?: boolean;
  /** Put the data chunk before fmt. */
  dataFirst?: boolean;
}

export function encodeWav(pcm: Pcm, options: WavOptions = {}): Uint8Array {
  const endian: Endian = options.rifx ? 'be' : 'le';
  const { format } = pcm;
  const channels = pcm.channels.length;
  const blockAlign = channels * (format.bits / 8);
  const tag = format.kind === 'float' ? 3 : 1;
  const fmtParts = [
    u16(options.extensible ? 0xfffe : tag, endian),
    u16(channels, endian),
    u32(pcm.sampleRate, endian),
    u32(pcm.sampleRate * blockAlign, endian),
    u16(blockAlign, endian),
    u16(format.bits, endian),
  ];
  if (options.extensible) {
    // cbSize 22, valid bits, channel mask, then the sub-format GUID (its first two bytes: the tag).
    const guidTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
    fmtParts.push(
      u16(22, endian),
      u16(options.validBits ?? format.bits, endian),
      u32(0, endian),
      u16(tag, endian),
      Uint8Array.from(guidTail),
    );
  }
  const data = encodeSamples(pcm, endian, true);
  const pad = options.padOdd ?? true;
  const extra = (list: ExtraChunk[] | undefined): Uint8Array[] =>
    (list ?? []).map((c) => chunk(c.id, c.body, endian, pad));
  const dataSizeField =
    options.rf64 || options.dataSize === 'max' ? 0xffffffff : options.dataSize === 'zero' ? 0 : data.length;
  const fmtChunk = chunk('fmt ', concat(fmtParts), endian);
  const dataChunk = chunk('data', data, endian, true, dataSizeField);
  const body = [
    ...(options.rf64
      ? [
          chunk(
            'ds64',
            concat([u64le(0), u64le(data.length), u64le(data.length / blockAlign), u32(0, 'le')]),
            'le',
          ),
        ]
      : []),
    ...extra(options.before),
    ...(options.dataFirst ? [dataChunk, fmtChunk] : [fmtChunk, ...extra(options.between), dataChunk]),
    ...extra(options.after),
  ];
  const riffBody = concat([ascii4('WAVE'), ...body]);
  const riffId = options.rf64 ? 'RF64' : options.rifx ? 'RIFX' : 'RIFF';
  return concat([ascii4(riffId), u32(options.rf64 ? 0xffffffff : riffBody.length, endian), riffBody]);
}

export type AiffCompression =
  'NONE' | 'twos' | 'sowt' | 'fl32' | 'FL32' | 'fl64' | 'FL64' | 'in24' | 'in32' | 'raw ';

export interface AiffOptions {
  /** AIFF-C with this compression type; plain AIFF when absent (big-endian integers). */
  compression?: AiffCompression;
  /** Chunks before COMM. */
  before?: ExtraChunk[];
  /** SSND's offset field: that many zero bytes precede the first frame. */
  ssndOffset?: number;
  /** Overrides COMM's frame count (0: "unknown", as streaming writers leave it). */
  commFrames?: number;
  /** The sample rate written in COMM, when it must differ from pcm.sampleRate (e.g. fractional). */
  commRate?: number;
}

/** An 80-bit IEEE 754 extended float, big-endian, as AIFF stores its sample rate. */
export function extended80(value: number): Uint8Array {
  const out = new Uint8Array(10);
  if (value === 0) return out;
  const exponent = Math.floor(Math.log2(value));
  // 64-bit mantissa with the integer bit explicit: value / 2^exponent in [1, 2), times 2^63.
  const mantissa = BigInt(Math.round((value / 2 ** exponent) * 2 ** 52)) << 11n;
  new DataView(out.buffer).setUint16(0, exponent + 16383, false);
  new DataView(out.buffer).setBigUint64(2, mantissa, false);
  return out;
}

export function encodeAiff(pcm: Pcm, options: AiffOptions = {}): Uint8Array {
  const compression = options.compression;
  const isAifc = compression !== undefined;
  const endian: Endian = compression === 'sowt' ? 'le' : 'be';
  const frames = pcm.channels[0]?.length ?? 0;
  const commParts = [
    u16(pcm.channels.length, 'be'),
    u32(options.commFrames ?? frames, 'be'),
    u16(pcm.format.bits, 'be'),
    extended80(options.commRate ?? pcm.sampleRate),
  ];
  if (isAifc) commParts.push(ascii4(compression), Uint8Array.of(4), ascii4('none'), new Uint8Array(1));
  const offset = options.ssndOffset ?? 0;
  const samples = encodeSamples(pcm, endian, compression === 'raw ');
  const ssnd = concat([u32(offset, 'be'), u32(0, 'be'), new Uint8Array(offset), samples]);
  const body = concat([
    ascii4(isAifc ? 'AIFC' : 'AIFF'),
    ...(isAifc ? [chunk('FVER', u32(0xa2805140, 'be'), 'be')] : []),
    ...(options.before ?? []).map((c) => chunk(c.id, c.body, 'be')),
    chunk('COMM', concat(commParts), 'be'),
    chunk('SSND', ssnd, 'be'),
  ]);
  return concat([ascii4('FORM'), u32(body.length, 'be'), body]);
}
