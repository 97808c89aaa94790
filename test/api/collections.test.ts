// The collection routes over real HTTP (issue 13 §1) [ours]: every route's success, both modes
// (read-only refuses every write with 403 read_only and changes nothing), bad input with its exact
// message, unknown ids, the body limit, collection=<id> on GET /sessions, and answers that
// follow writes made through either door (the API's response cache included).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../helpers/api-harness';

/* eslint-disable @typescript-eslint/no-explicit-any */
const READ_ONLY = {
  error: { status: 403, code: 'read_only', message: 'Enable Full Automation to perform this action.' },
};
const COLLECTION_NOT_FOUND = {
  error: { status: 404, code: 'collection_not_found', message: 'collection not found' },
};

function invalid(message: string) {
  return { error: { status: 400, code: 'invalid_input', message } };
}

/** Every row of the collection tables, to prove a refused write changed nothing. */
function snapshot(h: ApiHarness): unknown {
  return ['collections', 'collection_sessions'].map((table) =>
    h.core.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all(),
  );
}

function titles(res: { json: any }): string[] {
  return res.json.data.map((session: { title: string }) => session.title);
}

describe('in full automation', () => {
  let h: ApiHarness;
  let ids: string[];
  beforeAll(async () => {
    h = await startApi();
    ids = ['One', 'Two', 'Three', 'Four'].map((title) => h.core.sessions.create({ title }).id);
  });
  afterAll(() => h.close());
  afterEach(() => {
    for (const collection of h.core.collections.list()) h.core.collections.delete(collection.id);
  });

  it('creates (201), reads, lists, renames, moves and deletes', async () => {
    const created = await h.request('POST', '/collections', { body: { name: 'Album' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    const album = created.json.data;
    expect(album).toMatchObject({ name: 'Album', kind: 'manual', query: null, sessionCount: 0, position: 0 });
    const smart = (
      await h.request('POST', '/collections', { body: { name: 'Drafts', query: { status: 'draft' } } })
    ).json.data;
    expect(smart).toMatchObject({ kind: 'smart', query: { status: 'draft' }, sessionCount: 4, position: 1 });

    expect((await h.request('GET', `/collections/${album.id}`)).json).toEqual({ data: album });
    expect((await h.request('GET', '/collections')).json.data.map((c: any) => c.name)).toEqual([
      'Album',
      'Drafts',
    ]);

    const moved = await h.request('PATCH', `/collections/${smart.id}`, {
      body: { position: 0, name: 'Draft songs' },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.data).toMatchObject({ name: 'Draft songs', position: 0 });
    expect((await h.request('GET', '/collections')).json.data.map((c: any) => [c.name, c.position])).toEqual([
      ['Draft songs', 0],
      ['Album', 1],
    ]);

    const deleted = await h.request('DELETE', `/collections/${smart.id}`);
    expect(deleted.json).toEqual({ data: { deleted: true, id: smart.id } });
    expect((await h.request('GET', '/collections')).json.data).toEqual([{ ...album, position: 0 }]);
    expect((await h.request('GET', '/sessions')).json.meta.total).toBe(4);
  });

  it('sets, adds, moves and removes a manual collection’s sessions; GET /sessions?collection= lists them', async () => {
    const album = (await h.request('POST', '/collections', { body: { name: 'Album' } })).json.data;
    const put = await h.request('PUT', `/collections/${album.id}/sessions`, {
      body: { sessionIds: [ids[2], ids[0]] },
    });
    expect(put.status).toBe(200);
    expect(put.json.data).toMatchObject({ id: album.id, sessionCount: 2 });
    expect(titles(await h.request('GET', `/sessions?collection=${album.id}`))).toEqual(['Three', 'One']);

    const added = await h.request('POST', `/collections/${album.id}/sessions`, {
      body: { sessionIds: [ids[3], ids[1]], position: 1 },
    });
    expect(added.json.data.sessionCount).toBe(4);
    expect(titles(await h.request('GET', `/sessions?collection=${album.id}`))).toEqual([
      'Three',
      'Four',
      'Two',
      'One',
    ]);
    const page = await h.request('GET', `/sessions?collection=${album.id}&sort=title&limit=2&offset=1`);
    expect(titles(page)).toEqual(['One', 'Three']);
    expect(page.json.meta).toEqual({ total: 4, limit: 2, offset: 1 });

    const removed = await h.request('DELETE', `/collections/${album.id}/sessions/${ids[3]}`);
    expect(removed.json.data.sessionCount).toBe(3);
    // Not in it (any more): nothing changes, no error.
    const again = await h.request('DELETE', `/collections/${album.id}/sessions/${ids[3]}`);
    expect(again.status).toBe(200);
    expect(again.json.data.sessionCount).toBe(3);
    expect(titles(await h.request('GET', `/sessions?collection=${album.id}&q=t`))).toEqual(['Three', 'Two']);
  });

  it('answers follow writes made through the window door too (no stale cached page)', async () => {
    const album = h.core.collections.create({ name: 'Album' });
    const list = `/sessions?collection=${album.id}`;
    expect(titles(await h.request('GET', list))).toEqual([]);
    expect((await h.request('GET', '/collections')).json.data[0].sessionCount).toBe(0);
    h.core.collections.addSessions(album.id, { sessionIds: [ids[1]] });
    expect(titles(await h.request('GET', list))).toEqual(['Two']);
    expect((await h.request('GET', '/collections')).json.data[0].sessionCount).toBe(1);
    expect((await h.request('GET', `/collections/${album.id}`)).json.data.sessionCount).toBe(1);
    h.core.collections.update(album.id, { name: 'LP' });
    expect((await h.request('GET', `/collections/${album.id}`)).json.data.name).toBe('LP');
  });

  it('unknown collections: 404 collection_not_found on every route that names one', async () => {
    const missing = 'collection_doesnotexist';
    const routes: [string, string, unknown][] = [
      ['GET', `/collections/${missing}`, undefined],
      ['PATCH', `/collections/${missing}`, { name: 'X' }],
      ['DELETE', `/collections/${missing}`, undefined],
      ['PUT', `/collections/${missing}/sessions`, { sessionIds: [] }],
      ['POST', `/collections/${missing}/sessions`, { sessionIds: [ids[0]] }],
      ['DELETE', `/collections/${missing}/sessions/${ids[0]}`, undefined],
    ];
    for (const [method, path, body] of routes) {
      const res = await h.request(method, path, body === undefined ? {} : { body });
      expect({ route: `${method} ${path}`, status: res.status, json: res.json }).toEqual({
        route: `${method} ${path}`,
        status: 404,
        json: COLLECTION_NOT_FOUND,
      });
    }
    const album = h.core.collections.create({ name: 'Album' });
    expect(
      (await h.request('DELETE', `/collections/${album.id}/sessions/session_doesnotexist`)).json,
    ).toEqual({
      error: { status: 404, code: 'not_found', message: 'session not found' },
    });
    expect((await h.request('GET', `/sessions?collection=${missing}`)).json).toEqual(
      invalid(`collection must name an existing collection: ${missing} not found`),
    );
  });

  it('bad input: 400 with the message naming the field, and nothing written', async () => {
    const album = h.core.collections.create({ name: 'Album' });
    const smart = h.core.collections.create({ name: 'Smart', query: { kind: 'Reaper' } });
    const before = snapshot(h);
    const cases: [string, string, unknown, string][] = [
      ['POST', '/collections', { name: '' }, 'name must be a non-empty string (at most 100 characters)'],
      [
        'POST',
        '/collections',
        { name: 'album' },
        'name must be unique: a collection is already called "Album"',
      ],
      ['POST', '/collections', { name: 'X', colour: 'red' }, 'unknown field: colour'],
      [
        'POST',
        '/collections',
        { name: 'X', query: { sort: '-title' } },
        'query.sort is not a filter: a smart collection saves only filters (q, kind, status, tags, recent, plugin, tempoMin, tempoMax, key, missingSamples)',
      ],
      [
        'POST',
        '/collections',
        { name: 'X', query: { tempoMin: 0 } },
        'query.tempoMin must be a number of bpm between 1 and 1000',
      ],
      [
        'POST',
        '/collections',
        { name: 'X', query: { status: 'finished' } },
        'query.status must be one of: idea, draft, in-progress, mixing, mastering, done, archived',
      ],
      [
        'PATCH',
        `/collections/${album.id}`,
        {},
        'body must contain at least one field to change (name, query, position)',
      ],
      ['PATCH', `/collections/${album.id}`, { position: 5 }, 'position must be an integer between 0 and 1'],
      [
        'PATCH',
        `/collections/${album.id}`,
        { query: { q: 'x' } },
        'query can only be set on a smart collection (this one is manual)',
      ],
      ['PATCH', `/collections/${album.id}`, { sessionCount: 3 }, 'read-only field: sessionCount'],
      [
        'PUT',
        `/collections/${album.id}/sessions`,
        { sessionIds: [ids[0], 'session_nope'] },
        'sessionIds names a session not in the library: session_nope',
      ],
      [
        'PUT',
        `/collections/${album.id}/sessions`,
        { sessionIds: 'all' },
        'sessionIds must be an array of session ids (got a string)',
      ],
      [
        'POST',
        `/collections/${album.id}/sessions`,
        { sessionIds: [ids[0]], position: 'top' },
        'position must be an integer >= 0 (0 is the top of the collection)',
      ],
      ['POST', `/collections/${album.id}/sessions`, { ids: [] }, 'unknown field: ids'],
      [
        'POST',
        `/collections/${smart.id}/sessions`,
        { sessionIds: [ids[0]] },
        "a smart collection's sessions are the ones its filters match: change its query, or use a manual collection",
      ],
      [
        'DELETE',
        `/collections/${smart.id}/sessions/${ids[0]}`,
        undefined,
        "a smart collection's sessions are the ones its filters match: change its query, or use a manual collection",
      ],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await h.request(method, path, body === undefined ? {} : { body });
      expect({ request: `${method} ${path} ${JSON.stringify(body)}`, json: res.json }).toEqual({
        request: `${method} ${path} ${JSON.stringify(body)}`,
        json: invalid(message),
      });
    }
    expect(snapshot(h)).toEqual(before);

    expect((await h.request('POST', '/collections')).json.error).toMatchObject({
      status: 400,
      code: 'invalid_json',
    });
    const broken = await h.request('PUT', `/collections/${album.id}/sessions`, {
      rawBody: '{"sessionIds": [',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(broken.json).toEqual({
      error: { status: 400, code: 'invalid_json', message: 'Request body must be valid JSON.' },
    });
    const text = await h.request('POST', '/collections', {
      rawBody: 'name=x',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.json).toEqual({
      error: {
        status: 415,
        code: 'unsupported_media_type',
        message: 'Content-Type must be application/json.',
      },
    });
    expect((await h.request('GET', '/sessions?collection=a&collection=b')).json).toEqual(
      invalid('collection must be given at most once'),
    );
    expect(snapshot(h)).toEqual(before);
  });

  it('10,000 ids in one POST; a body over 1 MiB is refused with 413 and changes nothing', async () => {
    const album = h.core.collections.create({ name: 'Album' });
    const many = h.core.sessions.createMany(
      Array.from({ length: 10_000 }, (_, i) => ({ title: `Bulk ${i}` })),
    );
    const added = await h.request('POST', `/collections/${album.id}/sessions`, {
      body: { sessionIds: many },
    });
    expect(added.status).toBe(200);
    expect(added.json.data.sessionCount).toBe(10_000);
    const last = await h.request('GET', `/sessions?collection=${album.id}&offset=9999&limit=5`);
    expect(titles(last)).toEqual(['Bulk 9999']);

    const unknown = Array.from({ length: 40_000 }, (_, i) => `session_unknown${String(i).padStart(20, '0')}`);
    expect(JSON.stringify({ sessionIds: unknown }).length).toBeGreaterThan(1024 * 1024);
    const tooBig = await h.request('PUT', `/collections/${album.id}/sessions`, {
      body: { sessionIds: unknown },
    });
    expect(tooBig.json).toEqual({
      error: { status: 413, code: 'payload_too_large', message: 'Request body must be at most 1 MiB.' },
    });
    expect(h.core.collections.get(album.id).sessionCount).toBe(10_000);
    h.core.db.prepare("DELETE FROM sessions WHERE title LIKE 'Bulk %'").run();
  });
});

describe('in read-only mode', () => {
  let h: ApiHarness;
  afterEach(() => h.close());

  it('every write is refused with 403 read_only and changes nothing; every read works', async () => {
    h = await startApi({ mode: 'read-only' });
    const [one, two] = ['One', 'Two'].map((title) => h.core.sessions.create({ title }).id);
    const album = h.core.collections.create({ name: 'Album' });
    h.core.collections.setSessions(album.id, { sessionIds: [one!] });
    const smart = h.core.collections.create({ name: 'Smart', query: { q: 'one' } });
    const before = snapshot(h);
    const writes: [string, string, unknown][] = [
      ['POST', '/collections', { name: 'New' }],
      ['PATCH', `/collections/${album.id}`, { name: 'Renamed' }],
      ['DELETE', `/collections/${album.id}`, undefined],
      ['PUT', `/collections/${album.id}/sessions`, { sessionIds: [two] }],
      ['POST', `/collections/${album.id}/sessions`, { sessionIds: [two] }],
      ['DELETE', `/collections/${album.id}/sessions/${one}`, undefined],
      // Refused before the body or the ids are judged.
      ['POST', '/collections', { bogus: true }],
      ['PUT', '/collections/collection_doesnotexist/sessions', { sessionIds: 5 }],
    ];
    for (const [method, path, body] of writes) {
      const res = await h.request(method, path, body === undefined ? {} : { body });
      expect({ route: `${method} ${path}`, status: res.status, json: res.json }).toEqual({
        route: `${method} ${path}`,
        status: 403,
        json: READ_ONLY,
      });
    }
    expect(snapshot(h)).toEqual(before);

    expect((await h.request('GET', '/collections')).json.data.map((c: any) => c.name)).toEqual([
      'Album',
      'Smart',
    ]);
    expect((await h.request('GET', `/collections/${smart.id}`)).json.data.sessionCount).toBe(1);
    expect(titles(await h.request('GET', `/sessions?collection=${album.id}`))).toEqual(['One']);
    expect((await h.request('GET', '/collections/collection_doesnotexist')).json).toEqual(
      COLLECTION_NOT_FOUND,
    );
  });
});
