// The window's media protocol serves AIFF previews as WAV (Chromium has no AIFF demuxer,
// electron#22940): answerMediaRequest on a real core, the Local API still serving the file's own
// bytes, and the system Chromium decoding and playing what the protocol serves.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// media-protocol.ts imports `protocol` from electron; these tests never register the scheme.
vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() } }));

import { answerMediaRequest, mediaUrl } from '../../src/main/app/media-protocol';
import type { Core } from '../../src/main/core/create-core';
import { openDecoder } from '../../src/main/core/audio';
import { encodeAiff, encodeWav, noise, sine, type AiffCompression, type Pcm } from '../audio/audio-writers';
import { audioTempDir } from '../audio/helpers';
import { CHROMIUM_ARGS } from '../e2e/harness';
import { startApi } from '../helpers/api-harness';
import { createTempCore, type TempCore } from '../helpers/temp-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

const files = audioTempDir();
afterAll(() => files.cleanup());

function stereo(frames: number, sampleRate: number, format: Pcm['format']): Pcm {
  return { sampleRate, format, channels: [noise(frames, 0.9, 11), sine(frames, sampleRate, 440, 0.7)] };
}

const mix16 = stereo(8000, 44_100, { kind: 'int', bits: 16 });
const aiffBytes = encodeAiff(mix16);
const ulawBytes = (() => {
  // A µ-law AIFF-C: compressed, so it cannot be mapped to WAV sample for sample.
  const bytes = encodeAiff(stereo(100, 8000, { kind: 'int', bits: 8 }), { compression: 'NONE' });
  bytes.set(new TextEncoder().encode('ulaw'), Buffer.from(bytes).indexOf('NONE'));
  return bytes;
})();

function fingerprint(path: string): string {
  const { size, mtimeMs } = statSync(path);
  return `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${size} ${mtimeMs}`;
}

async function bytesOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

function request(url: string, range?: string): Request {
  return new Request(url, range === undefined ? {} : { headers: { range } });
}

describe('answerMediaRequest: an AIFF preview is served as WAV', () => {
  let temp: TempCore;
  let url: string;
  let ulawUrl: string;
  let wavUrl: string;
  let aiffPath: string;
  let whole: Buffer;

  beforeAll(async () => {
    temp = createTempCore();
    const session = temp.core.sessions.create({ title: 'Song' });
    aiffPath = files.write('Mix.aif', aiffBytes);
    url = mediaUrl(session.id, temp.core.previews.attach(session.id, { path: aiffPath }).id);
    const ulaw = temp.core.previews.attach(session.id, { path: files.write('Old.aif', ulawBytes) });
    ulawUrl = mediaUrl(session.id, ulaw.id);
    const wav = temp.core.previews.attach(session.id, { path: files.write('Mix.wav', encodeWav(mix16)) });
    wavUrl = mediaUrl(session.id, wav.id);
    whole = await bytesOf(await answerMediaRequest(temp.core, request(url)));
  });
  afterAll(() => temp.cleanup());

  it('200 for the whole file: audio/wav, its length, a WAV of the same samples', async () => {
    const before = fingerprint(aiffPath);
    const response = await answerMediaRequest(temp.core, request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    const bytes = await bytesOf(response);
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(bytes.length).toBe(44 + 8000 * 2 * 2);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    // The same samples as the WAV the test writer makes from the same signal.
    expect(bytes.equals(Buffer.from(encodeWav(mix16)))).toBe(true);
    expect(fingerprint(aiffPath)).toBe(before);
  });

  it('206 for ranges (header, samples, mid-sample, suffix), 416 beyond the end', async () => {
    for (const [range, start, end] of [
      ['bytes=0-43', 0, 43],
      ['bytes=40-49', 40, 49],
      ['bytes=45-45', 45, 45],
      ['bytes=1001-', 1001, whole.length - 1],
      ['bytes=-7', whole.length - 7, whole.length - 1],
    ] as const) {
      const response = await answerMediaRequest(temp.core, request(url, range));
      expect(response.status, range).toBe(206);
      expect(response.headers.get('content-type')).toBe('audio/wav');
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${whole.length}`);
      expect(response.headers.get('content-length')).toBe(String(end - start + 1));
      expect((await bytesOf(response)).equals(whole.subarray(start, end + 1)), range).toBe(true);
    }
    const beyond = await answerMediaRequest(temp.core, request(url, `bytes=${whole.length}-`));
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${whole.length}`);
    expect((await bytesOf(beyond)).length).toBe(0);
  });

  it('a µ-law AIFF-C reaches the player as WAV too (G.711 is decoded), and a WAV is served as it is', async () => {
    const ulaw = await answerMediaRequest(temp.core, request(ulawUrl));
    expect(ulaw.status).toBe(200);
    expect(ulaw.headers.get('content-type')).toBe('audio/wav');
    const converted = await bytesOf(ulaw);
    expect(converted.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(converted.equals(Buffer.from(ulawBytes))).toBe(false);
    const wav = await answerMediaRequest(temp.core, request(wavUrl, 'bytes=10-19'));
    expect(wav.status).toBe(206);
    expect(wav.headers.get('content-type')).toBe('audio/wav');
    expect((await bytesOf(wav)).equals(Buffer.from(encodeWav(mix16)).subarray(10, 20))).toBe(true);
  });

  it('a preview whose file is gone is still a 404', async () => {
    const session = temp.core.sessions.create({ title: 'Gone' });
    const path = files.write('Gone.aif', aiffBytes);
    const preview = temp.core.previews.attach(session.id, { path });
    rmSync(path);
    expect((await answerMediaRequest(temp.core, request(mediaUrl(session.id, preview.id)))).status).toBe(404);
  });
});

describe('the Local API still serves the AIFF itself', () => {
  it("GET /sessions/:id/preview/audio answers the file's own bytes as audio/aiff", async () => {
    const api = await startApi();
    const local = audioTempDir();
    try {
      const path = local.write('Mix.aif', aiffBytes);
      const session = api.core.sessions.create({ title: 'Song' });
      const preview = api.core.previews.attach(session.id, { path });
      const answer = await fetch(
        `${api.baseUrl}/sessions/${session.id}/preview/audio?variantId=${preview.id}`,
        {
          headers: { Authorization: `Bearer ${api.token()}` },
        },
      );
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('audio/aiff');
      expect((await bytesOf(answer)).equals(Buffer.from(aiffBytes))).toBe(true);
    } finally {
      local.cleanup();
      await api.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The rule meets the world: Debian's Chromium (what Electron's <audio> is) plays what we serve.

const chromiumMissing = !existsSync(CHROMIUM);

describe.skipIf(chromiumMissing)(
  chromiumMissing
    ? `Chromium plays AIFF previews as WAV — SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium)`
    : 'Chromium plays AIFF previews as WAV',
  () => {
    let browser: Browser;
    let page: Page;
    let server: Server;
    let origin: string;
    let temp: TempCore;
    let sessionId: string;
    const ranges: string[] = [];
    const local = audioTempDir();

    beforeAll(async () => {
      temp = createTempCore();
      sessionId = temp.core.sessions.create({ title: 'Song' }).id;
      server = await serveMediaOverHttp(() => temp.core, ranges);
      origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      page = await browser.newPage();
      await page.goto(`${origin}/`);
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => server?.close(resolve));
      temp?.cleanup();
      local.cleanup();
    });

    function attach(path: string): string {
      const preview = temp.core.previews.attach(sessionId, { path });
      return `${origin}/media/${encodeURIComponent(sessionId)}/${encodeURIComponent(preview.id)}`;
    }

    const SYNTHETIC: { name: string; pcm: Pcm; compression?: AiffCompression }[] = [
      { name: '8-bit', pcm: stereo(4000, 8000, { kind: 'int', bits: 8 }) },
      { name: '16-bit', pcm: mix16 },
      { name: '24-bit', pcm: stereo(3001, 48_000, { kind: 'int', bits: 24 }) },
      { name: '32-bit', pcm: stereo(3000, 44_100, { kind: 'int', bits: 32 }) },
      { name: 'AIFF-C sowt', pcm: stereo(3000, 44_100, { kind: 'int', bits: 16 }), compression: 'sowt' },
      { name: 'AIFF-C fl32', pcm: stereo(3000, 44_100, { kind: 'float', bits: 32 }), compression: 'fl32' },
      { name: 'AIFF-C fl64', pcm: stereo(3000, 44_100, { kind: 'float', bits: 64 }), compression: 'fl64' },
    ];

    it.each(SYNTHETIC)(
      '$name: decodeAudioData gives the samples SessionDock reads from the AIFF',
      async ({ name, pcm, compression }) => {
        const path = local.write(`${name}.aif`, encodeAiff(pcm, { compression }));
        // SessionDock scales integers by 2^(bits-1); Chromium divides positive values by
        // 2^(bits-1) - 1 (media/base/audio_sample_types.h): the same sample, another convention.
        const full = 2 ** (pcm.format.bits - 1);
        const chromiumScale = (v: number) =>
          pcm.format.kind === 'int' && v > 0 ? (v * full) / (full - 1) : v;
        const expected = (await decodeAll(path)).map((channel) => channel.map(chromiumScale));
        const decoded = await decodeInPage(page, attach(path), pcm.channels.length, pcm.sampleRate);
        expect(decoded.error).toBeUndefined();
        expect(decoded.sampleRate).toBe(pcm.sampleRate);
        expect(decoded.channels.length).toBe(pcm.channels.length);
        decoded.channels.forEach((channel, ch) => {
          expect(channel.length).toBe(expected[ch]!.length);
          const worst = channel.reduce(
            (max, value, i) => Math.max(max, Math.abs(value - expected[ch]![i]!)),
            0,
          );
          expect(worst, `channel ${ch}`).toBeLessThan(1e-6);
        });
      },
      60_000,
    );

    it('an <audio> element loads it with the right duration and seeks in it with Range requests', async () => {
      const url = attach(
        local.write('Long.aif', encodeAiff(stereo(44_100 * 3, 44_100, { kind: 'int', bits: 24 }))),
      );
      ranges.length = 0;
      const result = await page.evaluate(async (src) => {
        const audio = new (globalThis as unknown as PageGlobals).Audio();
        const loaded = await new Promise<string>((resolve) => {
          audio.onloadedmetadata = () => resolve('ok');
          audio.onerror = () => resolve(`error ${audio.error?.code} ${audio.error?.message}`);
          audio.src = src;
        });
        if (loaded !== 'ok') return { loaded, duration: 0, seekedTo: 0 };
        const duration = audio.duration;
        audio.currentTime = 2.5;
        await new Promise((resolve) => (audio.onseeked = resolve));
        return { loaded, duration, seekedTo: audio.currentTime };
      }, url);
      expect(result.loaded).toBe('ok');
      expect(result.duration).toBeCloseTo(3, 3);
      expect(result.seekedTo).toBeCloseTo(2.5, 3);
      expect(ranges.length).toBeGreaterThan(0); // Chromium's media pipeline asks with Range
    }, 60_000);

    const corpusAiffs = existsSync(join(CORPUS, 'audio'))
      ? ['audio', 'projects'].flatMap((dir) =>
          readdirSync(join(CORPUS, dir), { recursive: true, encoding: 'utf8' })
            .filter((name) => /\.(aif|aiff)$/i.test(name))
            .map((name) => join(CORPUS, dir, name))
            .sort(),
        )
      : [];

    it.skipIf(corpusAiffs.length === 0)(
      corpusAiffs.length === 0
        ? `real AIFF files — SKIPPED: the corpus is absent (${CORPUS})`
        : 'real AIFF files that SessionDock decodes are decoded by Chromium too, with the same duration',
      async () => {
        const checked: string[] = [];
        for (const path of corpusAiffs) {
          let info: { channels: number; sampleRate: number; frames: number };
          try {
            const decoder = await openDecoder(path);
            info = { ...decoder.info, frames: decoder.info.expectedFrames! };
            await decoder.close();
          } catch {
            continue; // µ-law, A-law, broken: served as they are (the core test checks that)
          }
          const result = await page.evaluate(async (src) => {
            try {
              const buffer = await (await fetch(src)).arrayBuffer();
              const context = new (globalThis as unknown as PageGlobals).AudioContext();
              const audio = await context.decodeAudioData(buffer);
              return { duration: audio.duration, channels: audio.numberOfChannels };
            } catch (error) {
              return { error: String(error), duration: 0, channels: 0 };
            }
          }, attach(path));
          expect(result, relative(CORPUS, path)).toMatchObject({ channels: info.channels });
          expect(result.duration, relative(CORPUS, path)).toBeCloseTo(info.frames / info.sampleRate, 3);
          checked.push(relative(CORPUS, path));
        }
        expect(checked.length).toBeGreaterThanOrEqual(5);
      },
      120_000,
    );
  },
);

/** The page's Web Audio and media element, as far as these tests use them (no DOM lib here). */
interface PageAudioBuffer {
  sampleRate: number;
  numberOfChannels: number;
  duration: number;
  getChannelData(channel: number): Float32Array;
}
interface PageAudioContext {
  decodeAudioData(bytes: ArrayBuffer): Promise<PageAudioBuffer>;
}
interface PageGlobals {
  AudioContext: new () => PageAudioContext;
  OfflineAudioContext: new (channels: number, length: number, sampleRate: number) => PageAudioContext;
  Audio: new () => {
    src: string;
    duration: number;
    currentTime: number;
    error: { code: number; message: string } | null;
    onloadedmetadata: (() => void) | null;
    onerror: (() => void) | null;
    onseeked: ((event: unknown) => void) | null;
  };
}

/** The media protocol over plain HTTP, as Electron's protocol.handle calls it. */
async function serveMediaOverHttp(getCore: () => Core, ranges: string[]): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const match = /^\/media\/([^/]+)\/([^/?]+)$/.exec(incoming.url ?? '');
    if (!match) {
      outgoing.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>media</title>');
      return;
    }
    const range = incoming.headers.range;
    if (range) ranges.push(range);
    void answerMediaRequest(
      getCore(),
      request(`sessiondock-media://preview/${match[1]}/${match[2]}`, range),
    ).then((response) => {
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) Readable.fromWeb(response.body as WebReadableStream<Uint8Array>).pipe(outgoing);
      else outgoing.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Decodes `src` in the page at its own sample rate (no resampling), so samples can be compared. */
async function decodeInPage(
  page: Page,
  src: string,
  channels: number,
  sampleRate: number,
): Promise<{ error?: string; sampleRate: number; channels: number[][] }> {
  return page.evaluate(
    async ({ src, channels, sampleRate }) => {
      try {
        const bytes = await (await fetch(src)).arrayBuffer();
        const { OfflineAudioContext } = globalThis as unknown as PageGlobals;
        const context = new OfflineAudioContext(channels, 1, sampleRate);
        const audio = await context.decodeAudioData(bytes);
        return {
          sampleRate: audio.sampleRate,
          channels: Array.from({ length: audio.numberOfChannels }, (_, ch) => [...audio.getChannelData(ch)]),
        };
      } catch (error) {
        return { error: String(error), sampleRate: 0, channels: [] };
      }
    },
    { src, channels, sampleRate },
  );
}

async function decodeAll(path: string): Promise<number[][]> {
  const decoder = await openDecoder(path);
  try {
    const out: number[][] = Array.from({ length: decoder.info.channels }, () => []);
    for await (const chunk of decoder.chunks()) {
      chunk.channelData.forEach((data, ch) => {
        for (let i = 0; i < chunk.frames; i++) out[ch]!.push(data[i]!);
      });
    }
    return out;
  } finally {
    await decoder.close();
  }
}
