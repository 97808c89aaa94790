import { endianness } from 'node:os';

/** How uncompressed samples are stored (WAV and AIFF only differ in these three facts). */
export interface PcmEncoding {
  /**
   * `uint`: offset binary (8-bit WAV, AIFF-C `raw `); `int`: two's complement; `float`: IEEE 754;
   * `ulaw`/`alaw`: G.711 companded bytes (telephony, old Mac and Sun files), one byte a sample.
   */
  kind: 'int' | 'uint' | 'float' | 'ulaw' | 'alaw';
  /** Container size of one sample. Narrower samples (20 bits in 3 bytes) are left-justified in it. */
  bytesPerSample: 1 | 2 | 3 | 4 | 8;
  littleEndian: boolean;
}

/**
 * Converts `frames` interleaved frames from `bytes` into planar Float32 `out[channel]`. Integers are
 * scaled by 2^(bits-1), so full-scale negative is exactly -1 and positive full scale just under +1.
 */
export type PcmConverter = (bytes: Uint8Array, frames: number, channels: number, out: Float32Array[]) => void;

export function encodingName(encoding: PcmEncoding): string {
  if (encoding.kind === 'ulaw' || encoding.kind === 'alaw')
    return encoding.kind === 'ulaw' ? 'pcm_mulaw' : 'pcm_alaw';
  const bits = encoding.bytesPerSample * 8;
  const order = encoding.bytesPerSample === 1 ? '' : encoding.littleEndian ? 'le' : 'be';
  if (encoding.kind === 'float') return `float${bits}${order}`;
  return `pcm_${encoding.kind === 'uint' ? 'u' : 's'}${bits}${order}`;
}

export function isSupportedEncoding(encoding: PcmEncoding): boolean {
  if (encoding.kind === 'float') return encoding.bytesPerSample === 4 || encoding.bytesPerSample === 8;
  if (encoding.kind !== 'int') return encoding.bytesPerSample === 1; // uint, ulaw, alaw
  return encoding.bytesPerSample <= 4;
}

const HOST_LITTLE_ENDIAN = endianness() === 'LE';

export function pcmConverter(encoding: PcmEncoding): PcmConverter {
  const { kind, bytesPerSample: size, littleEndian: le } = encoding;
  if (kind === 'float') return size === 4 ? float32(le) : float64(le);
  if (kind === 'uint') return uint8;
  if (kind === 'ulaw') return companded(MU_LAW);
  if (kind === 'alaw') return companded(A_LAW);
  switch (size) {
    case 1:
      return int8;
    case 2:
      return int16(le);
    case 3:
      return int24(le);
    default:
      return int32(le);
  }
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function uint8(bytes: Uint8Array, frames: number, channels: number, out: Float32Array[]): void {
  for (let ch = 0; ch < channels; ch++) {
    const target = out[ch]!;
    for (let i = 0, p = ch; i < frames; i++, p += channels) target[i] = (bytes[p]! - 128) / 128;
  }
}

/**
 * G.711: each byte stands for a 16-bit value (ITU-T G.711's decoding tables, what ffmpeg and sox
 * give), scaled like 16-bit PCM. Computed once into 256-entry tables.
 */
const MU_LAW = Float32Array.from({ length: 256 }, (_, byte) => {
  const u = ~byte & 0xff;
  const biased = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return (u & 0x80 ? 0x84 - biased : biased - 0x84) / 32768; // both zeros +0, never -0
});
const A_LAW = Float32Array.from({ length: 256 }, (_, byte) => {
  const a = byte ^ 0x55;
  const segment = (a & 0x70) >> 4;
  const step = (a & 0x0f) << 4;
  const magnitude = segment === 0 ? step + 8 : (step + 0x108) << (segment - 1);
  return (a & 0x80 ? magnitude : -magnitude) / 32768;
});

/** G.711 decoding tables (byte → sample in [-1, 1), exact multiples of 1/32768): the window's AIFF-as-WAV uses them too. */
export const G711_TABLES: Readonly<Record<'ulaw' | 'alaw', Float32Array>> = { ulaw: MU_LAW, alaw: A_LAW };

function companded(table: Float32Array): PcmConverter {
  return (bytes, frames, channels, out) => {
    for (let ch = 0; ch < channels; ch++) {
      const target = out[ch]!;
      for (let i = 0, p = ch; i < frames; i++, p += channels) target[i] = table[bytes[p]!]!;
    }
  };
}

function int8(bytes: Uint8Array, frames: number, channels: number, out: Float32Array[]): void {
  for (let ch = 0; ch < channels; ch++) {
    const target = out[ch]!;
    for (let i = 0, p = ch; i < frames; i++, p += channels) target[i] = ((bytes[p]! << 24) >> 24) / 128;
  }
}

function int16(le: boolean): PcmConverter {
  const scale = 1 / 32768;
  return (bytes, frames, channels, out) => {
    // The common case (16-bit little-endian on a little-endian machine, aligned buffer) reads through
    // an Int16Array view, which is what lets a 10-minute WAV analyse at well over 1000× real time.
    if (le === HOST_LITTLE_ENDIAN && bytes.byteOffset % 2 === 0) {
      const samples = new Int16Array(bytes.buffer, bytes.byteOffset, frames * channels);
      for (let ch = 0; ch < channels; ch++) {
        const target = out[ch]!;
        for (let i = 0, p = ch; i < frames; i++, p += channels) target[i] = samples[p]! * scale;
      }
      return;
    }
    const view = viewOf(bytes);
    const stride = channels * 2;
    for (let ch = 0; ch < channels; ch++) {
      const target = out[ch]!;
      for (let i = 0, p = ch * 2; i < frames; i++, p += stride) target[i] = view.getInt16(p, le) * scale;
    }
  };
}

function int24(le: boolean): PcmConverter {
  const scale = 1 / 8388608;
  return (bytes, frames, channels, out) => {
    const stride = channels * 3;
    for (let ch = 0; ch < channels; ch++) {
      const target = out[ch]!;
      for (let i = 0, p = ch * 3; i < frames; i++, p += stride) {
        const value = le
          ? bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16)
          : (bytes[p]! << 16) | (bytes[p + 1]! << 8) | bytes[p + 2]!;
        target[i] = ((value << 8) >> 8) * scale; // sign-extend from bit 23
      }
    }
  };
}

function int32(le: boolean): PcmConverter {
  const scale = 1 / 2147483648;
  return (bytes, frames, channels, out) => {
    const view = viewOf(bytes);
    const stride = channels * 4;
    for (let ch = 0; ch < channels; ch++) {
      const target = out[ch]!;
      for (let i = 0, p = ch * 4; i < frames; i++, p += stride) target[i] = view.getInt32(p, le) * scale;
    }
  };
}

function float32(le: boolean): PcmConverter {
  return (bytes, frames, channels, out) => {
    if (le === HOST_LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
      const samples = new Float32Array(bytes.buffer, bytes.byteOffset, frames * channels);
      for (let ch = 0; ch < channels; ch++) {
        const target = out[ch]!;
        for (let i = 0, p = ch; i < frames; i++, p += channels) target[i] = samples[p]!;
      }
      return;
    }
    const view = viewOf(bytes);
    const stride = channels * 4;
    for (let ch = 0; ch < channels; ch++) {
      const target = out[ch]!;
      for (let i = 0, p = ch * 4; i < frames; i++, p += stride) target[i] = view.getFloat32(p, le);
    }
  };
}

function float64(le: boolean): PcmConverter {
  return (bytes, frames, channels, out) => {
    const view = viewOf(bytes);
    const stride = channels * 8;
    for (let ch = 0; ch < channels; ch++) {
      const target = out[ch]!;
      for (let i = 0, p = ch * 8; i < frames; i++, p += stride) target[i] = view.getFloat64(p, le);
    }
  };
}
