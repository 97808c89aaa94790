// Black-box tests of every Local API endpoint that exists today (local-api.md §5), over real HTTP
// against a real core on a temp SQLite file: success shapes and envelopes, the published Session
// field order, every documented error (status, code and message to the letter), the health
// request log, and the published request examples exactly as written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/shared/domain';
import { HEALTH_FIELDS, startApi, type ApiHarness, type ApiResponse } from '../helpers/api-harness';

const SESSION_FIELD_ORDER = [
  'id',
  'title',
  'kind',
  'status',
  'accent',
  'client',
  'tags',
  'notes',
  'lastOpened',
  'createdAt',
  'updatedAt',
  'projectPath',
  'projectOriginalPath',
  'previewStatus',
  'previewUrl',
  'previewAudioUrl',
  'previewAudioMime',
  'preferredPreviewId',
  'previews',
];

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const INVALID_JSON = 'Request body must be valid JSON.';
const UNAUTHORIZED = 'Provide Authorization: Bearer <token>.';
const OPEN_FAILED = 'Session project path is unavailable.';
const UNSUPPORTED = 'Content-Type must be application/json.';

const MISSING_ID = 'session_doesnotexist0000000000';

let h: ApiHarness;
const extraHarnesses: ApiHarness[] = [];

beforeEach(async () => {
  h = await startApi();
});

afterEach(async () => {
  await h.close();
  while (extraHarnesses.length > 0) await extraHarnesses.pop()!.close();
});

/** Another harness closed after the test (headless-like, read-only, …). */
async function startExtra(options: Parameters<typeof startApi>[0]): Promise<ApiHarness> {
  const harness = await startApi(options);
  extraHarnesses.push(harness);
  return harness;
}

/** Asserts the exact error envelope: `{error: {status, code, message}}`, JSON, status = HTTP status. */
function expectError(res: ApiResponse, status: number, code: string, message: string | RegExp): void {
  expect({ status: res.status, body: res.json }, res.text).toMatchObject({
    status,
    body: { error: { status, code } },
  });
  expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
  expect(Object.keys(res.json)).toEqual(['error']);
  expect(Object.keys(res.json.error)).toEqual(['status', 'code', 'message']);
  expect(res.json.error.status).toBe(status);
  expect(typeof res.json.error.message).toBe('string');
  if (typeof message === 'string') expect(res.json.error.message).toBe(message);
  else expect(res.json.error.message).toMatch(message);
  expect(res.text).not.toMatch(/\n\s+at /); // never a stack trace
}

/** Asserts a `{data}` success envelope and returns `data`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function expectData(res: ApiResponse, status = 200): any {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
  expect(Object.keys(res.json)).toEqual(['data']);
  return res.json.data;
}

function expectSessionShape(session: Session): void {
  expect(Object.keys(session)).toEqual(SESSION_FIELD_ORDER);
  expect(session.id).toMatch(/^session_[A-Za-z0-9_-]+$/);
  expect(session.createdAt).toMatch(ISO_UTC);
  expect(session.updatedAt).toMatch(ISO_UTC);
  if (session.lastOpened !== null) expect(session.lastOpened).toMatch(ISO_UTC);
}

function seed(body: Record<string, unknown>): Session {
  return h.core.sessions.create(body);
}

/** Waits until the wall clock has moved on, so consecutive timestamps differ. */
async function nextMillisecond(): Promise<void> {
  const start = Date.now();
  while (Date.now() === start) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** The JSON body of a raw fetch response (the published examples use fetch as a client would). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function jsonOf(res: Response): Promise<any> {
  return res.json();
}

function jsonHeaders(): Record<string, string> {
  return { 'Content-Type': 'application/json' };
}

describe('GET /api/v1/health', () => {
  it('returns the published health snapshot', async () => {
    const data = expectData(await h.request('GET', '/health'));
    expect(Object.keys(data)).toEqual(HEALTH_FIELDS);
    const port = h.server.status().port;
    expect(data).toEqual({
      status: 'ok',
      configuredMode: 'full-automation',
      effectiveMode: 'full-automation',
      running: true,
      port,
      baseUrl: `http://127.0.0.1:${port}/api/v1`,
      docsUrl: `http://127.0.0.1:${port}/docs`,
      requestCount: 1,
      recentRequests: [],
      lastError: null,
    });
    expect(data.baseUrl).toBe(h.baseUrl);
  });

  it('reports the modes of a read-only server', async () => {
    const ro = await startExtra({ mode: 'read-only' });
    const data = expectData(await ro.request('GET', '/health'));
    expect(data.configuredMode).toBe('read-only');
    expect(data.effectiveMode).toBe('read-only');
  });

  it('counts every request (refused ones too) and logs them newest first, without query strings', async () => {
    await h.request('GET', '/health');
    await h.request('GET', '/sessions', { token: null });
    await h.request('GET', '/sessions', { token: 'sdk_wrong' });
    await h.request('GET', '/api/v1/no-such-route');
    await h.request('GET', '/sessions?q=secret&limit=5');
    await h.request('GET', `/sessions/${MISSING_ID}`);
    const data = expectData(await h.request('GET', '/health'));
    expect(data.requestCount).toBe(7);
    expect(data.recentRequests).toHaveLength(6);
    expect(data.recentRequests.map((r: { method: string; path: string; statusCode: number }) => r)).toEqual([
      { method: 'GET', path: `/api/v1/sessions/${MISSING_ID}`, statusCode: 404, at: expect.any(String) },
      { method: 'GET', path: '/api/v1/sessions', statusCode: 200, at: expect.any(String) },
      { method: 'GET', path: '/api/v1/no-such-route', statusCode: 404, at: expect.any(String) },
      { method: 'GET', path: '/api/v1/sessions', statusCode: 401, at: expect.any(String) },
      { method: 'GET', path: '/api/v1/sessions', statusCode: 401, at: expect.any(String) },
      { method: 'GET', path: '/api/v1/health', statusCode: 200, at: expect.any(String) },
    ]);
    for (const entry of data.recentRequests) {
      expect(Object.keys(entry)).toEqual(['method', 'path', 'statusCode', 'at']);
      expect(entry.at).toMatch(ISO_UTC);
    }
    const times = data.recentRequests.map((r: { at: string }) => Date.parse(r.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(JSON.stringify(data.recentRequests)).not.toContain('secret');
    expect(data.lastError).toBeNull();
  });

  it('keeps only the last 50 requests, newest first', async () => {
    for (let i = 0; i < 60; i++) await h.request('GET', `/sessions/${MISSING_ID}${i}?x=${i}`);
    const data = expectData(await h.request('GET', '/health'));
    expect(data.requestCount).toBe(61);
    expect(data.recentRequests).toHaveLength(50);
    expect(data.recentRequests[0].path).toBe(`/api/v1/sessions/${MISSING_ID}59`);
    expect(data.recentRequests[49].path).toBe(`/api/v1/sessions/${MISSING_ID}10`);
    data.recentRequests.forEach((entry: { path: string; statusCode: number; method: string }, i: number) => {
      expect(entry).toMatchObject({ method: 'GET', path: `/api/v1/sessions/${MISSING_ID}${59 - i}` });
      expect(entry.statusCode).toBe(404);
    });
  });

  it('counts requests to unknown routes outside /api/v1, /openapi.json and write methods', async () => {
    await h.request('GET', `${h.origin}/nowhere`, { token: null });
    await h.request('GET', '/openapi.json', { token: null });
    await h.request('POST', '/sessions', { body: { title: 'Counted' } });
    const data = expectData(await h.request('GET', '/health'));
    expect(data.requestCount).toBe(4);
    expect(data.recentRequests.slice(0, 3)).toEqual([
      { method: 'POST', path: '/api/v1/sessions', statusCode: 201, at: expect.stringMatching(ISO_UTC) },
      { method: 'GET', path: '/openapi.json', statusCode: 200, at: expect.stringMatching(ISO_UTC) },
      { method: 'GET', path: '/nowhere', statusCode: 404, at: expect.stringMatching(ISO_UTC) },
    ]);
  });
});

describe('authentication', () => {
  it.each([
    ['GET', '/health'],
    ['GET', '/sessions'],
    ['POST', '/sessions'],
    ['GET', `/sessions/${MISSING_ID}`],
    ['GET', '/tags'],
    ['POST', `/sessions/${MISSING_ID}/focus`],
  ])('%s %s without a token → 401', async (method, path) => {
    const res = await h.request(method, path, { token: null });
    expectError(res, 401, 'unauthorized', UNAUTHORIZED);
  });

  it('refuses a wrong token, a token without the Bearer scheme and an empty bearer', async () => {
    expectError(
      await h.request('GET', '/sessions', { token: 'sdk_wrong' }),
      401,
      'unauthorized',
      UNAUTHORIZED,
    );
    expectError(
      await h.request('GET', '/sessions', { headers: { Authorization: h.token() } }),
      401,
      'unauthorized',
      UNAUTHORIZED,
    );
    expectError(
      await h.request('GET', '/sessions', { headers: { Authorization: 'Bearer ' } }),
      401,
      'unauthorized',
      UNAUTHORIZED,
    );
  });

  it('refuses an unauthenticated write without changing anything', async () => {
    const res = await h.request('POST', '/sessions', { body: { title: 'Sneaky' }, token: null });
    expectError(res, 401, 'unauthorized', UNAUTHORIZED);
    expect(h.core.sessions.list().meta.total).toBe(0);
  });
});

describe('GET /api/v1/sessions', () => {
  it('returns {data, meta} with full Session objects in the published field order', async () => {
    seed({ title: 'One', tags: ['a'] });
    seed({ title: 'Two' });
    const res = await h.request('GET', '/sessions');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(Object.keys(res.json)).toEqual(['data', 'meta']);
    expect(Object.keys(res.json.meta)).toEqual(['total', 'limit', 'offset']);
    expect(res.json.meta).toEqual({ total: 2, limit: 50, offset: 0 });
    expect(res.json.data).toHaveLength(2);
    for (const session of res.json.data) expectSessionShape(session);
  });

  it('returns an empty list with meta on an empty library', async () => {
    const res = await h.request('GET', '/sessions');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: [], meta: { total: 0, limit: 50, offset: 0 } });
  });

  it('sorts by -updatedAt by default and pages with limit/offset, total counting all matches', async () => {
    const ids: string[] = [];
    for (const title of ['A', 'B', 'C', 'D']) {
      ids.push(seed({ title }).id);
      await nextMillisecond();
    }
    const all = await h.request('GET', '/sessions');
    expect(all.json.data.map((s: Session) => s.id)).toEqual([...ids].reverse());
    const page = await h.request('GET', '/sessions?limit=2&offset=1');
    expect(page.json.meta).toEqual({ total: 4, limit: 2, offset: 1 });
    expect(page.json.data.map((s: Session) => s.id)).toEqual([ids[2], ids[1]]);
  });

  it('filters by status, kind (case-insensitive) and its alias daw', async () => {
    const a = seed({ title: 'Alpha', kind: 'Ableton', status: 'mixing' });
    seed({ title: 'Beta', kind: 'Logic Pro', status: 'mixing' });
    seed({ title: 'Gamma', kind: 'Ableton', status: 'done' });
    const byBoth = await h.request('GET', '/sessions?kind=ableton&status=mixing');
    expect(byBoth.json.data.map((s: Session) => s.id)).toEqual([a.id]);
    const byDaw = await h.request('GET', '/sessions?daw=ABLETON&sort=title');
    expect(byDaw.json.data.map((s: Session) => s.title)).toEqual(['Alpha', 'Gamma']);
    const agreeing = await h.request('GET', '/sessions?kind=Ableton&daw=ableton&sort=title');
    expect(agreeing.json.data.map((s: Session) => s.title)).toEqual(['Alpha', 'Gamma']);
  });

  it('requires every tag, comma-separated and/or repeated, case-insensitively', async () => {
    const both = seed({ title: 'Both', tags: ['Mix', 'Priority'] });
    seed({ title: 'Only mix', tags: ['mix'] });
    const comma = await h.request('GET', '/sessions?tags=mix,PRIORITY');
    expect(comma.json.data.map((s: Session) => s.id)).toEqual([both.id]);
    const repeated = await h.request('GET', '/sessions?tags=mix&tags=priority');
    expect(repeated.json.data.map((s: Session) => s.id)).toEqual([both.id]);
  });

  it('matches every q term at the start of a word in title, client or notes', async () => {
    const title = seed({ title: 'Drum bus', notes: '' });
    const client = seed({ title: 'Other', client: 'Big Drummer Records' });
    const notes = seed({ title: 'Third', notes: 'Fix the drum fills' });
    seed({ title: 'Eardrum', notes: 'no match inside a word' });
    const res = await h.request('GET', '/sessions?q=DRUM&sort=title');
    expect(res.json.data.map((s: Session) => s.id)).toEqual([title.id, client.id, notes.id]);
    const twoTerms = await h.request('GET', '/sessions?q=drum%20fill');
    expect(twoTerms.json.data.map((s: Session) => s.id)).toEqual([notes.id]);
  });

  it('q is accent- and case-insensitive', async () => {
    const cafe = seed({ title: 'Café Señor' });
    const plain = seed({ title: 'cafe senor demo' });
    seed({ title: 'Unrelated' });
    for (const q of ['cafe', 'CAFÉ', 'senor', 'Señ caf']) {
      const res = await h.request('GET', `/sessions?q=${encodeURIComponent(q)}&sort=createdAt`);
      expect(
        res.json.data.map((s: Session) => s.id),
        q,
      ).toEqual([cafe.id, plain.id]);
    }
  });

  it('sorts by title ascending and descending, and pages past the end', async () => {
    for (const title of ['beta', 'Alpha', 'gamma']) seed({ title });
    const asc = await h.request('GET', '/sessions?sort=title');
    expect(asc.json.data.map((s: Session) => s.title)).toEqual(['Alpha', 'beta', 'gamma']);
    const desc = await h.request('GET', '/sessions?sort=-title');
    expect(desc.json.data.map((s: Session) => s.title)).toEqual(['gamma', 'beta', 'Alpha']);
    const past = await h.request('GET', '/sessions?offset=10&limit=500');
    expect(past.json).toEqual({ data: [], meta: { total: 3, limit: 500, offset: 10 } });
  });

  it.each([
    ['limit=0', /limit/],
    ['limit=501', /limit/],
    ['limit=abc', /limit/],
    ['limit=1.5', /limit/],
    ['offset=-1', /offset/],
    ['offset=x', /offset/],
    ['sort=bogus', /sort/],
    ['sort=-bogus', /sort/],
    ['recent=maybe', /recent/],
    ['kind=Garage', /kind/],
    ['daw=Garage', /daw/],
    ['status=finished', /status/],
    ['kind=Ableton&daw=Reaper', /kind.*daw|daw.*kind/],
    ['bogus=1', /bogus/],
    ['limit=5&limit=6', /limit/],
  ])('GET /sessions?%s → 400 invalid_input naming the parameter', async (query, message) => {
    const res = await h.request('GET', `/sessions?${query}`);
    expectError(res, 400, 'invalid_input', message);
  });
});

describe('POST /api/v1/sessions', () => {
  it('creates a session with defaults and returns 201 {data: Session}', async () => {
    const data = expectData(await h.request('POST', '/sessions', { body: { title: '  Spaced  ' } }), 201);
    expectSessionShape(data);
    expect(data).toMatchObject({
      title: 'Spaced',
      kind: 'Other',
      status: 'draft',
      accent: 'gradient',
      client: '',
      tags: [],
      notes: '',
      lastOpened: null,
      projectPath: null,
      projectOriginalPath: null,
      previewStatus: 'none',
      previewUrl: null,
      previewAudioUrl: null,
      previewAudioMime: null,
      preferredPreviewId: null,
      previews: [],
    });
    expect(data.createdAt).toBe(data.updatedAt);
    expect(h.core.sessions.get(data.id)).toEqual(data);
  });

  it('stores every writable field, normalising kind, tags and inferring kind from projectPath', async () => {
    const data = expectData(
      await h.request('POST', '/sessions', {
        body: {
          title: 'Full',
          kind: 'fl studio',
          status: 'mixing',
          accent: 'teal',
          client: 'ACME',
          tags: ['  Mix  Down ', 'mix down', 'Vocals'],
          notes: '  keep  spacing\n',
          projectPath: '/music/full.flp',
        },
      }),
      201,
    );
    expect(data).toMatchObject({
      title: 'Full',
      kind: 'FL Studio',
      status: 'mixing',
      accent: 'teal',
      client: 'ACME',
      tags: ['Mix Down', 'Vocals'],
      notes: '  keep  spacing\n',
      projectPath: '/music/full.flp',
      projectOriginalPath: '/music/full.flp',
    });
    const inferred = expectData(
      await h.request('POST', '/sessions', { body: { title: 'Inferred', projectPath: '/music/beat.als' } }),
      201,
    );
    expect(inferred.kind).toBe('Ableton');
  });

  it.each([
    ['empty title', { title: '' }, 'title must be a non-empty string (at most 200 characters)'],
    ['blank title', { title: '   ' }, 'title must be a non-empty string (at most 200 characters)'],
    ['long title', { title: 'x'.repeat(201) }, 'title must be a non-empty string (at most 200 characters)'],
    ['title not a string', { title: 42 }, 'title must be a non-empty string (at most 200 characters)'],
    ['missing title', { kind: 'Ableton' }, /title/],
    ['unknown field', { title: 'x', bogus: 1 }, /bogus/],
    ['read-only id', { title: 'x', id: 'session_mine' }, /\bid\b/],
    ['read-only createdAt', { title: 'x', createdAt: '2020-01-01T00:00:00.000Z' }, /createdAt/],
    ['read-only previews', { title: 'x', previews: [] }, /previews/],
    [
      'read-only and unknown together',
      { title: 'x', id: 'session_mine', bogus: 1 },
      /(?=.*\bid\b)(?=.*bogus)/,
    ],
    ['bad kind', { title: 'x', kind: 'Garage' }, /kind/],
    ['bad status', { title: 'x', status: 'finished' }, /status/],
    ['bad accent', { title: 'x', accent: 'purple' }, /accent/],
    ['long client', { title: 'x', client: 'c'.repeat(201) }, /client/],
    ['tags not an array', { title: 'x', tags: 'mix' }, /tags/],
    ['empty tag', { title: 'x', tags: ['ok', '  '] }, /tags/],
    ['long tag', { title: 'x', tags: ['t'.repeat(41)] }, /tags/],
    ['too many tags', { title: 'x', tags: Array.from({ length: 33 }, (_, i) => `t${i}`) }, /tags/],
    ['notes too long', { title: 'x', notes: 'n'.repeat(100_001) }, /notes/],
    ['relative projectPath', { title: 'x', projectPath: 'music/a.als' }, /projectPath/],
    ['array body', [{ title: 'x' }], /body/],
    ['string body', 'title', /body/],
    ['null body', null, /body/],
  ])('%s → 400 invalid_input naming the field', async (_name, body, message) => {
    const res = await h.request('POST', '/sessions', { body });
    expectError(res, 400, 'invalid_input', message);
    expect(h.core.sessions.list().meta.total).toBe(0);
  });
});

describe('GET /api/v1/sessions/{id}', () => {
  it('returns {data: Session}', async () => {
    const created = seed({ title: 'Get me', tags: ['x'] });
    const data = expectData(await h.request('GET', `/sessions/${created.id}`));
    expectSessionShape(data);
    expect(data).toEqual(created);
  });
});

describe('PATCH /api/v1/sessions/{id}', () => {
  it('changes only the fields present and bumps updatedAt', async () => {
    const created = seed({ title: 'Before', client: 'Keep', tags: ['keep'], notes: 'keep' });
    await nextMillisecond();
    const data = expectData(
      await h.request('PATCH', `/sessions/${created.id}`, { body: { title: 'After', accent: 'red' } }),
    );
    expectSessionShape(data);
    expect(data).toEqual({ ...created, title: 'After', accent: 'red', updatedAt: data.updatedAt });
    expect(Date.parse(data.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    expect(data.createdAt).toBe(created.createdAt);
    expect(h.core.sessions.get(created.id)).toEqual(data);
  });

  it('clears client and notes with null and keeps projectOriginalPath when projectPath changes', async () => {
    const created = seed({ title: 'P', client: 'C', notes: 'N', projectPath: '/a/first.als' });
    const data = expectData(
      await h.request('PATCH', `/sessions/${created.id}`, {
        body: { client: null, notes: null, projectPath: '/b/second.als' },
      }),
    );
    expect(data).toMatchObject({
      client: '',
      notes: '',
      projectPath: '/b/second.als',
      projectOriginalPath: '/a/first.als',
    });
  });

  it.each([
    ['empty body object', {}, /at least one|field/],
    ['bad title', { title: '' }, 'title must be a non-empty string (at most 200 characters)'],
    ['unknown field', { colour: 'red' }, /colour/],
    ['read-only field', { updatedAt: '2020-01-01T00:00:00.000Z' }, /updatedAt/],
    ['read-only lastOpened', { lastOpened: null }, /lastOpened/],
    ['bad status', { status: 'DONE!' }, /status/],
  ])('%s → 400 invalid_input and nothing changes', async (_name, body, message) => {
    const created = seed({ title: 'Stable' });
    const res = await h.request('PATCH', `/sessions/${created.id}`, { body });
    expectError(res, 400, 'invalid_input', message);
    expect(h.core.sessions.get(created.id)).toEqual(created);
  });
});

describe('DELETE /api/v1/sessions/{id}', () => {
  it('returns {deleted: true, id}; the session is then gone', async () => {
    const created = seed({ title: 'Doomed', tags: ['gone'] });
    const keep = seed({ title: 'Kept' });
    const data = expectData(await h.request('DELETE', `/sessions/${created.id}`));
    expect(data).toEqual({ deleted: true, id: created.id });
    expect(Object.keys(data)).toEqual(['deleted', 'id']);
    expectError(await h.request('GET', `/sessions/${created.id}`), 404, 'not_found', 'session not found');
    expectError(await h.request('DELETE', `/sessions/${created.id}`), 404, 'not_found', 'session not found');
    expect(() => h.core.sessions.get(created.id)).toThrow();
    expect(h.core.sessions.get(keep.id)).toEqual(keep);
    const tags = expectData(await h.request('GET', '/tags'));
    expect(tags).toEqual([]);
  });
});

describe('tags', () => {
  it('GET /sessions/{id}/tags returns {id, tags}', async () => {
    const created = seed({ title: 'T', tags: ['One', 'Two'] });
    const data = expectData(await h.request('GET', `/sessions/${created.id}/tags`));
    expect(data).toEqual({ id: created.id, tags: ['One', 'Two'] });
    expect(Object.keys(data)).toEqual(['id', 'tags']);
  });

  it.each(['PUT', 'PATCH'])('%s /sessions/{id}/tags replaces the list, normalised', async (method) => {
    const created = seed({ title: 'T', tags: ['old'] });
    await nextMillisecond();
    const data = expectData(
      await h.request(method, `/sessions/${created.id}/tags`, {
        body: { tags: ['  Mix   Bus ', 'mix bus', 'Priority'] },
      }),
    );
    expect(data).toEqual({ id: created.id, tags: ['Mix Bus', 'Priority'] });
    expect(Object.keys(data)).toEqual(['id', 'tags']);
    const stored = h.core.sessions.get(created.id);
    expect(stored.tags).toEqual(['Mix Bus', 'Priority']);
    expect(Date.parse(stored.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    const cleared = expectData(
      await h.request(method, `/sessions/${created.id}/tags`, { body: { tags: [] } }),
    );
    expect(cleared).toEqual({ id: created.id, tags: [] });
  });

  it.each([
    ['PUT', { tags: 'mix' }, /tags/],
    ['PATCH', { tags: [1] }, /tags/],
    ['PUT', { tags: ['ok'], extra: true }, /extra/],
    ['PATCH', {}, /tags/],
    ['PUT', { tags: ['x'.repeat(41)] }, /tags/],
  ])('%s tags with %j → 400 invalid_input', async (method, body, message) => {
    const created = seed({ title: 'T', tags: ['keep'] });
    const res = await h.request(method, `/sessions/${created.id}/tags`, { body });
    expectError(res, 400, 'invalid_input', message);
    expect(h.core.sessions.get(created.id)).toEqual(created);
  });

  it('GET /tags lists {tag, count}, most used first, then by name', async () => {
    seed({ title: 'A', tags: ['zeta', 'beta', 'Alpha'] });
    seed({ title: 'B', tags: ['ZETA', 'beta'] });
    seed({ title: 'C', tags: ['zeta'] });
    const data = expectData(await h.request('GET', '/tags'));
    expect(data).toHaveLength(3);
    expect(data.map((t: { tag: string; count: number }) => [t.tag.toLowerCase(), t.count])).toEqual([
      ['zeta', 3],
      ['beta', 2],
      ['alpha', 1],
    ]);
    for (const entry of data) expect(Object.keys(entry)).toEqual(['tag', 'count']);
  });

  it('GET /tags on an empty library → []', async () => {
    expect(expectData(await h.request('GET', '/tags'))).toEqual([]);
  });
});

describe('notes', () => {
  it.each(['PUT', 'PATCH'])('%s /sessions/{id}/notes sets, then null and "" clear', async (method) => {
    const created = seed({ title: 'N', notes: 'old' });
    const data = expectData(
      await h.request(method, `/sessions/${created.id}/notes`, { body: { notes: '  Line 1\nLine 2  ' } }),
    );
    expect(data).toEqual({ id: created.id, notes: '  Line 1\nLine 2  ' });
    expect(Object.keys(data)).toEqual(['id', 'notes']);
    expect(h.core.sessions.get(created.id).notes).toBe('  Line 1\nLine 2  ');
    expect(
      expectData(await h.request(method, `/sessions/${created.id}/notes`, { body: { notes: null } })),
    ).toEqual({ id: created.id, notes: '' });
    await h.request(method, `/sessions/${created.id}/notes`, { body: { notes: 'again' } });
    expect(
      expectData(await h.request(method, `/sessions/${created.id}/notes`, { body: { notes: '' } })),
    ).toEqual({
      id: created.id,
      notes: '',
    });
  });

  it.each([
    ['PUT', { notes: 5 }, /notes/],
    ['PATCH', { notes: 'n'.repeat(100_001) }, /notes/],
    ['PUT', { note: 'typo' }, /note/],
    ['PATCH', {}, /notes/],
    ['PUT', ['notes'], /body|notes/],
  ])('%s notes with a bad body → 400 invalid_input', async (method, body, message) => {
    const created = seed({ title: 'N', notes: 'keep' });
    const res = await h.request(method, `/sessions/${created.id}/notes`, { body });
    expectError(res, 400, 'invalid_input', message);
    expect(h.core.sessions.get(created.id).notes).toBe('keep');
  });
});

describe('GET /api/v1/sessions/{id}/preview', () => {
  it('without previews: previewStatus none, nulls and an empty list', async () => {
    const created = seed({ title: 'Silent' });
    const data = expectData(await h.request('GET', `/sessions/${created.id}/preview`));
    expect(Object.keys(data)).toEqual([
      'id',
      'previewStatus',
      'preferredPreviewId',
      'previewUrl',
      'previewAudioUrl',
      'previewAudioMime',
      'previews',
    ]);
    expect(data).toEqual({
      id: created.id,
      previewStatus: 'none',
      preferredPreviewId: null,
      previewUrl: null,
      previewAudioUrl: null,
      previewAudioMime: null,
      previews: [],
    });
  });
});

describe('POST /api/v1/sessions/{id}/open', () => {
  it('opens an existing project file: {id, opened: true, focused: false}, records lastOpened', async () => {
    const projectPath = join(h.dataDir, 'Song.als');
    writeFileSync(projectPath, 'ableton project');
    const created = seed({ title: 'Openable', projectPath });
    expect(created.lastOpened).toBeNull();
    const before = Date.now();
    const data = expectData(await h.request('POST', `/sessions/${created.id}/open`));
    expect(data).toEqual({ id: created.id, opened: true, focused: false });
    expect(Object.keys(data)).toEqual(['id', 'opened', 'focused']);
    expect(h.opener.opened).toEqual([projectPath]);
    const stored = h.core.sessions.get(created.id);
    expect(stored.lastOpened).toMatch(ISO_UTC);
    expect(Date.parse(stored.lastOpened!)).toBeGreaterThanOrEqual(before - 1);
    const viaApi = expectData(await h.request('GET', `/sessions/${created.id}`));
    expect(viaApi.lastOpened).toBe(stored.lastOpened);
  });

  it('opens a bundle folder project (.logicx)', async () => {
    const projectPath = join(h.dataDir, 'Song.logicx');
    mkdirSync(projectPath);
    const created = seed({ title: 'Bundle', projectPath });
    expect(created.kind).toBe('Logic Pro');
    const data = expectData(await h.request('POST', `/sessions/${created.id}/open`));
    expect(data).toEqual({ id: created.id, opened: true, focused: false });
    expect(h.opener.opened).toEqual([projectPath]);
  });

  it('accepts an empty JSON body on a body-less route', async () => {
    const projectPath = join(h.dataDir, 'Empty.als');
    writeFileSync(projectPath, 'x');
    const created = seed({ title: 'Empty body', projectPath });
    const res = await h.request('POST', `/sessions/${created.id}/open`, { body: {} });
    expect(expectData(res)).toEqual({ id: created.id, opened: true, focused: false });
  });

  it('no project path → 400 open_failed, nothing opened', async () => {
    const created = seed({ title: 'Pathless' });
    expectError(await h.request('POST', `/sessions/${created.id}/open`), 400, 'open_failed', OPEN_FAILED);
    expect(h.opener.opened).toEqual([]);
    expect(h.core.sessions.get(created.id).lastOpened).toBeNull();
  });

  it('a project path that does not exist → 400 open_failed, nothing opened', async () => {
    const created = seed({ title: 'Gone', projectPath: join(h.dataDir, 'missing', 'Gone.als') });
    expectError(await h.request('POST', `/sessions/${created.id}/open`), 400, 'open_failed', OPEN_FAILED);
    expect(h.opener.opened).toEqual([]);
    expect(h.core.sessions.get(created.id)).toEqual(created);
  });
});

describe('POST /api/v1/sessions/{id}/focus', () => {
  it('focuses the window on the session: {id, opened: false, focused: true}', async () => {
    const created = seed({ title: 'Focus me' });
    const data = expectData(await h.request('POST', `/sessions/${created.id}/focus`));
    expect(data).toEqual({ id: created.id, opened: false, focused: true });
    expect(Object.keys(data)).toEqual(['id', 'opened', 'focused']);
    expect(h.window!.focused).toEqual([created.id]);
    expect(h.opener.opened).toEqual([]);
  });

  it('a destroyed window → 400 focus_failed "main window unavailable"', async () => {
    const created = seed({ title: 'No window' });
    h.window!.destroyed = true;
    expectError(
      await h.request('POST', `/sessions/${created.id}/focus`),
      400,
      'focus_failed',
      'main window unavailable',
    );
    expect(h.window!.focused).toEqual([]);
  });

  it('headless (no window) → 501 focus_unavailable', async () => {
    const headless = await startExtra({ withWindow: false });
    const created = headless.core.sessions.create({ title: 'Headless' });
    expectError(
      await headless.request('POST', `/sessions/${created.id}/focus`),
      501,
      'focus_unavailable',
      'Session focus is unavailable.',
    );
    const health = expectData(await headless.request('GET', '/health'));
    expect(health.lastError).toBeNull();
  });
});

describe('404 not_found', () => {
  const idRoutes: [string, string, unknown][] = [
    ['GET', '', undefined],
    ['PATCH', '', { title: 'x' }],
    ['DELETE', '', undefined],
    ['GET', '/tags', undefined],
    ['PUT', '/tags', { tags: ['a'] }],
    ['PATCH', '/tags', { tags: ['a'] }],
    ['PUT', '/notes', { notes: 'a' }],
    ['PATCH', '/notes', { notes: 'a' }],
    ['GET', '/preview', undefined],
    ['POST', '/open', undefined],
    ['POST', '/focus', undefined],
  ];

  it.each(idRoutes)('%s /sessions/{unknown}%s → 404 session not found', async (method, suffix, body) => {
    seed({ title: 'Someone else' });
    const res = await h.request(method, `/sessions/${MISSING_ID}${suffix}`, { body });
    expectError(res, 404, 'not_found', 'session not found');
  });

  it.each([
    ['an id with unicode', encodeURIComponent('séssion_é')],
    ['an id with an encoded slash', 'session_a%2Fb'],
    ['an id without the prefix', '123'],
    ['a very long id', `session_${'a'.repeat(1500)}`],
  ])('%s → 404 session not found', async (_name, id) => {
    expectError(await h.request('GET', `/sessions/${id}`), 404, 'not_found', 'session not found');
    expectError(await h.request('GET', `/sessions/${id}/tags`), 404, 'not_found', 'session not found');
  });

  it('a headless server still answers 404 for focus on an unknown session', async () => {
    const headless = await startExtra({ withWindow: false });
    expectError(
      await headless.request('POST', `/sessions/${MISSING_ID}/focus`),
      404,
      'not_found',
      'session not found',
    );
  });

  it.each([
    ['GET', '/api/v1/nope'],
    ['GET', '/api/v1/sessions/x/y/z'],
    ['POST', '/api/v1/tags'],
    ['GET', '/api/v2/sessions'],
    ['GET', '/'],
  ])('%s %s → 404 route not found', async (method, path) => {
    const res = await h.request(method, `${h.origin}${path}`);
    expectError(res, 404, 'not_found', 'route not found');
  });
});

describe('request bodies', () => {
  const bodyRoutes = (id: string): [string, string][] => [
    ['POST', '/sessions'],
    ['PATCH', `/sessions/${id}`],
    ['PUT', `/sessions/${id}/tags`],
    ['PATCH', `/sessions/${id}/tags`],
    ['PUT', `/sessions/${id}/notes`],
    ['PATCH', `/sessions/${id}/notes`],
  ];

  it('malformed JSON → 400 invalid_json on every body route', async () => {
    const created = seed({ title: 'Stable' });
    for (const [method, path] of bodyRoutes(created.id)) {
      for (const raw of ['{"title": ', '{title: "x"}', "{'notes': 'x'}", 'nul', '{"tags": [1,]}']) {
        const res = await h.request(method, path, { rawBody: raw, headers: jsonHeaders() });
        expectError(res, 400, 'invalid_json', INVALID_JSON);
      }
    }
    expect(h.core.sessions.list().data).toEqual([created]);
  });

  it('a missing body → 400 invalid_json on every body route (with or without a JSON Content-Type)', async () => {
    const created = seed({ title: 'Stable' });
    for (const [method, path] of bodyRoutes(created.id)) {
      expectError(await h.request(method, path), 400, 'invalid_json', INVALID_JSON);
      expectError(
        await h.request(method, path, { rawBody: '', headers: jsonHeaders() }),
        400,
        'invalid_json',
        INVALID_JSON,
      );
      expectError(
        await h.request(method, path, { rawBody: '   \n', headers: jsonHeaders() }),
        400,
        'invalid_json',
        INVALID_JSON,
      );
    }
    expect(h.core.sessions.list().data).toEqual([created]);
  });

  it('a text/plain body → 415 unsupported_media_type on every body route', async () => {
    const created = seed({ title: 'Stable' });
    for (const [method, path] of bodyRoutes(created.id)) {
      const res = await h.request(method, path, {
        rawBody: JSON.stringify({ title: 'x', tags: ['a'], notes: 'a' }),
        headers: { 'Content-Type': 'text/plain' },
      });
      expectError(res, 415, 'unsupported_media_type', UNSUPPORTED);
    }
    expect(h.core.sessions.list().data).toEqual([created]);
  });

  it('a form body → 415 unsupported_media_type', async () => {
    const res = await h.request('POST', '/sessions', {
      rawBody: 'title=Form+post',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expectError(res, 415, 'unsupported_media_type', UNSUPPORTED);
    const multipart = await h.request('POST', '/sessions', {
      rawBody: '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--b--\r\n',
      headers: { 'Content-Type': 'multipart/form-data; boundary=b' },
    });
    expectError(multipart, 415, 'unsupported_media_type', UNSUPPORTED);
    expect(h.core.sessions.list().meta.total).toBe(0);
  });

  it('a body sent with no Content-Type (fetch default text/plain) → 415', async () => {
    const res = await h.request('POST', '/sessions', { rawBody: '{"title":"x"}' });
    expectError(res, 415, 'unsupported_media_type', UNSUPPORTED);
  });

  it('accepts application/json with a charset', async () => {
    const res = await h.request('POST', '/sessions', {
      rawBody: JSON.stringify({ title: 'Charset' }),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    expect(expectData(res, 201).title).toBe('Charset');
  });

  it('a body over 1 MiB → 413 payload_too_large stating the limit, on every body route', async () => {
    const created = seed({ title: 'Stable' });
    const big = JSON.stringify({ notes: 'n'.repeat(1024 * 1024 + 16) });
    for (const [method, path] of bodyRoutes(created.id)) {
      const res = await h.request(method, path, { rawBody: big, headers: jsonHeaders() });
      expectError(res, 413, 'payload_too_large', /1 MiB|1048576|1,048,576/);
    }
    expect(h.core.sessions.list().data).toEqual([created]);
  });

  it('valid JSON with a __proto__ or constructor.prototype key → 400 invalid_input naming it, not invalid_json', async () => {
    const created = seed({ title: 'Stable' });
    for (const [method, path] of bodyRoutes(created.id)) {
      const proto = await h.request(method, path, {
        rawBody: '{"title":"x","tags":["a"],"notes":"a","__proto__":{"polluted":true}}',
        headers: jsonHeaders(),
      });
      expectError(proto, 400, 'invalid_input', /__proto__/);
      const ctor = await h.request(method, path, {
        rawBody: '{"title":"x","constructor":{"prototype":{"polluted":true}}}',
        headers: jsonHeaders(),
      });
      expectError(ctor, 400, 'invalid_input', /constructor/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(h.core.sessions.list().data).toEqual([created]);
  });

  it('a body just under 1 MiB is read (and judged by the field rules)', async () => {
    const created = seed({ title: 'Stable' });
    const body = JSON.stringify({ notes: 'n'.repeat(1024 * 1024 - 64) });
    const res = await h.request('PUT', `/sessions/${created.id}/notes`, {
      rawBody: body,
      headers: jsonHeaders(),
    });
    expectError(res, 400, 'invalid_input', /notes/);
  });
});

describe('the API and the core see the same library', () => {
  it('changes through the API are visible in core.sessions', async () => {
    const created = expectData(await h.request('POST', '/sessions', { body: { title: 'From API' } }), 201);
    expect(h.core.sessions.get(created.id).title).toBe('From API');
    await h.request('PUT', `/sessions/${created.id}/tags`, { body: { tags: ['api'] } });
    await h.request('PUT', `/sessions/${created.id}/notes`, { body: { notes: 'api notes' } });
    await h.request('PATCH', `/sessions/${created.id}`, { body: { status: 'done' } });
    expect(h.core.sessions.get(created.id)).toMatchObject({
      tags: ['api'],
      notes: 'api notes',
      status: 'done',
    });
    expect(h.core.sessions.tagCounts()).toEqual([{ tag: 'api', count: 1 }]);
    await h.request('DELETE', `/sessions/${created.id}`);
    expect(h.core.sessions.list().meta.total).toBe(0);
  });

  it('changes through core.sessions are visible to the next API read', async () => {
    const created = h.core.sessions.create({ title: 'From core' });
    expect(expectData(await h.request('GET', `/sessions/${created.id}`))).toEqual(created);
    const patched = h.core.sessions.patch(created.id, { title: 'Renamed in core', tags: ['core'] });
    expect(expectData(await h.request('GET', `/sessions/${created.id}`))).toEqual(patched);
    expect(expectData(await h.request('GET', `/sessions/${created.id}/tags`))).toEqual({
      id: created.id,
      tags: ['core'],
    });
    h.core.sessions.delete(created.id);
    expectError(await h.request('GET', `/sessions/${created.id}`), 404, 'not_found', 'session not found');
    expect((await h.request('GET', '/sessions')).json.meta.total).toBe(0);
  });
});

describe('repeated reads never go stale', () => {
  const LIST = '/sessions?sort=title&limit=10';
  const RECENT = '/sessions?recent=true';
  const SEARCH = '/sessions?q=kick';

  async function reads(): Promise<{ list: string[]; recent: string[]; search: string[]; tags: unknown }> {
    const titles = async (path: string): Promise<string[]> => {
      const res = await h.request('GET', path);
      expect(res.status, res.text).toBe(200);
      return res.json.data.map((s: Session) => s.title);
    };
    return {
      list: await titles(LIST),
      recent: await titles(RECENT),
      search: await titles(SEARCH),
      tags: expectData(await h.request('GET', '/tags')),
    };
  }

  it('list and tag reads follow every change made through core.sessions', async () => {
    expect(await reads()).toEqual({ list: [], recent: [], search: [], tags: [] });
    const a = h.core.sessions.create({ title: 'A', tags: ['one'] });
    expect(await reads()).toEqual({ list: ['A'], recent: [], search: [], tags: [{ tag: 'one', count: 1 }] });
    h.core.sessions.patch(a.id, { title: 'A2' });
    expect((await reads()).list).toEqual(['A2']);
    h.core.sessions.replaceTags(a.id, { tags: ['two'] });
    expect((await reads()).tags).toEqual([{ tag: 'two', count: 1 }]);
    h.core.sessions.setNotes(a.id, { notes: 'kick drum' });
    expect((await reads()).search).toEqual(['A2']);
    h.core.sessions.markOpened(a.id);
    expect((await reads()).recent).toEqual(['A2']);
    h.core.sessions.delete(a.id);
    expect(await reads()).toEqual({ list: [], recent: [], search: [], tags: [] });
  });

  it('list and tag reads follow every change made through the API', async () => {
    expect(await reads()).toEqual({ list: [], recent: [], search: [], tags: [] });
    const projectPath = join(h.dataDir, 'Kick.als');
    writeFileSync(projectPath, 'x');
    const a = expectData(
      await h.request('POST', '/sessions', { body: { title: 'A', tags: ['one'], projectPath } }),
      201,
    );
    expect(await reads()).toEqual({ list: ['A'], recent: [], search: [], tags: [{ tag: 'one', count: 1 }] });
    await h.request('PATCH', `/sessions/${a.id}`, { body: { title: 'A2' } });
    expect((await reads()).list).toEqual(['A2']);
    await h.request('PATCH', `/sessions/${a.id}/tags`, { body: { tags: ['two'] } });
    expect((await reads()).tags).toEqual([{ tag: 'two', count: 1 }]);
    await h.request('PATCH', `/sessions/${a.id}/notes`, { body: { notes: 'kick drum' } });
    expect((await reads()).search).toEqual(['A2']);
    expectData(await h.request('POST', `/sessions/${a.id}/open`));
    expect((await reads()).recent).toEqual(['A2']);
    await h.request('DELETE', `/sessions/${a.id}`);
    expect(await reads()).toEqual({ list: [], recent: [], search: [], tags: [] });
  });
});

describe('published examples, as written', () => {
  it('GET /health', async () => {
    const res = await fetch(`${h.origin}/api/v1/health`, {
      headers: { Authorization: `Bearer ${h.token()}` },
    });
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(body.data.status).toBe('ok');
    expect(body.data.running).toBe(true);
  });

  it('GET /sessions?recent=true&limit=5', async () => {
    const opened: string[] = [];
    seed({ title: 'Never opened' });
    for (let i = 0; i < 7; i++) {
      const session = seed({ title: `Opened ${i}` });
      await nextMillisecond();
      h.core.sessions.markOpened(session.id);
      opened.push(session.id);
    }
    seed({ title: 'Also never opened' });
    const res = await h.request('GET', '/sessions?recent=true&limit=5');
    expect(res.status).toBe(200);
    expect(res.json.meta).toEqual({ total: 7, limit: 5, offset: 0 });
    expect(res.json.data.map((s: Session) => s.id)).toEqual([...opened].reverse().slice(0, 5));
    for (const session of res.json.data) {
      expectSessionShape(session);
      expect(session.lastOpened).toMatch(ISO_UTC);
    }
  });

  it('GET /sessions?q=edm&recent=true&limit=10', async () => {
    const edmTitle = seed({ title: 'EDM banger' });
    const edmNotes = seed({ title: 'Club tool', notes: 'Big room edm drop' });
    const edmUnopened = seed({ title: 'EDM sketch never opened' });
    const other = seed({ title: 'Jazz trio' });
    const inside = seed({ title: 'Nedmark' });
    for (const s of [edmTitle, other, inside, edmNotes]) {
      await nextMillisecond();
      h.core.sessions.markOpened(s.id);
    }
    const res = await h.request('GET', '/sessions?q=edm&recent=true&limit=10');
    expect(res.status).toBe(200);
    expect(res.json.meta).toEqual({ total: 2, limit: 10, offset: 0 });
    expect(res.json.data.map((s: Session) => s.id)).toEqual([edmNotes.id, edmTitle.id]);
    expect(res.json.data.map((s: Session) => s.id)).not.toContain(edmUnopened.id);
  });

  it('GET /sessions?q=drums&kind=Ableton&daw=Ableton&tags=mix%2Cpriority&recent=true&sort=title&limit=10&offset=0', async () => {
    const match = (title: string, extra: Record<string, unknown> = {}): Session =>
      seed({ title, kind: 'Ableton', tags: ['Mix', 'Priority', 'extra'], ...extra });
    const zulu = match('Zulu drums');
    const alpha = match('alpha session', { notes: 'Re-record the drums tomorrow' });
    const mid = match('Mid Drums bus', { tags: ['priority', 'MIX'] });
    const notOpened = match('Drums never opened');
    const logic = seed({ title: 'Drums in Logic', kind: 'Logic Pro', tags: ['mix', 'priority'] });
    const onlyMix = seed({ title: 'Drums only mix', kind: 'Ableton', tags: ['mix'] });
    const noDrums = match('Bass only');
    const eardrums = match('Eardrums');
    for (const s of [zulu, alpha, mid, logic, onlyMix, noDrums, eardrums]) {
      await nextMillisecond();
      h.core.sessions.markOpened(s.id);
    }
    const res = await h.request(
      'GET',
      '/sessions?q=drums&kind=Ableton&daw=Ableton&tags=mix%2Cpriority&recent=true&sort=title&limit=10&offset=0',
    );
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.json)).toEqual(['data', 'meta']);
    expect(res.json.meta).toEqual({ total: 3, limit: 10, offset: 0 });
    expect(res.json.data.map((s: Session) => s.title)).toEqual([
      'alpha session',
      'Mid Drums bus',
      'Zulu drums',
    ]);
    expect(res.json.data.map((s: Session) => s.id)).not.toContain(notOpened.id);
    for (const session of res.json.data) {
      expectSessionShape(session);
      expect(session.kind).toBe('Ableton');
      expect(session.lastOpened).not.toBeNull();
      expect(session.tags.map((t: string) => t.toLowerCase())).toEqual(
        expect.arrayContaining(['mix', 'priority']),
      );
    }
  });

  it('POST /sessions {"title":"New idea","kind":"Ableton","status":"draft","tags":["ideas","writing"]} → 201', async () => {
    const res = await fetch(`${h.baseUrl}/sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.token()}`, 'Content-Type': 'application/json' },
      body: '{"title":"New idea","kind":"Ableton","status":"draft","tags":["ideas","writing"]}',
    });
    expect(res.status).toBe(201);
    const body = await jsonOf(res);
    expect(Object.keys(body)).toEqual(['data']);
    expectSessionShape(body.data);
    expect(body.data).toMatchObject({
      title: 'New idea',
      kind: 'Ableton',
      status: 'draft',
      tags: ['ideas', 'writing'],
      accent: 'gradient',
      notes: '',
      lastOpened: null,
    });
    expect(h.core.sessions.get(body.data.id)).toEqual(body.data);
  });

  it('PATCH /sessions/{id} {"notes":"Print a brighter synth stem for revision B.","status":"in-progress"}', async () => {
    const created = seed({ title: 'Synth pop', status: 'draft', tags: ['synth'] });
    await nextMillisecond();
    const res = await fetch(`${h.baseUrl}/sessions/${created.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${h.token()}`, 'Content-Type': 'application/json' },
      body: '{"notes":"Print a brighter synth stem for revision B.","status":"in-progress"}',
    });
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expectSessionShape(body.data);
    expect(body.data).toEqual({
      ...created,
      notes: 'Print a brighter synth stem for revision B.',
      status: 'in-progress',
      updatedAt: body.data.updatedAt,
    });
    expect(Date.parse(body.data.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
  });

  it('PUT /sessions/{id}/notes {"notes":"Send alt vocal print to client before 5 PM."}', async () => {
    const created = seed({ title: 'Vocal session' });
    const res = await fetch(`${h.baseUrl}/sessions/${created.id}/notes`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${h.token()}`, 'Content-Type': 'application/json' },
      body: '{"notes":"Send alt vocal print to client before 5 PM."}',
    });
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toEqual({
      data: { id: created.id, notes: 'Send alt vocal print to client before 5 PM.' },
    });
    expect(h.core.sessions.get(created.id).notes).toBe('Send alt vocal print to client before 5 PM.');
  });

  it('POST /sessions/{id}/focus', async () => {
    const created = seed({ title: 'Focus example' });
    const res = await fetch(`${h.baseUrl}/sessions/${created.id}/focus`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.token()}` },
    });
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toEqual({ data: { id: created.id, opened: false, focused: true } });
    expect(h.window!.focused).toEqual([created.id]);
  });
});
