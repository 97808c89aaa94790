/** Small readers for header fields; headers are read as plain byte arrays, never DataViews kept around. */

export function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let i = offset; i < offset + length && i < bytes.length; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

export function u16(bytes: Uint8Array, offset: number, littleEndian: boolean): number {
  const a = bytes[offset]!;
  const b = bytes[offset + 1]!;
  return littleEndian ? a | (b << 8) : (a << 8) | b;
}

export function u32(bytes: Uint8Array, offset: number, littleEndian: boolean): number {
  const a = bytes[offset]!;
  const b = bytes[offset + 1]!;
  const c = bytes[offset + 2]!;
  const d = bytes[offset + 3]!;
  // `>>> 0` keeps values ≥ 2^31 positive (0xFFFFFFFF is a meaningful "unknown size").
  return (littleEndian ? a | (b << 8) | (c << 16) | (d << 24) : (a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** A 64-bit unsigned size; null when it does not fit a double exactly (no real file is that big). */
export function u64(bytes: Uint8Array, offset: number, littleEndian: boolean): number | null {
  const low = u32(bytes, littleEndian ? offset : offset + 4, littleEndian);
  const high = u32(bytes, littleEndian ? offset + 4 : offset, littleEndian);
  const value = high * 2 ** 32 + low;
  return Number.isSafeInteger(value) ? value : null;
}

/** RIFF/IFF chunk ids are four printable ASCII characters (spaces allowed, as in `fmt `). */
export function isChunkId(bytes: Uint8Array, offset: number): boolean {
  if (offset + 4 > bytes.length) return false;
  for (let i = offset; i < offset + 4; i++) {
    const c = bytes[i]!;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}
