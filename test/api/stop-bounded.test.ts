// Stopping the API (the desktop app's quit, headless SIGTERM) never waits on a slow client: an
// audio stream nobody reads keeps its request in flight, and stop() still finishes.
import { writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeWav } from '../audio/audio-writers';
import { startApi, type ApiHarness } from '../helpers/api-harness';

let h: ApiHarness | null = null;
let socket: Socket | null = null;
afterEach(async () => {
  socket?.destroy();
  await h?.close();
  h = null;
});

/** A silent WAV far larger than the socket buffers, so its stream stalls when the client stops reading. */
function writeLargeWav(path: string, frames: number): void {
  writeFileSync(
    path,
    encodeWav({
      sampleRate: 44_100,
      channels: [new Float32Array(frames)],
      format: { kind: 'int', bits: 16 },
    }),
  );
}

describe('stopping the Local API', () => {
  it('closes a stalled audio stream after the grace period instead of waiting for it', async () => {
    h = await startApi();
    const wav = join(h.dataDir, 'long.wav');
    writeLargeWav(wav, 16 * 1024 * 1024);
    const id = (await h.request('POST', '/sessions', { body: { title: 'Slow listener' } })).json.data.id;
    expect((await h.request('POST', `/sessions/${id}/previews`, { body: { path: wav } })).status).toBe(201);

    // A client that asks for the audio and then never reads: the server's writes back up.
    const port = h.server.port()!;
    socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket!.once('connect', () => resolve()));
    const firstBytes = new Promise<string>((resolve) =>
      socket!.once('data', (chunk) => resolve(String(chunk))),
    );
    socket.write(
      `GET /api/v1/sessions/${id}/preview/audio HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
        `Authorization: Bearer ${h.token()}\r\n\r\n`,
    );
    expect(await firstBytes).toMatch(/^HTTP\/1\.1 200/);
    socket.pause();
    const closed = new Promise<void>((resolve) => socket!.once('close', () => resolve()));

    await h.server.stop({ graceMs: 100 });
    // The server ended the connection: reading again finds the end of the stream.
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.resume();
    await closed;
    expect(h.server.status().running).toBe(false);
    expect(h.server.port()).toBeNull();
  });
});
