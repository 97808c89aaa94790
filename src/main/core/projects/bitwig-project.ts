import type { ProjectTrack, TrackType } from './project-metadata';
import type { ProjectReading, ProjectSource } from './project-source';

/**
 * Reads what a Bitwig Studio project (`.bwproject`) names about itself. The file is Bitwig's
 * serialised object graph behind a small self-describing header:
 *
 *   "BtWg" + 36 hex digits   kind (0001 = project), string form, ?, content offset (8 digits), 0…
 *   uint32 4, "meta"          the metadata object, then entries until a uint32 0:
 *   uint32 1, key, value      a type byte then the value (0x08 string, 0x03 int32, 0x19 string list,
 *                             0x0d a nested BtWg file, …; all big-endian)
 *   spaces, "\n"              padding up to the content offset, where the document itself starts.
 *
 * Strings are a uint32 length then UTF-8 (UTF-16 when the length's top bit is set) in files whose
 * string form is 0002, and NUL-terminated UTF-8 in those whose form is 0000 (the nested
 * `structure`, as far as the corpus shows). The document after the metadata (devices, clips,
 * tempo) is a graph of numbered classes and fields that is not decoded here.
 *
 * From the metadata: the version (`application_version_name` → "Bitwig Studio 2.4 Beta 1"),
 * `creator`, `title`, `comment`, `tags`, and the track list in `structure`, a nested file whose
 * project object lists the tracks, the effect tracks and the master by name. Tempo, signature,
 * sample rate and plug-ins are not in the metadata: they stay null or empty. Samples stay empty
 * too: `used_files` may list them, but it is empty in the one corpus project, so its form is not
 * known yet (it is kept in `readBitwigMetadata`'s entries).
 */
export interface BitwigReading extends ProjectReading {
  creator: string | null;
  title: string | null;
  comment: string | null;
  tags: string[];
}

export type BitwigValue = string | number | boolean | null | string[] | Buffer;

const HEADER_BYTES = 40;
const PROJECT_TYPE = 'application/bitwig-project';

/** A `ProjectReader` for `.bwproject` files. Throws with a reason when the file is not one. */
export function readBitwigProject(source: ProjectSource): BitwigReading {
  const metadata = readBitwigMetadata(source.bytes());
  const type = text(metadata.get('type'));
  if (type !== null && type !== PROJECT_TYPE) throw new Error(`a Bitwig file of type ${type}, not a project`);
  const version = text(metadata.get('application_version_name'));
  const structure = metadata.get('structure');
  const tracks = Buffer.isBuffer(structure) ? structureTracks(structure) : [];
  const tags = text(metadata.get('tags'));
  return {
    dawVersion: version === null ? null : `Bitwig Studio ${version}`,
    tempo: null,
    timeSignature: null,
    key: null,
    sampleRate: null,
    trackCount: tracks.length,
    tracks,
    plugins: [],
    samplePaths: [],
    savedAt: null,
    creator: text(metadata.get('creator')),
    title: text(metadata.get('title')),
    comment: text(metadata.get('comment')),
    tags: tags === null ? [] : tags.split(/[\s,]+/).filter((tag) => tag !== ''),
  };
}

/**
 * The metadata entries of a Bitwig file, in file order. A file cut short, or an entry of a type
 * this reader does not know, ends the list there: what came before is kept.
 */
export function readBitwigMetadata(bytes: Buffer): Map<string, BitwigValue> {
  const header = parseHeader(bytes);
  const reader = new Reader(bytes, HEADER_BYTES, header.metadataEnd, header.nulStrings);
  const entries = new Map<string, BitwigValue>();
  try {
    if (reader.uint32() !== 4 || reader.string() !== 'meta') throw new Error('no metadata section');
    for (let marker = reader.uint32(); marker === 1; marker = reader.uint32()) {
      const key = reader.string();
      const value = metadataValue(reader);
      if (value === undefined) break;
      entries.set(key, value);
    }
  } catch (error) {
    if (!(error instanceof CutShort))
      throw new Error(`not a readable Bitwig file: ${(error as Error).message}`, { cause: error });
    if (entries.size === 0) {
      throw new Error('not a readable Bitwig file: the metadata is cut short', { cause: error });
    }
  }
  return entries;
}

interface Header {
  metadataEnd: number;
  nulStrings: boolean;
}

function parseHeader(bytes: Buffer): Header {
  const header = bytes.subarray(0, HEADER_BYTES).toString('latin1');
  if (!/^BtWg[0-9a-f]{36}$/i.test(header)) throw new Error('not a Bitwig file (no BtWg header)');
  const contentOffset = Number.parseInt(header.slice(16, 24), 16);
  return {
    metadataEnd: contentOffset > HEADER_BYTES ? Math.min(contentOffset, bytes.length) : bytes.length,
    nulStrings: header.slice(8, 12) === '0000',
  };
}

/** A metadata value by its type byte; undefined for a type whose length is not known. */
function metadataValue(reader: Reader): BitwigValue | undefined {
  const type = reader.uint8();
  switch (type) {
    case 0x01:
      return reader.int(1);
    case 0x02:
      return reader.int(2);
    case 0x03:
      return reader.int(4);
    case 0x05:
      return reader.uint8() !== 0;
    case 0x06:
      return reader.bytes(4).readFloatBE(0);
    case 0x07:
      return reader.bytes(8).readDoubleBE(0);
    case 0x08:
      return reader.string();
    case 0x0a:
      return null;
    case 0x0d:
      return reader.bytes(reader.uint32());
    case 0x19: {
      const count = reader.uint32();
      const list: string[] = [];
      for (let i = 0; i < count; i++) list.push(reader.bytes(reader.uint32()).toString('utf8'));
      return list;
    }
    default:
      return undefined;
  }
}

// The nested `structure` file: its document is an object whose field 0xad2 is the project, whose
// fields name the track lists. Field and class numbers are Bitwig's serialisation ids (stable
// across versions, since old projects open in new ones); the meaning of these was read off the
// corpus project (tracks "Polysynth" and "Audio 2", effect track "Delay-2", "Master").
const FIELD = { name: 0xad1, project: 0xad2, tracks: 0xace, effectTracks: 0xacf, master: 0xad0 };
const TRACK_CLASS: Readonly<Record<number, TrackType>> = { 0x287: 'audio', 0x288: 'instrument' };
const MAX_STRUCTURE_DEPTH = 32;
const MAX_STRUCTURE_OBJECTS = 10_000;

interface StructureObject {
  classId: number;
  fields: Map<number, StructureValue>;
}
type StructureValue = string | number | boolean | null | StructureObject | StructureObject[];

/** The tracks the structure names, master last; [] when it cannot be read in full. */
function structureTracks(nested: Buffer): ProjectTrack[] {
  try {
    const header = parseHeader(nested);
    const reader = new Reader(nested, header.metadataEnd, nested.length, header.nulStrings);
    const root = structureObject(reader, 0, { count: 0 });
    const project = root.fields.get(FIELD.project);
    if (!isObject(project)) return [];
    const tracks = trackList(project.fields.get(FIELD.tracks), 'other', 0);
    tracks.push(...trackList(project.fields.get(FIELD.effectTracks), 'return', 0));
    const master = project.fields.get(FIELD.master);
    if (isObject(master))
      tracks.push({ name: text(master.fields.get(FIELD.name)) ?? 'Master', type: 'master' });
    return tracks;
  } catch {
    return [];
  }
}

/** Tracks of a list; a track that holds its own list is a group, followed by its tracks. */
function trackList(list: StructureValue | undefined, fallback: TrackType, depth: number): ProjectTrack[] {
  if (!Array.isArray(list) || depth > MAX_STRUCTURE_DEPTH) return [];
  return list.flatMap((track) => {
    const name = text(track.fields.get(FIELD.name)) ?? '';
    const children = track.fields.get(FIELD.tracks);
    if (Array.isArray(children)) {
      return [{ name, type: 'group' as const }, ...trackList(children, fallback, depth + 1)];
    }
    return [{ name, type: TRACK_CLASS[track.classId] ?? fallback }];
  });
}

function structureObject(reader: Reader, depth: number, budget: { count: number }): StructureObject {
  if (depth > MAX_STRUCTURE_DEPTH || ++budget.count > MAX_STRUCTURE_OBJECTS) throw new Error('too large');
  const object: StructureObject = { classId: reader.uint32(), fields: new Map() };
  if (object.classId === 1) {
    // A reference to an object met before: its number, no fields.
    object.fields.set(0, reader.uint32());
    return object;
  }
  for (let field = reader.uint32(); field !== 0; field = reader.uint32()) {
    object.fields.set(field, structureValue(reader, depth, budget));
  }
  return object;
}

function structureValue(reader: Reader, depth: number, budget: { count: number }): StructureValue {
  const type = reader.uint8();
  switch (type) {
    case 0x01:
      return reader.int(1);
    case 0x02:
      return reader.int(2);
    case 0x03:
      return reader.int(4);
    case 0x05:
      return reader.uint8() !== 0;
    case 0x06:
      return reader.bytes(4).readFloatBE(0);
    case 0x07:
      return reader.bytes(8).readDoubleBE(0);
    case 0x08:
      return reader.string();
    case 0x09:
      return structureObject(reader, depth + 1, budget);
    case 0x0a:
      return null;
    case 0x12: {
      // Objects until the class number 3, which ends the list.
      const list: StructureObject[] = [];
      while (reader.peekUint32() !== 3) list.push(structureObject(reader, depth + 1, budget));
      reader.uint32();
      return list;
    }
    default:
      throw new Error(`unknown value type 0x${type.toString(16)}`);
  }
}

function isObject(value: StructureValue | undefined): value is StructureObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: BitwigValue | StructureValue | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

class CutShort extends Error {}

/** Big-endian reads within [offset, end); reading past `end` throws CutShort. */
class Reader {
  constructor(
    private readonly buffer: Buffer,
    private offset: number,
    private readonly end: number,
    private readonly nulStrings: boolean,
  ) {}

  bytes(length: number): Buffer {
    if (length < 0 || this.offset + length > this.end) throw new CutShort();
    const slice = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  uint8(): number {
    return this.bytes(1)[0]!;
  }

  uint32(): number {
    return this.bytes(4).readUInt32BE(0);
  }

  peekUint32(): number {
    const value = this.uint32();
    this.offset -= 4;
    return value;
  }

  int(width: 1 | 2 | 4): number {
    return this.bytes(width).readIntBE(0, width);
  }

  string(): string {
    if (this.nulStrings) {
      const end = this.buffer.indexOf(0, this.offset);
      if (end === -1 || end >= this.end) throw new CutShort();
      return this.bytes(end - this.offset + 1)
        .subarray(0, -1)
        .toString('utf8');
    }
    const length = this.uint32();
    // UTF-16 big-endian, counted in code units; swapped on a copy, never in the file's buffer.
    if (length & 0x80000000)
      return Buffer.from(this.bytes((length & 0x7fffffff) * 2))
        .swap16()
        .toString('utf16le');
    return this.bytes(length).toString('utf8');
  }
}
