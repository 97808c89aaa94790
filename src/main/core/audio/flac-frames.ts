/**
 * FLAC frame headers, for splitting a stream into frames without decoding it: the WASM decoder
 * decodes exactly one frame per call and does not say how many bytes it used, so the frame's end is
 * found here, as the start of the next frame.
 *
 * A frame starts with the sync code `0xFFF8` (fixed block size) or `0xFFF9` (variable), then block
 * size, sample rate, channel assignment and sample size codes, the frame (or first sample) number in
 * UTF-8-like coding, optional block size and sample rate bytes, and a CRC-8 of all of that. Inside
 * compressed audio the sync code appears by chance every 64 KiB or so; a chance match that also has a
 * valid CRC-8, the stream's codes and the expected next number is one in ~2⁴⁰ (2⁻²⁰ per 100 MB file);
 * should one slip through, the decoder reports the cut frame and the stream goes to the fallback.
 */

/** The longest possible frame header: 4 fixed bytes, a 7-byte number, 2 + 2 optional bytes, CRC-8. */
export const MAX_FLAC_HEADER_BYTES = 16;

export interface FlacFrameHeader {
  /** 0: fixed block size (number = frame number), 1: variable (number = first sample number). */
  blocking: number;
  /** Samples per channel in this frame. */
  blockSize: number;
  /** Frame number (fixed) or first sample number (variable). */
  number: number;
  /** The codes every frame of one stream shares: byte 2's sample rate nibble, byte 3's sample size. */
  sampleRateCode: number;
  sampleSizeCode: number;
  channels: number;
  headerBytes: number;
}

const CRC8 = (() => {
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
    table[i] = crc;
  }
  return table;
})();

const BLOCK_SIZES = [0, 192, 576, 1152, 2304, 4608, -1, -2, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768];

/**
 * Parses the frame header at `at` (which must hold 0xFF, 0xF8|blocking), or returns null when it is
 * not a valid one: reserved codes, a bad number coding, a wrong CRC-8, or fewer bytes than it needs.
 */
export function parseFlacFrameHeader(bytes: Uint8Array, at: number, end: number): FlacFrameHeader | null {
  if (at + 6 > end || bytes[at] !== 0xff || (bytes[at + 1]! & 0xfe) !== 0xf8) return null;
  const b2 = bytes[at + 2]!;
  const b3 = bytes[at + 3]!;
  const blockCode = b2 >> 4;
  const sampleRateCode = b2 & 0x0f;
  const assignment = b3 >> 4;
  const sampleSizeCode = (b3 >> 1) & 7;
  if (blockCode === 0 || sampleRateCode === 15 || assignment > 10 || sampleSizeCode === 3 || (b3 & 1) !== 0)
    return null;
  // The number: a UTF-8-style sequence of 1 to 7 bytes (36 bits at most, beyond 2³¹: no bit operators).
  let p = at + 4;
  const first = bytes[p++]!;
  let extra: number;
  let number: number;
  if (first < 0x80) [extra, number] = [0, first];
  else if (first >= 0xc0 && first < 0xe0) [extra, number] = [1, first & 0x1f];
  else if (first >= 0xe0 && first < 0xf0) [extra, number] = [2, first & 0x0f];
  else if (first >= 0xf0 && first < 0xf8) [extra, number] = [3, first & 0x07];
  else if (first >= 0xf8 && first < 0xfc) [extra, number] = [4, first & 0x03];
  else if (first >= 0xfc && first < 0xfe) [extra, number] = [5, first & 0x01];
  else if (first === 0xfe) [extra, number] = [6, 0];
  else return null;
  if (p + extra + 4 > end) return null;
  for (let i = 0; i < extra; i++) {
    const next = bytes[p++]!;
    if ((next & 0xc0) !== 0x80) return null;
    number = number * 64 + (next & 0x3f);
  }
  let blockSize = BLOCK_SIZES[blockCode]!;
  if (blockSize === -1) blockSize = bytes[p++]! + 1;
  else if (blockSize === -2) {
    blockSize = ((bytes[p]! << 8) | bytes[p + 1]!) + 1;
    p += 2;
  }
  if (sampleRateCode === 12) p += 1;
  else if (sampleRateCode === 13 || sampleRateCode === 14) p += 2;
  if (p >= end) return null;
  let crc = 0;
  for (let i = at; i < p; i++) crc = CRC8[crc ^ bytes[i]!]!;
  if (crc !== bytes[p]) return null;
  return {
    blocking: bytes[at + 1]! & 1,
    blockSize,
    number,
    sampleRateCode,
    sampleSizeCode,
    channels: assignment < 8 ? assignment + 1 : 2,
    headerBytes: p + 1 - at,
  };
}

/** True when `next` can follow `current` in one stream: same codes, the next number in sequence. */
export function followsFlacFrame(current: FlacFrameHeader, next: FlacFrameHeader): boolean {
  return (
    next.blocking === current.blocking &&
    next.sampleRateCode === current.sampleRateCode &&
    next.sampleSizeCode === current.sampleSizeCode &&
    next.channels === current.channels &&
    next.number === (current.blocking === 0 ? current.number + 1 : current.number + current.blockSize)
  );
}

/**
 * True when `later` can be a frame of the same stream somewhere after `current` (frames lost in
 * between): same codes, a higher number. What resynchronising after damage looks for.
 */
export function isLaterFlacFrame(current: FlacFrameHeader, later: FlacFrameHeader): boolean {
  return (
    later.blocking === current.blocking &&
    later.sampleRateCode === current.sampleRateCode &&
    later.sampleSizeCode === current.sampleSizeCode &&
    later.channels === current.channels &&
    later.number > current.number
  );
}
