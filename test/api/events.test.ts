// GET /api/v1/events (issue 14 §2, src/main/core/live-events/README.md) over real HTTP against a
// real core: every event type arrives once, in order, with its documented payload; the stream is
// a read like any other (token, Host and Origin checks; read-only mode may subscribe); heartbeats;
// the stream cap; the route documented in /openapi.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_EVENT_TYPES } from '../../src/main/core/live-events/live-event';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { rawRequest } from '../helpers/raw-http';
import { openEventStream, until, type SseStream } from '../helpers/sse-client';

let h: ApiHarness;
let dir: string | null = null;
const streams: SseStream[] = [];

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

async function subscribe(options: Parameters<typeof openEventStream>[2] = {}): Promise<SseStream> {
  const stream = await openEventStream(h.server.port()!, h.token(), options);
  streams.push(stream);
  return stream;
}

function file(relative: string, content: string | Buffer = 'x'): string {
  dir ??= mkdtempSync(join(tmpdir(), 'sessiondock-events-'));
  const path = join(dir, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('GET /api/v1/events', () => {
  it('sends every event type once, in order, with the documented payloads', async () => {
    h = await startApi();
    const stream = await subscribe();
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-store');
    await until(() => stream.retry !== null, 'the preamble');
    expect(stream.retry).toBe(3000);
    expect(stream.comments[0]).toBe('SessionDock live events');
    const start = stream.lastEventId();
    expect(start).toMatch(/^[0-9a-f]{12}-0$/);
    const run = start.slice(0, -2);

    const created = (await h.request('POST', '/sessions', { body: { title: 'Night Drive' } })).json.data;
    const patched = (await h.request('PATCH', `/sessions/${created.id}`, { body: { status: 'mixing' } })).json
      .data;
    const wav = file('Mix v1.wav', Buffer.alloc(2048, 1));
    const mp3 = file('Mix v2.mp3', Buffer.alloc(2048, 2));
    const first = (await h.request('POST', `/sessions/${created.id}/previews`, { body: { path: wav } })).json
      .data;
    const second = (await h.request('POST', `/sessions/${created.id}/previews`, { body: { path: mp3 } })).json
      .data;
    const preferred = (
      await h.request('PUT', `/sessions/${created.id}/preview`, { body: { preferredPreviewId: first.id } })
    ).json.data;
    const lane = (
      await h.request('PUT', `/sessions/${created.id}/waveform-notes?variantId=${first.id}`, {
        body: { notes: [{ timestamp: 1.5, text: 'Kick too loud' }] },
      })
    ).json.data;
    await h.request('DELETE', `/sessions/${created.id}/previews/${second.id}`);
    const started = (
      await h.request('POST', '/import', {
        body: { items: [{ projectPath: file('A/One.als') }, { projectPath: file('B/Two.rpp') }] },
      })
    ).json.data;
    await h.core.imports.whenDone(started.importId);
    const imported = h.core.imports.status(started.importId).items.map((item) => item.sessionId!);
    await h.request('DELETE', `/sessions/${created.id}`);

    const expected = [
      'session.created',
      'session.updated',
      'session.updated',
      'preview.changed',
      'session.updated',
      'preview.changed',
      'session.updated',
      'preview.changed',
      'session.updated',
      'preview.changed',
      'session.updated',
      'preview.changed',
      'import.progress',
      'session.created',
      'session.created',
      'import.progress',
      'import.finished',
      'session.deleted',
    ];
    await until(() => stream.events.length >= expected.length, 'every event');
    // Nothing more arrives (no duplicate): a later write is the next event.
    await h.request('POST', '/sessions', { body: { title: 'Marker' } });
    await until(() => stream.events.length > expected.length, 'the marker');
    const events = stream.events.slice(0, expected.length);
    expect(events.map((event) => event.event)).toEqual(expected);
    expect(stream.events[expected.length]!.data.session.title).toBe('Marker');

    // Ids count up by one from the stream's start; data repeats the type and says when.
    events.forEach((event, index) => {
      expect(event.id).toBe(`${run}-${index + 1}`);
      expect(event.data.type).toBe(event.event);
      expect(Object.keys(event.data).slice(0, 2)).toEqual(['type', 'at']);
      expect(event.data.at).toMatch(ISO);
    });
    const data = events.map((event) => event.data);
    expect(data[0]).toEqual({ type: 'session.created', at: data[0].at, session: created });
    expect(data[1].session).toEqual(patched);
    const session = (await h.request('GET', `/sessions/${imported[0]}`)).json.data;
    expect(data[13]).toEqual({ type: 'session.created', at: data[13].at, session });
    expect(data[14].session.id).toBe(imported[1]);

    // preview.changed: the preview info (as GET …/preview answers it), what changed, which preview.
    expect(data[3]).toEqual({
      type: 'preview.changed',
      at: data[3].at,
      sessionId: created.id,
      preview: expect.objectContaining({ id: created.id, preferredPreviewId: first.id }),
      change: 'previews',
      variantId: first.id,
    });
    expect(data[5]).toMatchObject({ change: 'previews', variantId: second.id });
    expect(data[7]).toMatchObject({ change: 'previews', variantId: first.id, preview: preferred });
    expect(data[9]).toMatchObject({ change: 'waveformNotes', variantId: lane.variantId });
    expect(data[11]).toMatchObject({ change: 'previews', variantId: second.id });
    expect(data[11].preview.previews.map((p: { id: string }) => p.id)).toEqual([first.id]);
    // Each follows the session.updated of the same write, which carries the same previews.
    expect(data[10].session.previews).toEqual(data[11].preview.previews);

    // The import is announced as it is queued, then after its chunk, then once finished.
    expect(data[12]).toEqual({
      type: 'import.progress',
      at: data[12].at,
      import: expect.objectContaining({ importId: started.importId, total: 2, completed: 0, done: false }),
    });
    expect(data[15]).toEqual({
      type: 'import.progress',
      at: data[15].at,
      import: expect.objectContaining({ importId: started.importId, total: 2, completed: 2, done: false }),
    });
    const { items, ...final } = (await h.request('GET', `/import/${started.importId}`)).json.data;
    expect(items).toHaveLength(2);
    expect(data[16].import).toEqual(final);
    expect(data[16].import).toMatchObject({ done: true, cancelled: false, completed: 2 });
    expect(data[17]).toEqual({ type: 'session.deleted', at: data[17].at, id: created.id });
  });

  it('announces mode changes and keeps the stream open between read-only and full automation', async () => {
    h = await startApi();
    const stream = await subscribe();
    await h.server.setMode('read-only');
    await h.server.setMode('full-automation');
    await until(() => stream.events.length >= 2, 'two mode changes');
    const port = h.server.port();
    expect(stream.events.map((event) => event.data)).toEqual([
      expect.objectContaining({
        type: 'localApi.changed',
        mode: 'read-only',
        configuredMode: 'read-only',
        port,
        reason: 'mode',
      }),
      expect.objectContaining({
        mode: 'full-automation',
        configuredMode: 'full-automation',
        port,
        reason: 'mode',
      }),
    ]);
    expect(stream.isEnded()).toBe(false);
    const created = await h.request('POST', '/sessions', { body: { title: 'Still here' } });
    await until(() => stream.events.length === 3, 'a write after the switches');
    expect(stream.events[2]!.data.session.id).toBe(created.json.data.id);
  });

  it('is a read: read-only mode subscribes and hears the window’s writes', async () => {
    h = await startApi({ mode: 'read-only' });
    const stream = await subscribe();
    expect(stream.status).toBe(200);
    const refused = await h.request('POST', '/sessions', { body: { title: 'Refused' } });
    expect(refused.status).toBe(403);
    const created = h.core.sessions.create({ title: 'From the window' });
    await until(() => stream.events.length === 1, 'the window write');
    expect(stream.events[0]!.data.session).toEqual(created);
  });

  it('needs the token, and refuses a foreign Host or Origin like every route', async () => {
    h = await startApi();
    const port = h.server.port()!;
    const none = await openEventStream(port, null);
    await none.ended;
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text)).toEqual({
      error: { status: 401, code: 'unauthorized', message: 'Provide Authorization: Bearer <token>.' },
    });
    const wrong = await openEventStream(port, 'sdk_wrong');
    await wrong.ended;
    expect(wrong.status).toBe(401);
    const auth = { authorization: `Bearer ${h.token()}` };
    const host = await rawRequest(port, {
      path: '/api/v1/events',
      headers: { ...auth, host: 'evil.example:80' },
    });
    expect(host.status).toBe(403);
    expect(host.json.error.code).toBe('forbidden_host');
    const origin = await rawRequest(port, {
      path: '/api/v1/events',
      headers: { ...auth, origin: 'http://evil.example' },
    });
    expect(origin.status).toBe(403);
    expect(origin.json.error.code).toBe('forbidden_origin');
    expect(h.server.liveEvents.stats().subscribers).toBe(0);
  });

  it('refuses unknown query parameters, answers HEAD with the head alone, and caps the streams', async () => {
    h = await startApi({ liveEvents: { maxStreams: 2 } });
    const typo = await h.request('GET', '/events?lastEventId=x');
    expect(typo.status).toBe(400);
    expect(typo.json.error).toEqual({
      status: 400,
      code: 'invalid_input',
      message: 'unknown query parameter: lastEventId',
    });
    const head = await rawRequest(h.server.port()!, {
      method: 'HEAD',
      path: '/api/v1/events',
      headers: { authorization: `Bearer ${h.token()}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/event-stream; charset=utf-8');

    await subscribe();
    const second = await subscribe();
    const third = await openEventStream(h.server.port()!, h.token());
    await third.ended;
    expect(third.status).toBe(503);
    expect(JSON.parse(third.text)).toEqual({
      error: {
        status: 503,
        code: 'too_many_streams',
        message: 'Too many event streams are open (at most 2); close one and try again.',
      },
    });
    second.close();
    await until(() => h.server.liveEvents.stats().subscribers === 1, 'the closed stream forgotten');
    expect((await subscribe()).status).toBe(200);
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    h = await startApi({ liveEvents: { heartbeatMs: 50 } });
    const stream = await subscribe();
    await until(() => stream.comments.filter((comment) => comment === 'heartbeat').length >= 3, 'heartbeats');
    expect(stream.events).toEqual([]);
  });

  it('is documented in /openapi.json as text/event-stream with every event type, and in /docs', async () => {
    h = await startApi();
    const doc = (await h.request('GET', '/openapi.json', { token: null })).json;
    const operation = doc.paths['/api/v1/events'].get;
    expect(operation.operationId).toBe('streamEvents');
    expect(operation.tags).toEqual(['events']);
    expect(doc.tags.map((tag: { name: string }) => tag.name)).toContain('events');
    expect(Object.keys(operation.responses['200'].content)).toEqual(['text/event-stream']);
    expect(operation.responses['503'].description).toMatch(/too_many_streams/);
    expect(operation.parameters).toContainEqual(
      expect.objectContaining({ in: 'header', name: 'last-event-id', required: false }),
    );
    for (const text of [
      ...LIVE_EVENT_TYPES,
      'Last-Event-ID',
      ': heartbeat',
      'unknown-id',
      'expired',
      'reverted',
      '[ours]',
      'The stream ends',
    ]) {
      expect(operation.description).toContain(text);
    }
    const docs = (await (await fetch(`${h.origin}/docs/json`)).json()) as typeof doc;
    expect(docs.paths['/api/v1/events'].get.operationId).toBe('streamEvents');
  });
});
