/**
 * Checks a binary property list's structure before `bplist-parser` decodes it. The library trusts
 * its input: an object that refers to itself makes it recurse until the stack runs out, objects
 * that share children are expanded once per reference (a few dozen bytes can ask for billions of
 * objects), and lengths or offsets past the end are read as garbage. A plist cut short or damaged
 * must fail here, quickly, with a reason, and never block a worker.
 *
 * Format (Apple's CFBinaryPList): `bplist00`, the objects, an offset table, and a 32-byte trailer
 * (offset size, reference size, object count, top object, offset table position).
 */

/** More objects than any project plist holds (Logic's MetaData.plist has a few hundred). */
const MAX_OBJECTS = 32_768;
/** Objects the decoded tree may hold once shared references are expanded. */
const MAX_EXPANDED = 200_000;
/** Nesting deeper than this is refused; Logic's plists are 2–3 levels deep. */
const MAX_DEPTH = 64;

const HEADER = 'bplist00';
const TRAILER_BYTES = 32;

/** Throws an Error with the reason when `bytes` is not a well-formed binary plist that is safe to decode. */
export function checkBinaryPlist(bytes: Buffer): void {
  if (bytes.subarray(0, HEADER.length).toString('latin1') !== HEADER) {
    throw new Error('not a binary property list (no bplist00 header)');
  }
  if (bytes.length < HEADER.length + TRAILER_BYTES + 1) throw new Error('the property list is cut short');
  const trailer = bytes.subarray(bytes.length - TRAILER_BYTES);
  const offsetSize = trailer[6]!;
  const refSize = trailer[7]!;
  const objectCount = readUint(trailer, 8, 8);
  const topObject = readUint(trailer, 16, 8);
  const tableOffset = readUint(trailer, 24, 8);
  const objectsEnd = bytes.length - TRAILER_BYTES;
  if (
    offsetSize < 1 ||
    offsetSize > 8 ||
    refSize < 1 ||
    refSize > 8 ||
    objectCount < 1 ||
    objectCount > MAX_OBJECTS ||
    topObject >= objectCount ||
    tableOffset < HEADER.length ||
    tableOffset + objectCount * offsetSize > objectsEnd
  ) {
    throw new Error('the property list is cut short or damaged (its trailer does not fit the file)');
  }

  const children: number[][] = [];
  for (let index = 0; index < objectCount; index++) {
    const offset = readUint(bytes, tableOffset + index * offsetSize, offsetSize);
    if (offset < HEADER.length || offset >= tableOffset)
      throw damaged(`object ${index} lies outside the file`);
    children.push(objectChildren(bytes, offset, tableOffset, refSize, objectCount, index));
  }
  checkExpansion(children, topObject);
}

/** The objects an object refers to (arrays and dictionaries), after checking it fits before `end`. */
function objectChildren(
  bytes: Buffer,
  offset: number,
  end: number,
  refSize: number,
  objectCount: number,
  index: number,
): number[] {
  const marker = bytes[offset]!;
  const type = marker >> 4;
  const info = marker & 0x0f;
  const fits = (length: number): void => {
    if (offset + length > end) throw damaged(`object ${index} runs past the end of the objects`);
  };
  switch (type) {
    case 0x0: // null, false, true, fill
      if (info !== 0 && info !== 8 && info !== 9 && info !== 15) throw damaged(`object ${index} is unknown`);
      return [];
    case 0x1: // integer of 2^info bytes
      if (info > 3) throw damaged(`object ${index} is an integer wider than 8 bytes`);
      fits(1 + (1 << info));
      return [];
    case 0x2: // real of 4 or 8 bytes
      if (info !== 2 && info !== 3) throw damaged(`object ${index} is a real of an unknown size`);
      fits(1 + (1 << info));
      return [];
    case 0x3: // date: an 8-byte real
      if (info !== 3) throw damaged(`object ${index} is a date of an unknown size`);
      fits(9);
      return [];
    case 0x8: // keyed-archiver UID
      fits(2 + info);
      return [];
    case 0x4: // data
    case 0x5: // ASCII string
    case 0x6: {
      // UTF-16 string: the count is in characters
      const { count, start } = countAt(bytes, offset, info, end, index);
      fits(start - offset + count * (type === 0x6 ? 2 : 1));
      return [];
    }
    case 0xa: // array
    case 0xd: {
      // dictionary: keys then values
      const { count, start } = countAt(bytes, offset, info, end, index);
      const refs = count * (type === 0xd ? 2 : 1);
      fits(start - offset + refs * refSize);
      const list: number[] = [];
      for (let i = 0; i < refs; i++) {
        const ref = readUint(bytes, start + i * refSize, refSize);
        if (ref >= objectCount) throw damaged(`object ${index} refers to an object that does not exist`);
        list.push(ref);
      }
      return list;
    }
    default:
      throw damaged(`object ${index} has a type this reader does not take (0x${type.toString(16)})`);
  }
}

/** A length stored in the marker's low nibble, or (0xF) in an integer object that follows it. */
function countAt(
  bytes: Buffer,
  offset: number,
  info: number,
  end: number,
  index: number,
): { count: number; start: number } {
  if (info !== 0x0f) return { count: info, start: offset + 1 };
  const lengthMarker = bytes[offset + 1];
  if (lengthMarker === undefined || lengthMarker >> 4 !== 0x1 || (lengthMarker & 0x0f) > 3) {
    throw damaged(`object ${index} has a malformed length`);
  }
  const width = 1 << (lengthMarker & 0x0f);
  if (offset + 2 + width > end) throw damaged(`object ${index} runs past the end of the objects`);
  return { count: readUint(bytes, offset + 2, width), start: offset + 2 + width };
}

/** Refuses cycles, deep nesting and a tree that would expand past MAX_EXPANDED objects. */
function checkExpansion(children: number[][], top: number): void {
  const expanded = new Map<number, number>();
  const onPath = new Set<number>();
  const size = (node: number, depth: number): number => {
    const known = expanded.get(node);
    if (known !== undefined) return known;
    if (depth > MAX_DEPTH) throw damaged('objects are nested too deeply');
    if (onPath.has(node)) throw damaged('an object contains itself');
    onPath.add(node);
    let total = 1;
    for (const child of children[node]!) {
      total += size(child, depth + 1);
      if (total > MAX_EXPANDED) throw damaged('it would expand to too many objects');
    }
    onPath.delete(node);
    expanded.set(node, total);
    return total;
  };
  size(top, 0);
}

function damaged(why: string): Error {
  return new Error(`the property list is damaged: ${why}`);
}

/** A big-endian unsigned integer of `width` bytes (up to 8; exact up to 2^53). */
function readUint(bytes: Buffer, offset: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + (bytes[offset + i] ?? 0);
  return value;
}
