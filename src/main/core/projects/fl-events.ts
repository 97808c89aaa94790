/**
 * The FL Studio project container (`.flp`): a 22-byte header, then a stream of events.
 *
 *   "FLhd"  u32 6  i16 format  u16 channel count  u16 PPQ       the header chunk (little-endian)
 *   "FLdt"  u32 length                                          the data chunk, then its events
 *
 * An event is an id byte and a value whose size the id decides: below 64 one byte, below 128 a
 * word, below 192 a dword, from 192 on a varint length (7 bits a byte, low first) and that many
 * bytes. FL Studio's event ids are not documented; the ones SessionDock reads are named in
 * `fl-studio-project.ts` after PyFLP (demberto/PyFLP), which mapped them.
 */
export interface FlHeader {
  format: number;
  channelCount: number;
  ppq: number;
}

/** One event: fixed-size events carry `value`, variable-length ones `data`. */
export type FlEvent = { id: number; value: number; data: null } | { id: number; value: 0; data: Buffer };

export const WORD = 64;
export const DWORD = 128;
export const TEXT = 192;

const HEADER_BYTES = 22;

/** Kinds of FL Studio files that share the container but are not projects (PyFLP's FileFormat). */
const NOT_PROJECT_FORMATS: Readonly<Record<number, string>> = {
  0x10: 'a score (.fsc)',
  24: 'an automation state',
  0x20: 'a channel state',
  0x30: 'a plugin state',
  0x31: 'a generator state',
  0x32: 'an effect state',
  0x40: 'a mixer insert state',
  0x50: 'a patcher preset',
};

/**
 * Checks the header and finds the events. Throws with the reason when the header is not an FL
 * Studio project's. The events end where the data chunk says, or where the file does when it was
 * cut short.
 */
export function readFlHeader(bytes: Buffer): { header: FlHeader; eventsStart: number; eventsEnd: number } {
  if (bytes.length < 4 || bytes.toString('latin1', 0, 4) !== 'FLhd')
    throw new Error('not an FL Studio project (no FLhd header)');
  if (bytes.length < HEADER_BYTES) throw new Error('the FL Studio project is cut short inside its header');
  const headerSize = bytes.readUInt32LE(4);
  if (headerSize !== 6) throw new Error(`corrupt FL Studio header: its size is ${headerSize}, not 6`);
  const format = bytes.readInt16LE(8);
  const notProject = NOT_PROJECT_FORMATS[format];
  if (notProject) throw new Error(`not an FL Studio project: the file is ${notProject}`);
  // 0 is a project; -1 marks a temporary file (an autosave), which holds a project too.
  if (format !== 0 && format !== -1)
    throw new Error(`corrupt FL Studio header: unknown file format ${format}`);
  const ppq = bytes.readUInt16LE(12);
  if (ppq === 0) throw new Error('corrupt FL Studio header: its PPQ (timebase) is 0');
  if (bytes.toString('latin1', 14, 18) !== 'FLdt')
    throw new Error('corrupt FL Studio file: no FLdt data chunk');
  const declaredEnd = HEADER_BYTES + bytes.readUInt32LE(18);
  return {
    header: { format, channelCount: bytes.readUInt16LE(10), ppq },
    eventsStart: HEADER_BYTES,
    eventsEnd: Math.min(declaredEnd, bytes.length),
  };
}

/**
 * The events between `start` and `end`, in order. Stops at the first event that does not fit
 * (a file cut short, or a length that cannot be right), so what came before is still read.
 */
export function* flEvents(bytes: Buffer, start: number, end: number): Generator<FlEvent> {
  let at = start;
  while (at < end) {
    const id = bytes[at++]!;
    if (id < WORD) {
      if (at + 1 > end) return;
      yield { id, value: bytes[at]!, data: null };
      at += 1;
    } else if (id < DWORD) {
      if (at + 2 > end) return;
      yield { id, value: bytes.readUInt16LE(at), data: null };
      at += 2;
    } else if (id < TEXT) {
      if (at + 4 > end) return;
      yield { id, value: bytes.readUInt32LE(at), data: null };
      at += 4;
    } else {
      const length = readVarint(bytes, at, end);
      if (!length) return;
      at = length.next;
      if (at + length.value > end) return;
      yield { id, value: 0, data: bytes.subarray(at, at + length.value) };
      at += length.value;
    }
  }
}

/** A length of at most 5 varint bytes (no event is 32 GB); null when cut short or longer. */
function readVarint(bytes: Buffer, start: number, end: number): { value: number; next: number } | null {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    if (start + i >= end) return null;
    const byte = bytes[start + i]!;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return { value, next: start + i + 1 };
  }
  return null;
}
