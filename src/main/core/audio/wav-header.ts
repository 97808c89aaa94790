import type { AudioFile } from './audio-file';
import { ascii, isChunkId, u16, u32, u64 } from './bytes';
import { unreadable } from './errors';
import { isSupportedEncoding, type PcmEncoding } from './pcm-convert';
import { MAX_CHANNELS, MAX_CHUNKS, MAX_SAMPLE_RATE, type PcmLayout } from './pcm-decoder';

const FORMAT_PCM = 0x0001;
const FORMAT_IEEE_FLOAT = 0x0003;
const FORMAT_ALAW = 0x0006;
const FORMAT_MULAW = 0x0007;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Names for the format tags people actually meet, so "unsupported" says what the file is. */
const KNOWN_UNSUPPORTED: Readonly<Record<number, string>> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law', // supported with 8-bit samples, as G.711 has them
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0050: 'MPEG',
  0x0055: 'MP3',
};

interface Fmt {
  encoding: PcmEncoding;
  channels: number;
  sampleRate: number;
}

/**
 * Reads a RIFF (little-endian), RIFX (big-endian) or RF64/BW64 (64-bit sizes) WAVE header: walks the
 * chunks from the start, skipping unknown ones (with their pad byte), until it has `fmt ` and `data`.
 * Only chunk headers and `fmt `/`ds64` bodies are read, never the audio.
 */
export async function readWavLayout(file: AudioFile): Promise<PcmLayout> {
  const head = await file.read(0, 12);
  if (head.length < 12) throw unreadable('malformed', 'WAV: the header is cut short');
  const riffId = ascii(head, 0, 4);
  const littleEndian = riffId !== 'RIFX';
  const sizes64 = riffId === 'RF64' || riffId === 'BW64';

  let fmt: Fmt | null = null;
  let data: { start: number; size: number | null } | null = null;
  let ds64DataSize: number | null = null;
  let position = 12;
  let chunks = 0;
  while (position + 8 <= file.size) {
    if (++chunks > MAX_CHUNKS)
      throw unreadable('malformed', `WAV: more than ${MAX_CHUNKS} chunks before the audio`);
    const header = await file.read(position, 8);
    const id = ascii(header, 0, 4);
    const size = u32(header, 4, littleEndian);
    const bodyStart = position + 8;

    if (id === 'fmt ') {
      fmt = parseFmt(await file.read(bodyStart, Math.min(size, 40)), littleEndian);
    } else if (id === 'ds64') {
      const body = await file.read(bodyStart, Math.min(size, 24));
      if (body.length >= 16) ds64DataSize = u64(body, 8, true);
    } else if (id === 'data') {
      // 0 and 0xFFFFFFFF are what streaming writers leave when they never come back to fill the size
      // in (RF64 puts the real one in ds64): the audio then runs to the end of the file.
      let dataSize: number | null = size === 0 || size === 0xffffffff ? null : size;
      if (sizes64 && size === 0xffffffff) dataSize = ds64DataSize;
      data = { start: bodyStart, size: dataSize };
      // Past `data` we can only go on looking for `fmt ` when its size is known.
      if (fmt !== null || dataSize === null) break;
    }
    if (fmt !== null && data !== null) break;
    position = await nextChunk(file, bodyStart, size);
  }

  if (fmt === null) throw unreadable('malformed', 'WAV: no fmt chunk (the file may be cut short)');
  if (data === null) throw unreadable('malformed', 'WAV: no data chunk (the file may be cut short)');
  const frameBytes = fmt.channels * fmt.encoding.bytesPerSample;
  const available = Math.floor(Math.max(0, file.size - data.start) / frameBytes);
  const promised = data.size === null ? available : Math.floor(data.size / frameBytes);
  return {
    format: 'wav',
    encoding: fmt.encoding,
    sampleRate: fmt.sampleRate,
    channels: fmt.channels,
    dataStart: data.start,
    frames: Math.min(promised, available),
    truncated: promised > available,
  };
}

/**
 * Chunks are padded to an even length. Some writers forget the pad byte after an odd-sized chunk:
 * when the byte where the pad should be starts a chunk id instead, trust the writer.
 */
async function nextChunk(file: AudioFile, bodyStart: number, size: number): Promise<number> {
  const unpadded = bodyStart + size;
  if (size % 2 === 0) return unpadded;
  const probe = await file.read(unpadded, 4);
  // A pad byte is 0, and 0 is never part of a chunk id, so the two cases cannot be confused.
  if (probe[0] !== 0 && isChunkId(probe, 0)) return unpadded;
  return unpadded + 1;
}

function parseFmt(body: Uint8Array, littleEndian: boolean): Fmt {
  if (body.length < 16) throw unreadable('malformed', 'WAV: the fmt chunk is too short');
  let tag = u16(body, 0, littleEndian);
  const channels = u16(body, 2, littleEndian);
  const sampleRate = u32(body, 4, littleEndian);
  const bits = u16(body, 14, littleEndian);
  if (tag === FORMAT_EXTENSIBLE) {
    if (body.length < 26) throw unreadable('malformed', 'WAV: the extensible fmt chunk is too short');
    // The sub-format GUID starts with the plain format tag it stands for.
    tag = u16(body, 24, littleEndian);
  }
  if (channels < 1 || channels > MAX_CHANNELS)
    throw unreadable('malformed', `WAV: ${channels} channels is not a valid channel count`);
  if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE)
    throw unreadable('malformed', `WAV: ${sampleRate} Hz is not a valid sample rate`);

  let encoding: PcmEncoding;
  if (tag === FORMAT_PCM && bits >= 1 && bits <= 32) {
    // 8-bit WAV is unsigned (offset binary); wider samples are signed and left-justified.
    const bytesPerSample = Math.ceil(bits / 8) as 1 | 2 | 3 | 4;
    encoding = { kind: bits <= 8 ? 'uint' : 'int', bytesPerSample, littleEndian };
  } else if ((tag === FORMAT_MULAW || tag === FORMAT_ALAW) && bits === 8) {
    encoding = { kind: tag === FORMAT_MULAW ? 'ulaw' : 'alaw', bytesPerSample: 1, littleEndian };
  } else if (tag === FORMAT_IEEE_FLOAT && (bits === 32 || bits === 64)) {
    encoding = { kind: 'float', bytesPerSample: bits === 32 ? 4 : 8, littleEndian };
  } else {
    const name = KNOWN_UNSUPPORTED[tag] ?? `format tag 0x${tag.toString(16).padStart(4, '0')}`;
    throw unreadable('unsupported_encoding', `WAV: ${name} with ${bits}-bit samples is not supported`);
  }
  if (!isSupportedEncoding(encoding))
    throw unreadable('unsupported_encoding', `WAV: ${bits}-bit samples are not supported`);
  return { encoding, channels, sampleRate };
}
