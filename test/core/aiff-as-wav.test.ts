// AIFF previews served to the window as WAV (Chromium cannot play AIFF): the header, the samples,
// every Range, the files that are served as they are, and the real files in the shared corpus.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openDecoder } from '../../src/main/core/audio';
import {
  openAiffAsWav,
  planAiffAsWav,
  WAV_HEADER_BYTES,
  type AiffAsWavResponse,
} from '../../src/main/core/previews/aiff-as-wav';
import { openAudioRange } from '../../src/main/core/previews/audio-range';
import {
  encodeAiff,
  noise,
  quantize,
  sine,
  type AiffCompression,
  type Pcm,
  type SampleFormat,
} from '../audio/audio-writers';
import { audioTempDir } from '../audio/helpers';

const temp = audioTempDir();
afterAll(() => temp.cleanup());

async function readAll(body: Readable | null): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part as Uint8Array);
  return Buffer.concat(parts);
}

async function serve(
  path: string,
  range?: string,
  chunkSamples?: number,
): Promise<AiffAsWavResponse & { bytes: Uint8Array }> {
  const answer = await openAiffAsWav(path, range, { chunkSamples });
  expect(answer, `${path} should be served as WAV`).not.toBeNull();
  return { ...answer!, bytes: await readAll(answer!.body) };
}

function fingerprint(path: string): string {
  const stats = statSync(path);
  const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
  return `${hash} ${stats.size} ${stats.mtimeMs}`;
}

/** The fields of a canonical 44-byte WAV header, read independently of the code under test. */
function wavHeader(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  return {
    riff: text(0),
    riffSize: view.getUint32(4, true),
    wave: text(8),
    fmt: text(12),
    fmtSize: view.getUint32(16, true),
    formatTag: view.getUint16(20, true),
    channels: view.getUint16(22, true),
    sampleRate: view.getUint32(24, true),
    byteRate: view.getUint32(28, true),
    blockAlign: view.getUint16(32, true),
    bits: view.getUint16(34, true),
    data: text(36),
    dataSize: view.getUint32(40, true),
  };
}

/** Every sample of a WAV's data, interleaved, as the integers (or floats) it stores. */
function wavSamples(bytes: Uint8Array): number[] {
  const header = wavHeader(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset + WAV_HEADER_BYTES, header.dataSize);
  const size = header.bits / 8;
  const out: number[] = [];
  for (let p = 0; p < header.dataSize; p += size) {
    if (header.formatTag === 3) out.push(view.getFloat32(p, true));
    else if (size === 1) out.push(view.getUint8(p) - 128);
    else if (size === 2) out.push(view.getInt16(p, true));
    else if (size === 3) out.push(((view.getUint16(p, true) | (view.getUint8(p + 2) << 16)) << 8) >> 8);
    else out.push(view.getInt32(p, true));
  }
  return out;
}

/** What the WAV must hold for `pcm`: the writer's own quantisation, interleaved. */
function expectedSamples(pcm: Pcm): number[] {
  const out: number[] = [];
  const frames = pcm.channels[0]!.length;
  for (let i = 0; i < frames; i++) {
    for (const channel of pcm.channels) {
      const value = channel[i]!;
      out.push(pcm.format.kind === 'float' ? Math.fround(value) : quantize(value, pcm.format.bits) + 0); // no -0
    }
  }
  return out;
}

function signal(format: SampleFormat, channelCount: number, frames: number, sampleRate = 44_100): Pcm {
  // Full-scale noise reaches both extremes of every sample size; the sine tells channels apart.
  const channels = [noise(frames, 1, 7), sine(frames, sampleRate, 441, 0.8), noise(frames, 0.5, 3)];
  return { sampleRate, format, channels: channels.slice(0, channelCount) };
}

interface Case {
  name: string;
  pcm: Pcm;
  compression?: AiffCompression;
  /** WAV sample size when it differs from the source's (fl64 becomes 32-bit float). */
  wavBits?: number;
}

const CASES: Case[] = [
  { name: 'AIFF 8-bit mono (odd data size)', pcm: signal({ kind: 'int', bits: 8 }, 1, 1001) },
  { name: 'AIFF 16-bit stereo', pcm: signal({ kind: 'int', bits: 16 }, 2, 1000) },
  { name: 'AIFF 24-bit mono (odd data size)', pcm: signal({ kind: 'int', bits: 24 }, 1, 777) },
  { name: 'AIFF 24-bit stereo', pcm: signal({ kind: 'int', bits: 24 }, 2, 500) },
  { name: 'AIFF 32-bit stereo', pcm: signal({ kind: 'int', bits: 32 }, 2, 400) },
  { name: 'AIFF 16-bit, 3 channels', pcm: signal({ kind: 'int', bits: 16 }, 3, 300) },
  { name: 'AIFF-C NONE 16-bit', pcm: signal({ kind: 'int', bits: 16 }, 2, 300), compression: 'NONE' },
  { name: 'AIFF-C twos 8-bit', pcm: signal({ kind: 'int', bits: 8 }, 2, 300), compression: 'twos' },
  { name: 'AIFF-C raw 8-bit', pcm: signal({ kind: 'int', bits: 8 }, 1, 301), compression: 'raw ' },
  { name: 'AIFF-C sowt 16-bit', pcm: signal({ kind: 'int', bits: 16 }, 2, 600), compression: 'sowt' },
  { name: 'AIFF-C sowt 24-bit', pcm: signal({ kind: 'int', bits: 24 }, 2, 333), compression: 'sowt' },
  { name: 'AIFF-C in24', pcm: signal({ kind: 'int', bits: 24 }, 1, 333), compression: 'in24' },
  { name: 'AIFF-C fl32 stereo', pcm: signal({ kind: 'float', bits: 32 }, 2, 500), compression: 'fl32' },
  {
    name: 'AIFF-C fl64 mono (as 32-bit float)',
    pcm: signal({ kind: 'float', bits: 64 }, 1, 500),
    compression: 'fl64',
    wavBits: 32,
  },
];

const files = new Map<string, string>();
function fileOf(testCase: Case): string {
  let path = files.get(testCase.name);
  if (path === undefined) {
    const bytes = encodeAiff(testCase.pcm, {
      compression: testCase.compression,
      // Odd-sized chunks before COMM (with their pad byte) and an SSND offset: the samples do not
      // start where a naive reader would look.
      before: [
        { id: 'NAME', body: new TextEncoder().encode('Mix v3') },
        { id: 'ANNO', body: new TextEncoder().encode('odd') },
      ],
      ssndOffset: 5,
    });
    path = temp.write(`case-${files.size}.aif`, bytes);
    files.set(testCase.name, path);
  }
  return path;
}

describe('an AIFF served as WAV', () => {
  it.each(CASES)('$name: a well-formed WAV holding exactly the source samples', async (testCase) => {
    const path = fileOf(testCase);
    const before = fingerprint(path);
    const { pcm } = testCase;
    const whole = await serve(path);
    expect(whole.status).toBe(200);
    expect(whole.headers['Content-Type']).toBe('audio/wav');
    expect(whole.headers['Accept-Ranges']).toBe('bytes');
    expect(whole.headers['Content-Length']).toBe(String(whole.bytes.length));

    const bits = testCase.wavBits ?? pcm.format.bits;
    const frames = pcm.channels[0]!.length;
    const dataSize = frames * pcm.channels.length * (bits / 8);
    expect(wavHeader(whole.bytes)).toEqual({
      riff: 'RIFF',
      riffSize: whole.bytes.length - 8,
      wave: 'WAVE',
      fmt: 'fmt ',
      fmtSize: 16,
      formatTag: pcm.format.kind === 'float' ? 3 : 1,
      channels: pcm.channels.length,
      sampleRate: pcm.sampleRate,
      byteRate: pcm.sampleRate * pcm.channels.length * (bits / 8),
      blockAlign: pcm.channels.length * (bits / 8),
      bits,
      data: 'data',
      dataSize,
    });
    // RIFF pads odd-sized data with one zero byte.
    expect(whole.bytes.length).toBe(WAV_HEADER_BYTES + dataSize + (dataSize % 2));
    if (dataSize % 2) expect(whole.bytes.at(-1)).toBe(0);
    expect(wavSamples(whole.bytes)).toEqual(expectedSamples(pcm));
    expect(whole.size).toBe(whole.bytes.length);

    // The project's own WAV reader reads back what its AIFF reader reads.
    const wav = temp.write(`${relative(temp.dir, path)}.wav`, whole.bytes);
    expect(await decodeAll(wav)).toEqual(await decodeAll(path));
    expect(fingerprint(path)).toBe(before);
  });

  it('streams: the body comes in pieces of at most one chunk, never the whole file at once', async () => {
    const path = fileOf(CASES[3]!); // 24-bit stereo, 500 frames
    const answer = await openAiffAsWav(path, undefined, { chunkSamples: 64 });
    const sizes: number[] = [];
    for await (const part of answer!.body!) sizes.push((part as Uint8Array).length);
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64 * 3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(answer!.size);
  });

  it('closes the file when a player abandons a request half-way (and opens none for an unread one)', async () => {
    const path = fileOf(CASES[1]!);
    const openHere = () => readdirSync('/proc/self/fd').filter((fd) => fdTarget(fd) === path).length;
    if (!existsSync('/proc/self/fd')) return;
    for (let i = 0; i < 20; i++) {
      const answer = await openAiffAsWav(path, `bytes=${i * 7}-`, { chunkSamples: 16 });
      const body = answer!.body!;
      await new Promise<void>((resolve) => body.once('data', () => resolve()));
      body.destroy();
      await openAiffAsWav(path, undefined); // never read
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openHere()).toBe(0);
  });

  it('rounds a legacy fractional AIFF rate (22254.545 Hz) to the integer WAV stores', async () => {
    const pcm = signal({ kind: 'int', bits: 16 }, 1, 200, 22_254);
    const path = temp.write('fractional.aif', encodeAiff(pcm, { commRate: 22_254.545454 }));
    const { bytes } = await serve(path);
    expect(wavHeader(bytes).sampleRate).toBe(22_255);
    expect(wavSamples(bytes)).toEqual(expectedSamples(pcm));
  });

  it('describes only the frames a cut-short file holds (what the AIFF decoder plays)', async () => {
    const pcm = signal({ kind: 'int', bits: 24 }, 2, 400);
    const full = encodeAiff(pcm);
    const path = temp.write('cut.aif', full.subarray(0, full.length - 1000));
    const { bytes } = await serve(path);
    const frames = Math.floor((full.length - 1000 - (full.length - 400 * 6)) / 6);
    expect(wavHeader(bytes).dataSize).toBe(frames * 6);
    expect(wavSamples(bytes)).toEqual(expectedSamples(pcm).slice(0, frames * 2));
  });

  it('expands µ-law to 16-bit PCM, and leaves what it cannot map sample for sample to be served as it is', async () => {
    const base = encodeAiff(signal({ kind: 'int', bits: 8 }, 1, 100), { compression: 'NONE' });
    const ulaw = Uint8Array.from(base);
    const at = Buffer.from(ulaw).indexOf('NONE');
    ulaw.set(new TextEncoder().encode('ulaw'), at);
    // µ-law is no longer one of them: it is expanded to the 16-bit PCM it stands for.
    const expanded = await serve(temp.write('ulaw.aifc', ulaw));
    expect(wavHeader(expanded.bytes)).toMatchObject({ riff: 'RIFF', bits: 16, dataSize: 100 * 2 });
    const cases = {
      'an AIFF cut inside its header': temp.write('header-cut.aif', base.subarray(0, 30)),
      'a WAV named .aif': temp.write(
        'really.aif',
        (await serve(temp.write('src.aif', base))).bytes, // a WAV's bytes
      ),
      'a text file': temp.write('notes.aif', new TextEncoder().encode('not audio at all')),
      'an empty file': temp.write('empty.aif', new Uint8Array(0)),
      'a missing file': join(temp.dir, 'gone.aif'),
      'a folder': temp.dir,
    };
    for (const [name, path] of Object.entries(cases)) {
      expect(await openAiffAsWav(path, undefined), name).toBeNull();
      expect(await openAiffAsWav(path, 'bytes=0-10'), name).toBeNull();
    }
  });
});

describe('Range on the converted WAV', () => {
  const fuzzed = [CASES[0]!, CASES[2]!, CASES[4]!, CASES[10]!, CASES[13]!];

  it.each(fuzzed)(
    '$name: every range is that slice of the whole WAV, with the headers openAudioRange gives',
    async (testCase) => {
      const path = fileOf(testCase);
      const before = fingerprint(path);
      const whole = (await serve(path)).bytes;
      // The oracle: the whole converted WAV as a real file, served by openAudioRange.
      const wholeFile = temp.write(`${relative(temp.dir, path)}.oracle.wav`, whole);
      const size = whole.length;
      const offset = fc.integer({ min: 0, max: size + 50 });
      const header = fc.oneof(
        fc.tuple(offset, offset).map(([a, b]) => `bytes=${a}-${b}`),
        offset.map((a) => `bytes=${a}-`),
        offset.map((n) => `bytes=-${n}`),
        // Around the header/data seam and the last bytes, where off-by-ones live.
        fc
          .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }))
          .map(([a, b]) => `bytes=${a}-${a + b}`),
        fc.integer({ min: 0, max: 10 }).map((n) => `bytes=${size - n}-${size + 3}`),
        fc.constantFrom('bytes=0-', 'bytes=-0', 'bytes=1-2,4-5', 'items=0-3', 'bytes=-', 'bytes=x-y', ''),
      );
      await fc.assert(
        fc.asyncProperty(header, fc.integer({ min: 1, max: 40 }), async (range, chunkSamples) => {
          const answer = await openAiffAsWav(path, range, { chunkSamples });
          const expected = openAudioRange(wholeFile, 'audio/wav', range);
          expected.body?.destroy();
          expect(answer!.status, range).toBe(expected.status);
          expect(answer!.headers, range).toEqual(expected.headers);
          const bytes = await readAll(answer!.body);
          if (expected.status === 416) {
            expect(answer!.body).toBeNull();
            expect(answer!.headers['Content-Range']).toBe(`bytes */${size}`);
            return;
          }
          const [start, end] =
            expected.status === 200
              ? [0, size - 1]
              : /bytes (\d+)-(\d+)\//.exec(expected.headers['Content-Range']!)!.slice(1).map(Number);
          expect(Buffer.from(bytes).equals(Buffer.from(whole.subarray(start!, end! + 1))), range).toBe(true);
          expect(bytes.length).toBe(Number(answer!.headers['Content-Length']));
        }),
        { numRuns: 150 },
      );
      expect(fingerprint(path)).toBe(before);
    },
  );

  it('a range that starts and ends mid-sample gets the right bytes of the converted samples', async () => {
    const path = fileOf(CASES[3]!); // 24-bit stereo: samples are 3 bytes, the data starts at 44
    const whole = (await serve(path)).bytes;
    for (const [start, end] of [
      [45, 45],
      [46, 50],
      [43, 47],
      [44 + 3 * 100 + 1, 44 + 3 * 100 + 1],
      [100, 1000],
    ] as const) {
      const part = await serve(path, `bytes=${start}-${end}`, 7);
      expect(part.status).toBe(206);
      expect(part.headers['Content-Range']).toBe(`bytes ${start}-${end}/${whole.length}`);
      expect([...part.bytes]).toEqual([...whole.subarray(start, end + 1)]);
    }
  });

  it('suffix ranges, open ranges, and 416 exactly as openAudioRange answers them', async () => {
    const path = fileOf(CASES[1]!);
    const size = (await serve(path)).size;
    expect((await serve(path, 'bytes=-10')).headers['Content-Range']).toBe(
      `bytes ${size - 10}-${size - 1}/${size}`,
    );
    expect((await serve(path, `bytes=-${size * 2}`)).bytes.length).toBe(size);
    expect((await serve(path, `bytes=${size - 1}-`)).bytes.length).toBe(1);
    for (const range of [`bytes=${size}-`, `bytes=${size + 5}-${size + 9}`, 'bytes=-0', 'bytes=9-3']) {
      const answer = await openAiffAsWav(path, range);
      expect(answer!.status, range).toBe(416);
      expect(answer!.body).toBeNull();
      expect(answer!.headers['Content-Range']).toBe(`bytes */${size}`);
    }
  });
});

interface Decoded {
  info: { channels: number; sampleRate: number; expectedFrames: number | null };
  channels: Float32Array[];
}

/** Every sample the project's decoder reads from a file, per channel. */
async function decodeAll(path: string): Promise<Decoded> {
  const decoder = await openDecoder(path);
  try {
    const parts: Float32Array[][] = Array.from({ length: decoder.info.channels }, () => []);
    for await (const chunk of decoder.chunks()) {
      chunk.channelData.forEach((data, ch) => parts[ch]!.push(data.slice(0, chunk.frames)));
    }
    const channels = parts.map((list) => {
      const out = new Float32Array(list.reduce((sum, part) => sum + part.length, 0));
      let p = 0;
      for (const part of list) {
        out.set(part, p);
        p += part.length;
      }
      return out;
    });
    const { channels: count, sampleRate, expectedFrames } = decoder.info;
    return { info: { channels: count, sampleRate: Math.round(sampleRate), expectedFrames }, channels };
  } finally {
    await decoder.close();
  }
}

/** Bit for bit (NaN included), without a slow element-by-element diff of 10^5 samples. */
function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

function fdTarget(fd: string): string | null {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The real corpus: AIFF files written by real encoders and DAWs (../shared/corpus, see its README).

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const CORPUS_AUDIO = join(CORPUS, 'audio');
const corpusMissing = !existsSync(CORPUS_AUDIO);

function findAiffs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(aif|aiff|aifc)$/i.test(name))
    .map((name) => join(dir, name))
    .sort();
}

/** Every AIFF of corpus/audio, and the recordings inside the corpus's DAW projects. */
const CORPUS_AIFFS = [...findAiffs(CORPUS_AUDIO), ...findAiffs(join(CORPUS, 'projects'))];

describe.skipIf(corpusMissing)(
  corpusMissing
    ? `real AIFF files — SKIPPED: the corpus is absent (${CORPUS_AUDIO})`
    : 'real AIFF files from real encoders',
  () => {
    it('finds the corpus AIFF files', () => {
      expect(CORPUS_AIFFS.length).toBeGreaterThanOrEqual(10);
    });

    it.each(CORPUS_AIFFS.map((path) => ({ name: relative(CORPUS, path), path })))(
      '$name',
      async ({ path }) => {
        const before = fingerprint(path);
        let aiff: Decoded;
        try {
          aiff = await decodeAll(path);
        } catch {
          // The decoder refuses it (µ-law/A-law AIFF-C, no SSND, a broken header): the window gets
          // the file as it is, exactly what it got before.
          expect(await planAiffAsWav(path)).toBeNull();
          return;
        }
        const whole = await serve(path);
        const header = wavHeader(whole.bytes);
        expect(header).toMatchObject({ riff: 'RIFF', wave: 'WAVE', fmt: 'fmt ', data: 'data', fmtSize: 16 });
        expect(header.riffSize).toBe(whole.bytes.length - 8);
        expect(whole.bytes.length).toBe(WAV_HEADER_BYTES + header.dataSize + (header.dataSize % 2));
        expect(header.blockAlign).toBe(header.channels * (header.bits / 8));
        expect(header.byteRate).toBe(header.sampleRate * header.blockAlign);

        const wav = temp.write(`corpus-${createHash('md5').update(path).digest('hex')}.wav`, whole.bytes);
        const converted = await decodeAll(wav);
        expect(converted.info).toEqual(aiff.info);
        expect(converted.channels.length).toBe(aiff.channels.length);
        expect(converted.channels[0]!.length).toBeGreaterThan(0);
        converted.channels.forEach((channel, ch) => {
          expect(sameBits(channel, aiff.channels[ch]!), `channel ${ch}`).toBe(true);
        });

        // A few ranges of the real file, mid-sample included.
        for (const [start, end] of [
          [0, 99],
          [43, 44 + 7],
          [1001, 5003],
          [whole.bytes.length - 5, whole.bytes.length - 1],
        ]) {
          const part = await serve(path, `bytes=${start}-${end}`, 333);
          expect(Buffer.from(part.bytes).equals(Buffer.from(whole.bytes.subarray(start, end! + 1)))).toBe(
            true,
          );
        }
        expect(fingerprint(path)).toBe(before);
      },
    );
  },
);
