/**
 * A test-only MPEG-1 Layer III frame writer, for streams no encoder makes on request: a mono frame
 * followed by stereo ones, left and right different. Each granule's spectrum holds at most one
 * quadruple of ±1 values in its lowest lines (the count1 region, Huffman table A), scaled by a
 * global gain: a short low tone burst whose loudness the gain sets. No scalefactors, no bit
 * reservoir (main_data_begin 0), no CRC. 128 kbps, 44.1 kHz, 417-byte frames of 1,152 samples.
 */
import { concat } from './audio-writers';

export const MP3_FRAME_SAMPLES = 1152;
const FRAME_BYTES = 417;

class BitWriter {
  private readonly bytes: Uint8Array;
  private bit = 0;

  constructor(length: number) {
    this.bytes = new Uint8Array(length);
  }

  write(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      if ((value >> i) & 1) this.bytes[this.bit >> 3]! |= 0x80 >> (this.bit & 7);
      this.bit++;
    }
  }

  /** A bit string such as '0101'. */
  writeCode(code: string): void {
    for (const c of code) this.write(c === '1' ? 1 : 0, 1);
  }

  get position(): number {
    return this.bit;
  }

  result(): Uint8Array {
    return this.bytes;
  }
}

/** Huffman table A of the count1 region (ISO 11172-3, table B.7), indexed by v·8 + w·4 + x·2 + y. */
const COUNT1_TABLE_A = [
  '1',
  '0101',
  '0100',
  '00101',
  '0110',
  '000101',
  '00100',
  '000100',
  '0111',
  '00011',
  '00110',
  '000000',
  '00111',
  '000010',
  '000011',
  '000001',
];

/** One channel's content in one granule: silent, or four lowest lines of ±1 or 0 at `gain` (0–255). */
export type GranuleTone = null | { gain: number; lines: readonly [number, number, number, number] };

/** The count1 bits for `tone`: the quadruple's code, then a sign bit (1 = negative) per non-zero value. */
function count1Bits(tone: GranuleTone): string {
  if (tone === null) return '';
  const magnitudes = tone.lines.map((value) => (value === 0 ? 0 : 1));
  const index = magnitudes[0]! * 8 + magnitudes[1]! * 4 + magnitudes[2]! * 2 + magnitudes[3]!;
  const signs = tone.lines.filter((value) => value !== 0).map((value) => (value < 0 ? '1' : '0'));
  return COUNT1_TABLE_A[index]! + signs.join('');
}

/**
 * One frame. `channels[ch][granule]`: one channel (mono) or two (plain stereo, no joint coding),
 * two granules each.
 */
export function mp3Frame(channels: readonly (readonly [GranuleTone, GranuleTone])[]): Uint8Array {
  const stereo = channels.length === 2;
  const bits = new BitWriter(FRAME_BYTES);
  // Header: sync, MPEG-1, Layer III, no CRC; 128 kbps, 44.1 kHz, no padding; mode stereo or mono.
  bits.write(0xfffb, 16);
  bits.write(0x90, 8);
  bits.write(stereo ? 0x00 : 0xc0, 8);
  // Side information.
  bits.write(0, 9); // main_data_begin: no bit reservoir
  bits.write(0, stereo ? 3 : 5); // private bits
  for (let ch = 0; ch < channels.length; ch++) bits.write(0, 4); // scfsi
  const codes = [0, 1].map((granule) => channels.map((channel) => count1Bits(channel[granule as 0 | 1])));
  for (let granule = 0; granule < 2; granule++)
    for (let ch = 0; ch < channels.length; ch++) {
      const tone = channels[ch]![granule as 0 | 1];
      bits.write(codes[granule]![ch]!.length, 12); // part2_3_length: no scalefactor bits, count1 only
      bits.write(0, 9); // big_values
      bits.write(tone?.gain ?? 0, 8); // global_gain
      bits.write(0, 4); // scalefac_compress: no scalefactors
      bits.write(0, 1); // window_switching_flag: a long block
      bits.write(0, 15); // table_select × 3 (unused: no big values)
      bits.write(0, 4); // region0_count
      bits.write(0, 3); // region1_count
      bits.write(0, 1); // preflag
      bits.write(0, 1); // scalefac_scale
      bits.write(0, 1); // count1table_select: table A
    }
  // Main data, granule by granule, channel by channel; the rest of the frame is ancillary zeros.
  for (const granule of codes) for (const code of granule) bits.writeCode(code);
  return bits.result();
}

/** `count` frames of one repeated content: a steady stretch of the stream. */
export function mp3Frames(
  count: number,
  channels: readonly (readonly [GranuleTone, GranuleTone])[],
): Uint8Array {
  return concat(Array.from({ length: count }, () => mp3Frame(channels)));
}
