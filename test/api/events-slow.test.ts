// GET /api/v1/events and a client that stops reading (src/main/core/live-events/README.md): once
// its socket holds more than the per-client limit unsent it is cut off, while another subscriber
// goes on receiving everything; the server's memory stays bounded while many megabytes of events
// go out (the backlog keeps at most 4 MiB, a stalled client at most its limit).
import net from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKLOG_MAX_BYTES } from '../../src/main/core/live-events/live-event';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { openEventStream, until, type SseStream } from '../helpers/sse-client';

const KIB = 1024;
const MIB = 1024 * KIB;
const LIMIT = 256 * KIB;

let h: ApiHarness;
let stalled: net.Socket | null = null;
let reader: SseStream | null = null;

afterEach(async () => {
  stalled?.destroy();
  reader?.close();
  await h?.close();
});

/**
 * Full collections, so memory figures are what is still held, not garbage not yet collected
 * (Buffers' memory is swept after the collection, hence the second one a little later).
 */
async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc();
}

/** A raw socket that asks for the stream and then never reads a byte. */
function stalledSubscriber(port: number, token: string): net.Socket {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  socket.write(
    `GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n\r\n`,
  );
  socket.pause();
  return socket;
}

describe('a subscriber that stops reading', () => {
  it('is dropped once over the limit while another keeps receiving, and memory stays bounded', async () => {
    h = await startApi({ liveEvents: { clientBufferLimit: LIMIT } });
    const port = h.server.port()!;
    const hub = h.server.liveEvents;
    // The reader runs in this process too: it keeps ids and the start of the notes, not 60 MB.
    reader = await openEventStream(port, h.token(), {
      keep: (event) => ({ ...event, data: { notes: String(event.data.session.notes).slice(0, 8) } }),
    });
    stalled = stalledSubscriber(port, h.token());
    let stalledClosed = false;
    stalled.on('close', () => (stalledClosed = true));
    await until(() => hub.stats().subscribers === 2, 'both streams');

    const ids = Array.from({ length: 8 }, (_, n) => h.core.sessions.create({ title: `Song ${n}` }).id);
    await until(() => reader!.events.length === 8, 'the creations');
    await collectGarbage();
    const before = process.memoryUsage();

    // ~100 KB events, 600 of them: 60 MB through the hub, far beyond what the kernel buffers of
    // the stalled socket take, in bursts of a few writes a turn like concurrent requests.
    const notes = 'n'.repeat(99_000);
    let produced = 0;
    for (let n = 0; n < 600; n++) {
      h.core.sessions.patch(ids[n % ids.length]!, { notes: `${n} ${notes}` });
      if (n % 4 === 3) {
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
      }
      produced += notes.length;
      // The reader keeps up (it is a reader): let it, every so often.
      if (n % 50 === 49) await until(() => reader!.events.length >= 8 + n - 40, 'the reader to keep up');
    }
    await until(() => reader!.events.length === 608, 'every event at the reader');
    await until(() => hub.stats().dropped === 1, 'the stalled subscriber to be dropped');
    // The server closed that connection: read what is left in its buffers, then the close.
    stalled.resume();
    await until(() => stalledClosed, 'the stalled socket to be closed by the server');

    expect(produced).toBeGreaterThan(50 * MIB);
    expect(hub.stats()).toMatchObject({ subscribers: 1, dropped: 1 });
    expect(hub.stats().backlog.bytes).toBeLessThanOrEqual(BACKLOG_MAX_BYTES);
    // The reader got every event once, in order.
    const seqs = reader.events.map((event) => Number(event.id!.split('-')[1]));
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    expect(reader.events.at(-1)!.data.notes.startsWith('599 ')).toBe(true);

    await collectGarbage();
    const after = process.memoryUsage();
    // The backlog (4 MiB of event bytes, in Buffers) and the last sessions: a few MB, not 60.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(16 * MIB);
    expect(after.external - before.external).toBeLessThan(16 * MIB);
  });
});
