/**
 * The container of Cubase (`.cpr`) and Nuendo (`.npr`) projects: a big-endian RIFF file of form
 * `NUND` (both apps write it) whose chunks come in pairs: `ROOT` names an object (a name string and
 * a class string, "Version"/"PAppVersion", "Arrangement1"/"PArrangement", "Metadata"/…) and the
 * `ARCH` after it holds that object, serialised. Strings everywhere are a u32 big-endian length and
 * that many bytes, NUL-terminated (Cubase 5 and later append a UTF-8 byte-order mark after the NUL).
 */
export interface CubaseChunk {
  /** The object's name from its ROOT chunk ("Version", "Arrangement1", "Metadata"). */
  name: string;
  className: string;
  /** The ARCH payload: from `start` to `end`, clipped to the file when it was cut short. */
  start: number;
  end: number;
}

/** The longest string SessionDock accepts: a length beyond it is not a string but other data. */
const MAX_STRING = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/**
 * Checks the RIFF/NUND header (throws with the reason when it is not a Cubase or Nuendo project)
 * and lists the objects in order. A chunk cut short is listed up to the end of the file; a chunk
 * id that is neither ROOT nor ARCH ends the walk, keeping what came before.
 */
export function readCubaseChunks(bytes: Buffer): CubaseChunk[] {
  if (bytes.length < 4 || bytes.toString('latin1', 0, 4) !== 'RIFF')
    throw new Error('not a Cubase or Nuendo project (no RIFF header)');
  if (bytes.length < 12) throw new Error('the Cubase or Nuendo project is cut short inside its header');
  const form = bytes.toString('latin1', 8, 12);
  if (form !== 'NUND')
    throw new Error(`not a Cubase or Nuendo project (a RIFF ${JSON.stringify(form)} file)`);

  const chunks: CubaseChunk[] = [];
  let object: { name: string; className: string } | null = null;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32BE(at + 4);
    const start = at + 8;
    const end = Math.min(start + size, bytes.length);
    if (id === 'ROOT') {
      const name = readString(bytes, start, end);
      const className = name ? readString(bytes, name.next, end) : null;
      object = name && className ? { name: name.text, className: className.text } : null;
    } else if (id === 'ARCH') {
      if (object) chunks.push({ ...object, start, end });
      object = null;
    } else break;
    at = start + size;
  }
  return chunks;
}

/**
 * The string at `at` (u32 length, bytes), cut at its first NUL, and where the next field starts;
 * null when it does not fit before `end` or its length is not a string's. UTF-8, or the Windows
 * code page for text that is not UTF-8 (Cubase SX wrote the system's code page).
 */
export function readString(bytes: Buffer, at: number, end: number): { text: string; next: number } | null {
  if (at + 4 > end) return null;
  const length = bytes.readUInt32BE(at);
  if (length > MAX_STRING || at + 4 + length > end) return null;
  const raw = bytes.subarray(at + 4, at + 4 + length);
  const nul = raw.indexOf(0);
  const content = nul === -1 ? raw : raw.subarray(0, nul);
  let text: string;
  try {
    text = utf8.decode(content);
  } catch {
    text = windows1252.decode(content);
  }
  return { text, next: at + 4 + length };
}

/** The bytes of a string field holding `text`: its length prefix, the text and its NUL. */
export function stringField(text: string): Buffer {
  const body = Buffer.from(`${text}\0`, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}

/**
 * An attribute key (`key` as a string field) at `at` followed by its u16 value type `type`: the
 * position of the value, or null when the bytes there are not that.
 */
export function expectKey(bytes: Buffer, at: number, end: number, key: string, type: number): number | null {
  const field = readString(bytes, at, end);
  if (!field || field.text !== key || field.next + 2 > end) return null;
  return bytes.readUInt16BE(field.next) === type ? field.next + 2 : null;
}
