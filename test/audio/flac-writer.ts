/**
 * A test-only FLAC writer: 16-bit VERBATIM subframes (the samples stored as they are), so frame
 * sizes, a very short last frame and the bytes around frames are under the test's control, with no
 * encoder installed. The decoder reads these like any FLAC (libFLAC checks every CRC).
 */
import { concat, quantize } from './audio-writers';

const CRC8 = Uint8Array.from({ length: 256 }, (_, i) => {
  let crc = i;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  return crc;
});

function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = CRC8[crc ^ byte]!;
  return crc;
}

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** The frame number in FLAC's UTF-8-like coding: a lead byte of `extra + 1` ones, then 6 bits a byte. */
function codedNumber(value: number): number[] {
  if (value < 0x80) return [value];
  for (let extra = 1; extra <= 6; extra++) {
    if (value >= 2 ** (6 - extra + 6 * extra)) continue;
    const bytes: number[] = [];
    let rest = value;
    for (let i = 0; i < extra; i++) {
      bytes.unshift(0x80 | (rest & 0x3f));
      rest = Math.floor(rest / 64);
    }
    return [((0xff << (7 - extra)) & 0xff) | rest, ...bytes];
  }
  throw new RangeError(`frame number ${value} is too large`);
}

export interface FlacFrameSpec {
  /** One Int16 array per channel (1 or 2 channels), all of the frame's length (1–65,536). */
  samples: Int16Array[];
}

/** One frame: fixed-blocking header (block size as a 16-bit field, rate and depth codes), subframes, CRC-16. */
export function flacFrame(frameNumber: number, spec: FlacFrameSpec): Uint8Array {
  const channels = spec.samples.length;
  const blockSize = spec.samples[0]!.length;
  const header = Uint8Array.from([
    0xff,
    0xf8, // sync, fixed block size
    (0x7 << 4) | 0x9, // block size: 16 bits at the header's end; rate 44.1 kHz
    ((channels - 1) << 4) | (0x4 << 1), // independent channels; 16-bit
    ...codedNumber(frameNumber),
    (blockSize - 1) >> 8,
    (blockSize - 1) & 0xff,
  ]);
  const subframes = spec.samples.map((channel) => {
    const bytes = new Uint8Array(1 + channel.length * 2);
    bytes[0] = 0x02; // VERBATIM, no wasted bits
    for (let i = 0; i < channel.length; i++) {
      bytes[1 + 2 * i] = (channel[i]! >> 8) & 0xff;
      bytes[2 + 2 * i] = channel[i]! & 0xff;
    }
    return bytes;
  });
  const body = concat([header, Uint8Array.of(crc8(header)), ...subframes]);
  const crc = crc16(body);
  return concat([body, Uint8Array.of(crc >> 8, crc & 0xff)]);
}

/** 'fLaC' and a last-block STREAMINFO for 44.1 kHz 16-bit audio (MD5 unset). */
export function flacHeader(channels: number, blockSize: number, totalSamples: number): Uint8Array {
  const info = new Uint8Array(34);
  const view = new DataView(info.buffer);
  view.setUint16(0, blockSize);
  view.setUint16(2, blockSize);
  // Frame sizes 0 (unknown). Then 20 bits rate, 3 bits channels − 1, 5 bits depth − 1, 36 bits count.
  const rate = 44100;
  info[10] = rate >> 12;
  info[11] = (rate >> 4) & 0xff;
  info[12] = ((rate & 0x0f) << 4) | ((channels - 1) << 1) | (15 >> 4);
  info[13] = ((15 & 0x0f) << 4) | Math.floor(totalSamples / 2 ** 32);
  view.setUint32(14, totalSamples >>> 0);
  return concat([new TextEncoder().encode('fLaC'), Uint8Array.of(0x80, 0, 0, 34), info]);
}

/** A whole FLAC file of `channels` (Float32, in [-1, 1]) cut into frames of `blockSize` samples. */
export function encodeFlac(channels: readonly Float32Array[], blockSize: number): Uint8Array {
  const total = channels[0]!.length;
  const frames: Uint8Array[] = [];
  for (let start = 0, number = 0; start < total; start += blockSize, number++) {
    const samples = channels.map((channel) =>
      Int16Array.from(channel.subarray(start, Math.min(total, start + blockSize)), (v) => quantize(v, 16)),
    );
    frames.push(flacFrame(number, { samples }));
  }
  return concat([flacHeader(channels.length, blockSize, total), ...frames]);
}
