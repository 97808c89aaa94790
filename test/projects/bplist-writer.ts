// A small binary-plist (bplist00) writer for tests: enough of Apple's format to build the plists a
// Logic or GarageBand bundle holds (dictionaries, arrays, strings, integers, reals, booleans).

export type PlistInput =
  string | number | boolean | null | Buffer | PlistInput[] | { [key: string]: PlistInput };

const REF_SIZE = 2;
const OFFSET_SIZE = 4;

export function writeBinaryPlist(top: PlistInput): Buffer {
  const objects: Buffer[] = [];
  // Each value becomes its own object (no sharing); containers are written after their children
  // get numbers, so references always point at objects already numbered.
  const add = (value: PlistInput): number => {
    const index = objects.length;
    objects.push(Buffer.alloc(0));
    objects[index] = encode(value, add);
    return index;
  };
  const topIndex = add(top);

  const header = Buffer.from('bplist00', 'latin1');
  const offsets: number[] = [];
  let position = header.length;
  for (const object of objects) {
    offsets.push(position);
    position += object.length;
  }
  const table = Buffer.alloc(objects.length * OFFSET_SIZE);
  offsets.forEach((offset, i) => table.writeUInt32BE(offset, i * OFFSET_SIZE));
  const trailer = Buffer.alloc(32);
  trailer[6] = OFFSET_SIZE;
  trailer[7] = REF_SIZE;
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(BigInt(topIndex), 16);
  trailer.writeBigUInt64BE(BigInt(position), 24);
  return Buffer.concat([header, ...objects, table, trailer]);
}

function encode(value: PlistInput, add: (value: PlistInput) => number): Buffer {
  if (value === null) return Buffer.from([0x00]);
  if (typeof value === 'boolean') return Buffer.from([value ? 0x09 : 0x08]);
  if (typeof value === 'number') return Number.isInteger(value) ? integer(value) : real(value);
  if (typeof value === 'string') {
    // ASCII as bytes, anything else as UTF-16 big-endian with the count in code units.
    if ([...value].every((char) => char.charCodeAt(0) < 0x80))
      return Buffer.concat([marker(0x5, value.length), Buffer.from(value, 'latin1')]);
    const utf16 = Buffer.from(value, 'utf16le').swap16();
    return Buffer.concat([marker(0x6, value.length), utf16]);
  }
  if (Buffer.isBuffer(value)) return Buffer.concat([marker(0x4, value.length), value]);
  if (Array.isArray(value)) {
    const refs = value.map(add);
    return Buffer.concat([marker(0xa, refs.length), references(refs)]);
  }
  const entries = Object.entries(value);
  const keys = entries.map(([key]) => add(key));
  const values = entries.map(([, item]) => add(item));
  return Buffer.concat([marker(0xd, entries.length), references(keys), references(values)]);
}

function marker(type: number, count: number): Buffer {
  return count < 15
    ? Buffer.from([(type << 4) | count])
    : Buffer.concat([Buffer.from([(type << 4) | 0x0f]), integer(count)]);
}

function integer(value: number): Buffer {
  if (value >= 0 && value < 0x100) return Buffer.from([0x10, value]);
  if (value >= 0 && value < 0x10000) return Buffer.from([0x11, value >> 8, value & 0xff]);
  const bytes = Buffer.alloc(9);
  bytes[0] = 0x13;
  bytes.writeBigInt64BE(BigInt(value), 1);
  return bytes;
}

function real(value: number): Buffer {
  const bytes = Buffer.alloc(9);
  bytes[0] = 0x23;
  bytes.writeDoubleBE(value, 1);
  return bytes;
}

function references(refs: number[]): Buffer {
  const bytes = Buffer.alloc(refs.length * REF_SIZE);
  refs.forEach((ref, i) => bytes.writeUInt16BE(ref, i * REF_SIZE));
  return bytes;
}
