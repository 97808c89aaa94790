// A known path asked with a method it does not serve. local-api.md §3 fixes the answer for an
// unknown route (a method and path §5 does not list): 404 not_found / `route not found`, so that
// status, code and message stay; the answer also carries an `Allow` header naming the methods the
// path does serve (RFC 9110 §10.2.1 permits it on any response). HEAD is served wherever GET is
// (Fastify's exposed HEAD routes); OPTIONS is served by no route, so it is an unknown route too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../helpers/api-harness';

const ID = 'session_x';
/** Every path of local-api.md §5 (and our own routes), with the methods the contract lists for it. */
const PATHS: [string, string][] = [
  ['/api/v1/health', 'GET, HEAD'],
  ['/api/v1/sessions', 'GET, HEAD, POST'],
  [`/api/v1/sessions/${ID}`, 'GET, HEAD, PATCH, DELETE'],
  [`/api/v1/sessions/${ID}/tags`, 'GET, HEAD, PUT, PATCH'],
  [`/api/v1/sessions/${ID}/notes`, 'PUT, PATCH'],
  ['/api/v1/tags', 'GET, HEAD'],
  [`/api/v1/sessions/${ID}/preview`, 'GET, HEAD, PUT'],
  [`/api/v1/sessions/${ID}/preview/audio`, 'GET, HEAD'],
  [`/api/v1/sessions/${ID}/waveform`, 'GET, HEAD'],
  [`/api/v1/sessions/${ID}/waveform-notes`, 'GET, HEAD, PUT, PATCH'],
  [`/api/v1/sessions/${ID}/previews`, 'POST'],
  [`/api/v1/sessions/${ID}/previews/preview_y`, 'DELETE'],
  ['/api/v1/import', 'POST'],
  ['/api/v1/import/import_z', 'GET, HEAD'],
  ['/api/v1/import/import_z/cancel', 'POST'],
  [`/api/v1/sessions/${ID}/open`, 'POST'],
  [`/api/v1/sessions/${ID}/focus`, 'POST'],
  [`/api/v1/sessions/${ID}/project`, 'GET, HEAD'],
  ['/api/v1/plugins', 'GET, HEAD'],
  ['/api/v1/collections', 'GET, HEAD, POST'],
  ['/api/v1/collections/collection_c', 'GET, HEAD, PATCH, DELETE'],
  ['/api/v1/collections/collection_c/sessions', 'POST, PUT'],
  [`/api/v1/collections/collection_c/sessions/${ID}`, 'DELETE'],
  [`/api/v1/sessions/${ID}/artwork`, 'GET, HEAD, PUT, DELETE'],
  ['/api/v1/events', 'GET, HEAD'],
  ['/openapi.json', 'GET, HEAD'],
];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

let h: ApiHarness;
beforeAll(async () => {
  h = await startApi();
});
afterAll(() => h.close());

describe('a known path with a method it does not serve', () => {
  it('the table above is every route the server has (no path forgotten)', () => {
    const served = new Set(h.server.current()!.routes.map((route) => route.url.replace(/:[^/]+/g, ':p')));
    const listed = new Set(
      PATHS.filter(([path]) => path.startsWith('/api/')).map(([path]) =>
        path
          .replace(ID, ':p')
          .replace('preview_y', ':p')
          .replace(/import_z/, ':p')
          .replace('collection_c', ':p'),
      ),
    );
    expect([...served].sort()).toEqual([...listed].sort());
  });

  for (const [path, allow] of PATHS) {
    const notServed = METHODS.filter((method) => !allow.split(', ').includes(method));
    it.each(notServed)(`%s ${path} → 404 route not found with Allow: ${allow}`, async (method) => {
      const res = await h.request(
        method,
        path,
        method === 'GET' || method === 'HEAD' ? {} : { body: { title: 'x' } },
      );
      expect(res.status).toBe(404);
      expect(res.headers.get('allow')).toBe(allow);
      if (method !== 'HEAD') {
        expect(res.json).toEqual({ error: { status: 404, code: 'not_found', message: 'route not found' } });
      }
    });
  }

  it('with a trailing slash or a query string the path is the same path', async () => {
    const res = await h.request('DELETE', '/api/v1/tags/?x=1');
    expect(res.status).toBe(404);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('a path no route serves has no Allow header', async () => {
    for (const path of ['/api/v1/nope', `/api/v1/sessions/${ID}/x/y`, '/api/v2/sessions']) {
      const res = await h.request('GET', path);
      expect(res.status).toBe(404);
      expect(res.headers.get('allow')).toBeNull();
    }
  });

  it('the token is checked first: without it the answer is 401 and names no methods', async () => {
    const res = await h.request('DELETE', '/api/v1/tags', { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('allow')).toBeNull();
  });

  it('HEAD is served wherever GET is, with no body', async () => {
    const res = await h.request('HEAD', '/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });
});
