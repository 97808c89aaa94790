/**
 * G.711 µ-law and A-law (8-bit companded samples: telephony, old Mac and Sun sound files) in WAV
 * (format tags 7 and 6) and AIFF-C (`ulaw`/`ULAW`, `alaw`/`ALAW`), decoded to the 16-bit values
 * ITU-T G.711 gives each byte, scaled like 16-bit PCM. Checked against values of the standard's
 * tables, and on the corpus's files (skipped without ../shared/corpus).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { computePeaks } from '../../src/main/core/audio';
import { concat, extended80 } from './audio-writers';
import { audioTempDir, decodeAll, expectSamePcm } from './helpers';

const CORPUS_AUDIO = fileURLToPath(new URL('../../../shared/corpus/audio/music-metadata/', import.meta.url));

const temp = audioTempDir();
afterAll(() => temp.cleanup());
let fileNumber = 0;

/** Bytes and the 16-bit value G.711 decodes each to (ITU-T G.711's tables; ffmpeg agrees). */
const MU_LAW: [number, number][] = [
  [0x00, -32124], // the loudest negative step
  [0x80, 32124],
  [0x7f, 0], // the two zeros
  [0xff, 0],
  [0x7e, -8],
  [0xfe, 8],
  [0x70, -120],
  [0x0f, -16764],
  [0xc5, 1564],
];
const A_LAW: [number, number][] = [
  [0x55, -8], // the smallest steps, either side of zero
  [0xd5, 8],
  [0x2a, -32256], // the loudest
  [0xaa, 32256],
  [0x54, -24],
  [0x45, -264],
  [0xc5, 264],
  [0x35, -8448],
];

function le16(value: number): Uint8Array {
  return Uint8Array.of(value & 0xff, value >> 8);
}
function le32(value: number): Uint8Array {
  return Uint8Array.of(value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >>> 24);
}
function be32(value: number): Uint8Array {
  return Uint8Array.of(value >>> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);
}
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

/** A WAV of 8-bit companded samples, `channels` interleaved. */
function g711Wav(tag: 6 | 7, samples: Uint8Array, channels: number): string {
  const fmt = concat([
    le16(tag),
    le16(channels),
    le32(8000),
    le32(8000 * channels),
    le16(channels),
    le16(8),
    le16(0),
  ]);
  const body = concat([
    text('WAVE'),
    text('fmt '),
    le32(fmt.length),
    fmt,
    text('data'),
    le32(samples.length),
    samples,
    samples.length % 2 === 1 ? new Uint8Array(1) : new Uint8Array(0),
  ]);
  return temp.write(`g711-${fileNumber++}.wav`, concat([text('RIFF'), le32(body.length), body]));
}

/** An AIFF-C of 8-bit companded samples; COMM says 16 bits, as the corpus's files and Apple's do. */
function g711Aifc(compression: string, samples: Uint8Array, channels: number): string {
  const frames = samples.length / channels;
  const name = Uint8Array.of(0); // an empty Pascal string, padded to even length
  const comm = concat([
    Uint8Array.of(0, channels),
    be32(frames),
    Uint8Array.of(0, 16),
    extended80(8000),
    text(compression),
    name,
    new Uint8Array(1),
  ]);
  const ssnd = concat([
    new Uint8Array(8),
    samples,
    samples.length % 2 === 1 ? new Uint8Array(1) : new Uint8Array(0),
  ]);
  const body = concat([
    text('AIFC'),
    text('FVER'),
    be32(4),
    be32(0xa2805140),
    text('COMM'),
    be32(comm.length),
    comm,
    text('SSND'),
    be32(samples.length + 8),
    ssnd,
  ]);
  return temp.write(`g711-${fileNumber++}.aifc`, concat([text('FORM'), be32(body.length), body]));
}

describe.each([
  { law: 'µ-law', table: MU_LAW, wavTag: 7 as const, aifc: ['ulaw', 'ULAW'] },
  { law: 'A-law', table: A_LAW, wavTag: 6 as const, aifc: ['alaw', 'ALAW'] },
])('G.711 $law', ({ table, wavTag, aifc }) => {
  const bytes = Uint8Array.from(table, ([byte]) => byte);
  const expected = [Float32Array.from(table, ([, value]) => value / 32768)];

  test('in WAV: each byte decodes to its G.711 value, scaled like 16-bit PCM', async () => {
    expectSamePcm(await decodeAll(g711Wav(wavTag, bytes, 1)), expected);
  });

  test.each(aifc)("in AIFF-C '%s'", async (compression) => {
    expectSamePcm(await decodeAll(g711Aifc(compression, bytes, 1)), expected);
  });

  test('stereo, every byte value: peaks as 16-bit PCM of the decoded values would give', async () => {
    const all = Uint8Array.from({ length: 512 }, (_, i) => (i >> 1) ^ (i & 1 ? 0xff : 0));
    const result = await computePeaks(g711Wav(wavTag, all, 2), { points: 16 });
    expect(result).toMatchObject({ format: 'wav', channels: 2, sampleRate: 8000, truncated: false });
    expect(result.durationSeconds).toBe(256 / 8000);
    const [left, right] = await decodeAll(g711Wav(wavTag, all, 2));
    // Left byte b and right byte b ^ 0xFF decode to values of opposite sign and nearly equal size.
    for (let i = 0; i < 256; i++) expect(Math.sign(left![i]!) * Math.sign(right![i]!)).toBeLessThanOrEqual(0);
  });
});

const CORPUS_G711 = [
  'wav/alaw.wav',
  'wav/mulaw.wav',
  'aiff/M1F1-AlawC-AFsp.aif',
  'aiff/Fnonull.aif',
  'aiff/Pmiscck.aif',
  'aiff/Poffset.aif',
  'aiff/Porder.aif',
  'aiff/Ptjunk.aif',
].map((name) => join(CORPUS_AUDIO, name));

describe.skipIf(!existsSync(CORPUS_AUDIO))('corpus G.711 files (skipped without ../shared/corpus)', () => {
  test.each(CORPUS_G711)('%s decodes', async (path) => {
    const result = await computePeaks(path, { points: 16 });
    expect(result.durationSeconds).toBeGreaterThan(0);
    expect(Math.max(...result.peaks.map(Math.abs))).toBeLessThanOrEqual(32256 / 32768);
  });
});
