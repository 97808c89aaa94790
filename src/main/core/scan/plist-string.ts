// One string value of a property list's top dictionary, without decoding the rest: the scan only
// needs `LastSavedFrom` to tell GarageBand from Logic. A general decoder follows references and
// nests, which a damaged or hostile file can turn into endless work; this reads one dictionary
// level, checks every offset against the file, and gives null for anything it does not expect.

const BINARY_HEADER = 'bplist00';
const TRAILER_BYTES = 32;

/** The string stored under `key` in the top dictionary (binary or XML plist), or null. */
export function topLevelPlistString(bytes: Buffer, key: string): string | null {
  if (bytes.subarray(0, BINARY_HEADER.length).toString('latin1') === BINARY_HEADER) {
    return binaryTopLevelString(bytes, key);
  }
  return xmlTopLevelString(bytes.toString('utf8'), key);
}

/** Apple's XML plist tokens: containers opening and closing, keys, strings, and any other value. */
const XML_TOKENS =
  /<(\/?)(dict|array)\s*>|<key>([^<]*)<\/key>|<string>([^<]*)<\/string>|<(?:true|false|dict|array|string)\s*\/>|<(integer|real|date|data)>[^<]*<\/\5>/g;

/** In XML the top dictionary's keys are the `<key>`s one `<dict>` deep. */
function xmlTopLevelString(text: string, key: string): string | null {
  let depth = 0;
  let wanted = false;
  for (const match of text.matchAll(XML_TOKENS)) {
    const [, closing, container, foundKey, value] = match;
    if (container !== undefined) {
      depth += closing === '/' ? -1 : 1;
      wanted = false;
    } else if (foundKey !== undefined) {
      wanted = depth === 1 && unescapeXml(foundKey) === key;
    } else if (value !== undefined && wanted) {
      return unescapeXml(value);
    } else {
      wanted = false;
    }
  }
  return null;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Apple's CFBinaryPList: objects, an offset table, a 32-byte trailer; the top object a dictionary. */
function binaryTopLevelString(bytes: Buffer, key: string): string | null {
  if (bytes.length < BINARY_HEADER.length + TRAILER_BYTES + 1) return null;
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
    topObject >= objectCount ||
    tableOffset < BINARY_HEADER.length ||
    tableOffset + objectCount * offsetSize > objectsEnd
  ) {
    return null;
  }
  const offsetOf = (object: number): number | null => {
    if (object >= objectCount) return null;
    const offset = readUint(bytes, tableOffset + object * offsetSize, offsetSize);
    return offset >= BINARY_HEADER.length && offset < tableOffset ? offset : null;
  };
  const stringAt = (object: number): string | null => {
    const offset = offsetOf(object);
    return offset === null ? null : readString(bytes, offset, tableOffset);
  };

  const top = offsetOf(topObject);
  if (top === null || bytes[top]! >> 4 !== 0xd) return null;
  const header = lengthAt(bytes, top, tableOffset);
  if (header === null) return null;
  const { length: entries, start } = header;
  if (start + entries * 2 * refSize > tableOffset) return null;
  for (let index = 0; index < entries; index++) {
    const keyRef = readUint(bytes, start + index * refSize, refSize);
    if (stringAt(keyRef) !== key) continue;
    return stringAt(readUint(bytes, start + (entries + index) * refSize, refSize));
  }
  return null;
}

/** An ASCII (0x5n) or UTF-16 (0x6n) string object ending before `end`, or null. */
function readString(bytes: Buffer, offset: number, end: number): string | null {
  const type = bytes[offset]! >> 4;
  if (type !== 0x5 && type !== 0x6) return null;
  const header = lengthAt(bytes, offset, end);
  if (header === null) return null;
  const byteLength = type === 0x5 ? header.length : header.length * 2;
  if (header.start + byteLength > end) return null;
  const raw = bytes.subarray(header.start, header.start + byteLength);
  return type === 0x5 ? raw.toString('latin1') : Buffer.from(raw).swap16().toString('utf16le');
}

/** An object's count (inline in the marker, or a following integer object when the marker says 0xF). */
function lengthAt(bytes: Buffer, offset: number, end: number): { length: number; start: number } | null {
  const info = bytes[offset]! & 0x0f;
  if (info !== 0x0f) return { length: info, start: offset + 1 };
  const marker = bytes[offset + 1];
  if (marker === undefined || marker >> 4 !== 0x1 || (marker & 0x0f) > 3) return null;
  const size = 1 << (marker & 0x0f);
  if (offset + 2 + size > end) return null;
  return { length: readUint(bytes, offset + 2, size), start: offset + 2 + size };
}

/** A big-endian unsigned integer of `size` bytes (plist offsets and counts stay far below 2^53). */
function readUint(bytes: Buffer, offset: number, size: number): number {
  let value = 0;
  for (let index = 0; index < size; index++) value = value * 256 + (bytes[offset + index] ?? 0);
  return value;
}
