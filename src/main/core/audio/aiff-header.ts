import type { AudioFile } from './audio-file';
import { ascii, u16, u32 } from './bytes';
import { unreadable } from './errors';
import { isSupportedEncoding, type PcmEncoding } from './pcm-convert';
import { MAX_CHANNELS, MAX_CHUNKS, MAX_SAMPLE_RATE, type PcmLayout } from './pcm-decoder';

/** AIFF-C compression types that are plain PCM in some byte order; anything else is compressed. */
const PCM_COMPRESSION: Readonly<
  Record<string, Omit<PcmEncoding, 'bytesPerSample'> & { bytes?: 1 | 3 | 4 | 8 }>
> = {
  NONE: { kind: 'int', littleEndian: false },
  twos: { kind: 'int', littleEndian: false },
  sowt: { kind: 'int', littleEndian: true }, // byte-swapped: what Logic and GarageBand write
  in24: { kind: 'int', littleEndian: false, bytes: 3 },
  in32: { kind: 'int', littleEndian: false, bytes: 4 },
  '42ni': { kind: 'int', littleEndian: true, bytes: 4 },
  'raw ': { kind: 'uint', littleEndian: false, bytes: 1 },
  fl32: { kind: 'float', littleEndian: false, bytes: 4 },
  FL32: { kind: 'float', littleEndian: false, bytes: 4 },
  fl64: { kind: 'float', littleEndian: false, bytes: 8 },
  FL64: { kind: 'float', littleEndian: false, bytes: 8 },
  // G.711, one byte a sample whatever COMM's sample size says (Apple writes 16 there).
  ulaw: { kind: 'ulaw', littleEndian: false, bytes: 1 },
  ULAW: { kind: 'ulaw', littleEndian: false, bytes: 1 },
  alaw: { kind: 'alaw', littleEndian: false, bytes: 1 },
  ALAW: { kind: 'alaw', littleEndian: false, bytes: 1 },
};

interface Comm {
  encoding: PcmEncoding;
  channels: number;
  sampleRate: number;
  frames: number;
}

/**
 * Reads an AIFF or AIFF-C header (big-endian IFF): `COMM` gives the format, `SSND` the audio, other
 * chunks are skipped (with their pad byte). Only headers are read, never the audio.
 */
export async function readAiffLayout(file: AudioFile): Promise<PcmLayout> {
  const head = await file.read(0, 12);
  if (head.length < 12) throw unreadable('malformed', 'AIFF: the header is cut short');
  const isAifc = ascii(head, 8, 4) === 'AIFC';

  let comm: Comm | null = null;
  let ssnd: { start: number; bytes: number | null } | null = null;
  let position = 12;
  let chunks = 0;
  while (position + 8 <= file.size && (comm === null || ssnd === null)) {
    if (++chunks > MAX_CHUNKS)
      throw unreadable('malformed', `AIFF: more than ${MAX_CHUNKS} chunks before the audio`);
    const header = await file.read(position, 8);
    const id = ascii(header, 0, 4);
    const size = u32(header, 4, false);
    const bodyStart = position + 8;
    if (id === 'COMM') {
      comm = parseComm(await file.read(bodyStart, Math.min(size, 64)), isAifc);
    } else if (id === 'SSND') {
      const fields = await file.read(bodyStart, 8);
      if (fields.length < 8) break;
      // `offset` skips alignment padding before the first frame; it is almost always 0.
      const offset = u32(fields, 0, false);
      const start = bodyStart + 8 + offset;
      // A size of 0 (or one that cannot hold its own fields) means the writer never filled it in.
      ssnd = { start, bytes: size >= 8 + offset && size !== 0xffffffff ? size - 8 - offset : null };
      if (ssnd.bytes === null) break; // a chunk of unknown size cannot be skipped: stop with what we have
    }
    position = bodyStart + size + (size % 2);
  }

  if (comm === null) throw unreadable('malformed', 'AIFF: no COMM chunk (the file may be cut short)');
  if (ssnd === null) throw unreadable('malformed', 'AIFF: no SSND chunk (the file may be cut short)');
  const frameBytes = comm.channels * comm.encoding.bytesPerSample;
  const available = Math.floor(Math.max(0, file.size - ssnd.start) / frameBytes);
  // COMM's frame count is the authority; SSND's size stands in when COMM says 0 (streamed writers).
  const promised =
    comm.frames > 0 ? comm.frames : ssnd.bytes === null ? available : Math.floor(ssnd.bytes / frameBytes);
  return {
    format: 'aiff',
    encoding: comm.encoding,
    sampleRate: comm.sampleRate,
    channels: comm.channels,
    dataStart: ssnd.start,
    frames: Math.min(promised, available),
    truncated: promised > available,
  };
}

function parseComm(body: Uint8Array, isAifc: boolean): Comm {
  if (body.length < 18 || (isAifc && body.length < 22))
    throw unreadable('malformed', 'AIFF: the COMM chunk is too short');
  const channels = u16(body, 0, false);
  const frames = u32(body, 2, false);
  const bits = u16(body, 6, false);
  const sampleRate = readExtended(body, 8);
  if (channels < 1 || channels > MAX_CHANNELS)
    throw unreadable('malformed', `AIFF: ${channels} channels is not a valid channel count`);
  if (!(sampleRate >= 1 && sampleRate <= MAX_SAMPLE_RATE))
    throw unreadable('malformed', `AIFF: ${sampleRate} Hz is not a valid sample rate`);
  if (bits < 1 || bits > 64) throw unreadable('malformed', `AIFF: ${bits}-bit samples are not valid`);

  const compression = isAifc ? ascii(body, 18, 4) : 'NONE';
  const known = PCM_COMPRESSION[compression];
  if (known === undefined)
    throw unreadable('unsupported_encoding', `AIFF-C: compression '${compression.trim()}' is not supported`);
  // For integer PCM the sample size decides the container (20 bits live left-justified in 3 bytes).
  const bytesPerSample = known.bytes ?? (Math.ceil(bits / 8) as 1 | 2 | 3 | 4 | 8);
  const encoding: PcmEncoding = { kind: known.kind, littleEndian: known.littleEndian, bytesPerSample };
  if (!isSupportedEncoding(encoding))
    throw unreadable(
      'unsupported_encoding',
      `AIFF: ${bits}-bit '${compression.trim()}' samples are not supported`,
    );
  return { encoding, channels, sampleRate, frames };
}

/**
 * An IEEE 754 80-bit extended float (AIFF's sample rate): sign and 15-bit exponent, then a 64-bit
 * mantissa with an explicit integer bit. Doubles keep 53 of those bits, plenty for any sample rate.
 */
export function readExtended(bytes: Uint8Array, offset: number): number {
  const signAndExponent = u16(bytes, offset, false);
  const sign = signAndExponent & 0x8000 ? -1 : 1;
  const exponent = signAndExponent & 0x7fff;
  const mantissa = u32(bytes, offset + 2, false) * 2 ** 32 + u32(bytes, offset + 6, false);
  if (exponent === 0x7fff) return Number.NaN; // infinity or NaN: never a sample rate
  if (exponent === 0 && mantissa === 0) return 0;
  return sign * mantissa * 2 ** (exponent - 16383 - 63);
}
