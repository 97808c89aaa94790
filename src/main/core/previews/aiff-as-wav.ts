import { Readable } from 'node:stream';
import { AudioFile } from '../audio/audio-file';
import { readAiffLayout } from '../audio/aiff-header';
import { G711_TABLES } from '../audio/pcm-convert';
import type { PcmLayout } from '../audio/pcm-decoder';
import { sniffFormat } from '../audio/sniff';
import type { AudioRangeResponse } from './audio-range';
import { answerRange } from './audio-range';

/*
 * Chromium (hence Electron's <audio>) has no AIFF demuxer (electron#22940), but it plays WAV. An
 * uncompressed AIFF holds the same samples as a WAV, only big-endian and behind a different header,
 * so the window is served a *virtual* WAV: a 44-byte header computed from COMM, then SSND's samples
 * converted on the fly, a chunk at a time, for exactly the byte range asked for. The user's file is
 * only ever read (AudioFile opens it O_RDONLY); the Local API keeps serving its own bytes.
 */

/** The canonical RIFF/WAVE header: `RIFF` + `WAVE`, a 16-byte `fmt `, then the `data` chunk header. */
export const WAV_HEADER_BYTES = 44;

/** Samples converted per read: 16 Ki samples is 32–128 KiB of file per read, whatever the format. */
const DEFAULT_CHUNK_SAMPLES = 16 * 1024;

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;

/** Converts `count` samples of `source` into `target` (which holds `count × wavSampleBytes`). */
type SampleConverter = (source: Uint8Array, target: Uint8Array, count: number) => void;

/** How one AIFF's samples map onto the virtual WAV: the same samples, in the same order. */
export interface AiffWavPlan {
  header: Uint8Array;
  /** The virtual WAV's size: header, data, and the pad byte RIFF wants after odd-sized data. */
  size: number;
  dataBytes: number;
  /** File offset of the AIFF's first sample. */
  sourceStart: number;
  sourceSampleBytes: number;
  wavSampleBytes: number;
  convert: SampleConverter;
}

export interface AiffAsWavResponse extends Omit<AudioRangeResponse, 'body'> {
  /** The converted bytes of the range; null for 416. The file is opened only when this is read. */
  body: Readable | null;
}

/**
 * The WAV an AIFF file is served as, with the same Range semantics (and headers) as
 * `openAudioRange`. Returns null when the file cannot be mapped sample for sample — not an AIFF by
 * its bytes, a compressed AIFF-C other than G.711 (IMA…), a damaged header, a missing file — so the
 * caller serves the file as it is, exactly as before this conversion existed.
 */
export async function openAiffAsWav(
  path: string,
  rangeHeader: string | undefined,
  options: { chunkSamples?: number } = {},
): Promise<AiffAsWavResponse | null> {
  const plan = await planAiffAsWav(path);
  if (plan === null) return null;
  const { size } = plan;
  const answer = answerRange('audio/wav', rangeHeader, size);
  if (answer.bytes === null) return { status: answer.status, headers: answer.headers, body: null, size };
  const { start, end } = answer.bytes === 'whole' ? { start: 0, end: size - 1 } : answer.bytes;
  const chunkSamples = Math.max(1, Math.floor(options.chunkSamples ?? DEFAULT_CHUNK_SAMPLES));
  const body = Readable.from(wavBytes(path, plan, start, end, chunkSamples), { objectMode: false });
  return { status: answer.status, headers: answer.headers, body, size };
}

/** Reads the AIFF's header with the decoder's own parser; null when it is not a mappable AIFF. */
export async function planAiffAsWav(path: string): Promise<AiffWavPlan | null> {
  let file: AudioFile;
  try {
    file = await AudioFile.open(path);
  } catch {
    return null; // missing, empty, not a file: openAudioRange gives the caller the right answer
  }
  try {
    if ((await sniffFormat(file)).format !== 'aiff') return null;
    return wavPlan(await readAiffLayout(file));
  } catch {
    return null; // compressed AIFF-C (not G.711) or a damaged header: the file is served as it is
  } finally {
    await file.close();
  }
}

/** The WAV header and sample converter for a layout; null when a WAV cannot describe it. */
function wavPlan(layout: PcmLayout): AiffWavPlan | null {
  const { encoding, channels, frames } = layout;
  const sourceSampleBytes = encoding.bytesPerSample;
  const isFloat = encoding.kind === 'float';
  // Chromium's WAV decoder has no 64-bit float (its ffmpeg build leaves pcm_f64le out), so fl64
  // becomes 32-bit float: the only conversion that is not byte for byte, and inaudible.
  // G.711 (µ-law/A-law AIFF-C) is expanded to the 16-bit PCM it stands for: WAV players need not
  // know companding, and each byte maps to exactly one 16-bit value.
  const companded = encoding.kind === 'ulaw' || encoding.kind === 'alaw';
  const wavSampleBytes = companded ? 2 : isFloat && sourceSampleBytes === 8 ? 4 : sourceSampleBytes;
  const convert = converterFor(layout);
  const dataBytes = frames * channels * wavSampleBytes;
  const size = WAV_HEADER_BYTES + dataBytes + (dataBytes % 2);
  // WAV stores an integer rate; legacy AIFF rates such as 22254.545 Hz round (0.02 ‰ off in pitch).
  const sampleRate = Math.round(layout.sampleRate);
  const blockAlign = channels * wavSampleBytes;
  if (size - 8 > 0xffffffff || sampleRate * blockAlign > 0xffffffff) return null; // RIFF's 32-bit sizes

  const header = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < 4; i++) header[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, size - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, isFloat ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  // The container size: a 20-bit AIFF sample is left-justified in 3 bytes, exactly as WAV wants it.
  view.setUint16(34, wavSampleBytes * 8, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);

  return {
    header,
    size,
    dataBytes,
    sourceStart: layout.dataStart,
    sourceSampleBytes,
    wavSampleBytes,
    convert,
  };
}

function converterFor(layout: PcmLayout): SampleConverter {
  const { kind, bytesPerSample, littleEndian } = layout.encoding;
  if (kind === 'ulaw' || kind === 'alaw') return g711ToInt16(G711_TABLES[kind]);
  if (kind === 'float' && bytesPerSample === 8) return float64ToFloat32(littleEndian);
  if (bytesPerSample === 1) return kind === 'uint' ? copy : signedToUnsigned8;
  return littleEndian ? copy : swapBytes(bytesPerSample); // `sowt` and `42ni` are little-endian already
}

/** Same sample size, already little-endian (or single bytes that need no change). */
const copy: SampleConverter = (source, target) => {
  target.set(source.subarray(0, target.length));
};

/** AIFF's 8-bit samples are signed, WAV's are offset binary: flipping the top bit converts exactly. */
const signedToUnsigned8: SampleConverter = (source, target, count) => {
  for (let i = 0; i < count; i++) target[i] = source[i]! ^ 0x80;
};

function swapBytes(size: number): SampleConverter {
  return (source, target, count) => {
    for (let i = 0, p = 0; i < count; i++, p += size) {
      for (let b = 0; b < size; b++) target[p + b] = source[p + size - 1 - b]!;
    }
  };
}

function g711ToInt16(table: Float32Array): SampleConverter {
  return (source, target, count) => {
    const to = new DataView(target.buffer, target.byteOffset, target.byteLength);
    for (let i = 0; i < count; i++) to.setInt16(i * 2, Math.round(table[source[i]!]! * 32768), true);
  };
}

function float64ToFloat32(littleEndian: boolean): SampleConverter {
  return (source, target, count) => {
    const from = new DataView(source.buffer, source.byteOffset, source.byteLength);
    const to = new DataView(target.buffer, target.byteOffset, target.byteLength);
    for (let i = 0; i < count; i++) to.setFloat32(i * 4, from.getFloat64(i * 8, littleEndian), true);
  };
}

/**
 * The virtual WAV's bytes `start … end` (inclusive): the header's slice, then the samples under the
 * range — read from whole source samples, so a range that starts or ends mid-sample still gets the
 * right bytes of the converted sample — then the pad byte. The file is opened on the first read and
 * closed when the stream ends or is destroyed (a player seeking away abandons its request).
 */
async function* wavBytes(
  path: string,
  plan: AiffWavPlan,
  start: number,
  end: number,
  chunkSamples: number,
): AsyncGenerator<Uint8Array, void, undefined> {
  const { header, dataBytes, sourceStart, sourceSampleBytes, wavSampleBytes, convert } = plan;
  if (start < WAV_HEADER_BYTES) yield header.slice(start, Math.min(end + 1, WAV_HEADER_BYTES));

  const first = Math.max(start - WAV_HEADER_BYTES, 0); // data offsets, inclusive
  const last = Math.min(end - WAV_HEADER_BYTES, dataBytes - 1);
  if (first <= last) {
    const file = await AudioFile.open(path);
    try {
      const source = new Uint8Array(chunkSamples * sourceSampleBytes);
      let sample = Math.floor(first / wavSampleBytes);
      const lastSample = Math.floor(last / wavSampleBytes);
      while (sample <= lastSample) {
        const count = Math.min(chunkSamples, lastSample - sample + 1);
        const wanted = count * sourceSampleBytes;
        const got = await file.readInto(source, sourceStart + sample * sourceSampleBytes, wanted);
        // Content-Length is already promised: a file that shrank since must fail, not end short.
        if (got < wanted) throw new Error(`${path} shrank while it was being served`);
        const target = new Uint8Array(count * wavSampleBytes);
        convert(source, target, count);
        const offset = sample * wavSampleBytes; // data offset of target[0]
        yield target.subarray(Math.max(first - offset, 0), Math.min(last + 1 - offset, target.length));
        sample += count;
      }
    } finally {
      await file.close();
    }
  }

  const padAt = WAV_HEADER_BYTES + dataBytes;
  if (dataBytes % 2 === 1 && start <= padAt && padAt <= end) yield new Uint8Array(1);
}
