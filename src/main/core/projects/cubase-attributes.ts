import { type CubaseChunk, expectKey, readString, stringField } from './cubase-container';

/**
 * What a Cubase or Nuendo project says about itself, outside the arrangement:
 * - The `Version` object (class PAppVersion): after its class name, a u16 and a u32, then the
 *   strings application ("Cubase", "Cubase SX", "Nuendo"), version ("Version 9.5.50") and build
 *   date. Cubase SX writes it last in the file, later versions first.
 * - The `Metadata` object (Cubase 5 and later; MediaBay's summary of the project): attributes
 *   identified by an `ID` string, AudioSampleRate and MusicalTempo as a `Float` (u16 type 4, a
 *   big-endian double), MusicalSignature as a rational of `Numerator` and `Denominator` (u16 type 1,
 *   a big-endian 64-bit integer).
 */
export interface CubaseSummary {
  dawVersion: string | null;
  tempo: number | null;
  timeSignature: string | null;
  sampleRate: number | null;
}

const DOUBLE = 4;
const INTEGER = 1;

export function readCubaseSummary(bytes: Buffer, chunks: CubaseChunk[]): CubaseSummary {
  const version = chunks.find((chunk) => chunk.className === 'PAppVersion');
  const metadata = chunks.find((chunk) => chunk.name === 'Metadata');
  const tempo = metadata ? readNumber(bytes, metadata, 'MusicalTempo', 'Float', DOUBLE) : null;
  const sampleRate = metadata ? readNumber(bytes, metadata, 'AudioSampleRate', 'Float', DOUBLE) : null;
  const numerator = metadata ? readNumber(bytes, metadata, 'MusicalSignature', 'Numerator', INTEGER) : null;
  const denominator = metadata
    ? readNumber(bytes, metadata, 'MusicalSignature', 'Denominator', INTEGER)
    : null;
  return {
    dawVersion: version ? readAppVersion(bytes, version) : null,
    tempo: tempo !== null && tempo >= 10 && tempo <= 999 ? tempo : null,
    timeSignature:
      numerator !== null &&
      denominator !== null &&
      numerator >= 1 &&
      numerator <= 64 &&
      [1, 2, 4, 8, 16, 32, 64].includes(denominator)
        ? `${numerator}/${denominator}`
        : null,
    sampleRate:
      sampleRate !== null && Number.isInteger(sampleRate) && sampleRate >= 8000 && sampleRate <= 768_000
        ? sampleRate
        : null,
  };
}

const APP_VERSION = stringField('PAppVersion');

/** "Cubase 9.5.50", "Cubase SX 3.1.1", "Nuendo 12.0.70"; the application alone when its version was cut off. */
function readAppVersion(bytes: Buffer, chunk: CubaseChunk): string | null {
  const found = bytes.subarray(chunk.start, chunk.end).indexOf(APP_VERSION);
  if (found === -1) return null;
  // The class name, then a u16 and a u32 (the object's version and size) before the strings.
  const app = readString(bytes, chunk.start + found + APP_VERSION.length + 6, chunk.end);
  if (!app || !/^[\p{L}\p{N}][\p{L}\p{N} .-]{0,63}$/u.test(app.text)) return null;
  const version = readString(bytes, app.next, chunk.end);
  const number = version?.text.replace(/^Version\s+/, '').trim();
  return number && /^\d/.test(number) ? `${app.text} ${number}` : app.text;
}

/**
 * The value `valueKey` of the Metadata attribute whose ID is `id`: searched between that ID and
 * the next attribute's, so a value is never taken from a neighbour.
 */
function readNumber(
  bytes: Buffer,
  chunk: CubaseChunk,
  id: string,
  valueKey: string,
  type: number,
): number | null {
  const region = bytes.subarray(chunk.start, chunk.end);
  const idAt = region.indexOf(stringField(id));
  if (idAt === -1) return null;
  const from = idAt + stringField(id).length;
  const nextId = region.indexOf(ID_KEY, from);
  const until = nextId === -1 ? region.length : nextId;
  const keyAt = region.subarray(from, until).indexOf(stringField(valueKey));
  if (keyAt === -1) return null;
  const valueAt = expectKey(bytes, chunk.start + from + keyAt, chunk.start + until, valueKey, type);
  if (valueAt === null || valueAt + 8 > chunk.start + until) return null;
  if (type === DOUBLE) return bytes.readDoubleBE(valueAt);
  const value = bytes.readBigInt64BE(valueAt);
  return value >= 0n && value <= 1_000_000n ? Number(value) : null;
}

const ID_KEY = stringField('ID');
