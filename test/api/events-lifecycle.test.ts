// GET /api/v1/events and the Local API's own changes (src/main/core/live-events/README.md): a token
// rotation, a switch to disabled and a port change are announced with `localApi.changed` and end
// the stream; the backlog outlives a port change; ids from before a disabled period get a resync;
// stopping the API ends every stream at once, a stalled one included.
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiMode } from '../../src/shared/domain';
import { ApiServer } from '../../src/main/core/api/api-server';
import { createCore, type Core } from '../../src/main/core/create-core';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { tryConnect } from '../helpers/raw-http';
import { openEventStream, until, type SseStream } from '../helpers/sse-client';

let h: ApiHarness | null = null;
const cleanups: (() => Promise<void> | void)[] = [];
const streams: SseStream[] = [];

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await h?.close();
  h = null;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function subscribe(port: number, token: string, lastEventId?: string): Promise<SseStream> {
  const stream = await openEventStream(port, token, { lastEventId });
  streams.push(stream);
  await until(() => stream.lastEventId() !== '', 'the preamble');
  return stream;
}

/** A `localApi.changed` event's data (configured and effective mode alike here). */
function localApiChanged(mode: ApiMode, port: number | null, reason: string): unknown {
  return { type: 'localApi.changed', at: expect.any(String), mode, configuredMode: mode, port, reason };
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the stream and the Local API’s own changes', () => {
  it('ends after localApi.changed when the token is rotated; the old token is refused from then on', async () => {
    h = await startApi();
    const port = h.server.port()!;
    const old = h.token();
    const stream = await subscribe(port, old);
    h.core.sessions.create({ title: 'Before' });
    await until(() => stream.events.length === 1, 'an event');
    const fresh = await h.core.rotateToken();

    expect(await stream.ended).toBe('end');
    expect(stream.events.map((event) => event.event)).toEqual(['session.created', 'localApi.changed']);
    expect(stream.events[1]!.data).toEqual(localApiChanged('full-automation', port, 'token'));
    const refused = await openEventStream(port, old);
    await refused.ended;
    expect(refused.status).toBe(401);
    // The new token resumes where the old stream ended, with nothing missed.
    const resumed = await subscribe(port, fresh, stream.lastEventId());
    h.core.sessions.create({ title: 'After' });
    await until(() => resumed.events.length === 1, 'the next event');
    expect(resumed.events[0]!.data.session.title).toBe('After');
  });

  it('ends after localApi.changed when the API is disabled; ids from before then get a resync', async () => {
    h = await startApi();
    const port = h.server.port()!;
    const stream = await subscribe(port, h.token());
    h.core.sessions.create({ title: 'Before' });
    await until(() => stream.events.length === 1, 'an event');
    await h.server.setMode('disabled');

    expect(await stream.ended).toBe('end');
    expect(stream.events[1]!.data).toEqual(localApiChanged('disabled', null, 'mode'));
    expect(await tryConnect('127.0.0.1', port)).toBe('ECONNREFUSED');

    // Nothing is recorded while disabled: an id from before cannot resume past that gap.
    h.core.sessions.create({ title: 'While disabled' });
    await h.server.setMode('read-only');
    const again = await subscribe(h.server.port()!, h.token(), stream.lastEventId());
    await until(() => again.events.length === 1, 'the resync');
    expect(again.events[0]!.data).toMatchObject({ type: 'resync', reason: 'expired' });
  });

  it('ends after localApi.changed naming the new port; the backlog survives the move', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sessiondock-events-port-'));
    const core: Core = createCore({ dataDir, automaticBackups: null });
    const server = new ApiServer(core);
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => core.close());
    cleanups.push(() => server.stop());
    core.settings.setApiPort(await freePort());
    core.settings.setApiMode('full-automation');
    const first = (await server.start())!;
    const stream = await subscribe(first, core.token.current());
    const kept = await subscribe(first, core.token.current());
    core.sessions.create({ title: 'Before' });
    await until(() => stream.events.length === 1 && kept.events.length === 1, 'an event');
    kept.close();
    core.sessions.create({ title: 'Missed by the closed one' });
    await until(() => stream.events.length === 2, 'a second event');

    const second = await freePort();
    core.settings.setApiPort(second);
    await server.settled();
    expect(await stream.ended).toBe('end');
    expect(stream.events[2]!.data).toEqual(localApiChanged('full-automation', second, 'port'));
    expect(server.port()).toBe(second);
    const resumed = await subscribe(second, core.token.current(), kept.lastEventId());
    await until(() => resumed.events.length === 2, 'what it missed, from the same backlog');
    expect(resumed.events).toEqual(stream.events.slice(1));
  });

  it('ends every stream at once when the API stops, a stalled one included', async () => {
    // A stalled client is never dropped here for what it leaves unread: only the stop ends it.
    h = await startApi({ liveEvents: { clientBufferLimit: 256 * 1024 * 1024 } });
    const port = h.server.port()!;
    const reading = await subscribe(port, h.token());
    const stalled = net.connect(port, '127.0.0.1');
    stalled.on('error', () => {});
    cleanups.push(() => void stalled.destroy());
    stalled.write(
      `GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${h.token()}\r\n\r\n`,
    );
    stalled.pause();
    await until(() => h!.server.liveEvents.stats().subscribers === 2, 'both streams');
    // Enough that the stalled socket holds some unsent: it cannot take the end in time.
    const notes = 'n'.repeat(90_000);
    const id = h.core.sessions.create({ title: 'Big' }).id;
    for (let n = 0; n < 60; n++) {
      h.core.sessions.patch(id, { notes: `${n}${notes}` });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => reading.events.length === 61, 'the events');
    expect(h.server.liveEvents.stats()).toMatchObject({ subscribers: 2, dropped: 0 });
    expect(h.server.liveEvents.stats().unsent).toBeGreaterThan(0);
    // A grace far longer than the test's timeout: only the streams ending at once lets stop resolve.
    await h.server.stop({ graceMs: 10 * 60_000 });
    expect(await reading.ended).toBe('end');
    expect(h.server.liveEvents.stats().subscribers).toBe(0);
    h.core.close();
    rmSync(h.dataDir, { recursive: true, force: true });
    h = null;
  });
});
