// The artwork routes over real HTTP (issue 13 §2): GET the thumbnails (WebP, ETag, 304), PUT a
// path, DELETE; read-only mode refuses the writes; bad input, unknown sessions and broken images
// answer their documented envelopes; the user's folder is hashed before and after.
import { mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../helpers/api-harness';
import { imageBytes, writeImage } from '../core/artwork-images';
import { makeTempDir, removeTempDirs, snapshotTree } from '../scan/fixtures';

let h: ApiHarness;
let userDir: string;
let cover: string;

beforeAll(async () => {
  h = await startApi();
  userDir = await makeTempDir('sessiondock-artwork-api-');
  cover = await writeImage(join(userDir, 'cover.jpg'), 'jpeg', { width: 1000, height: 500 });
});
afterAll(async () => {
  await h.close();
  await removeTempDirs();
});
afterEach(async () => {
  h.core.settings.setApiMode('full-automation');
  await h.server.settled();
});

const newSession = async (title = 'With art'): Promise<string> =>
  (await h.request('POST', '/sessions', { body: { title } })).json.data.id;

/** GET with the token, keeping the body as bytes. */
async function getBytes(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const response = await fetch(`${h.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${h.token()}`, ...headers },
  });
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

async function readOnly(): Promise<void> {
  h.core.settings.setApiMode('read-only');
  await h.server.settled();
}

describe('PUT, GET and DELETE /sessions/{id}/artwork', () => {
  it('sets a file by path, serves both thumbnails with an ETag, 304 when unchanged, and forgets it', async () => {
    const id = await newSession();
    const before = await snapshotTree(userDir);

    const put = await h.request('PUT', `/sessions/${id}/artwork`, { body: { path: cover } });
    expect(put.status).toBe(200);
    expect(put.json.data).toEqual({
      id,
      source: 'file',
      path: cover,
      format: 'jpeg',
      width: 1000,
      height: 500,
      setAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      smallUrl: `${h.baseUrl}/sessions/${id}/artwork?size=small`,
      largeUrl: `${h.baseUrl}/sessions/${id}/artwork?size=large`,
    });
    // Setting artwork is an edit of the session: updatedAt moved, and the Session is as published.
    const session = (await h.request('GET', `/sessions/${id}`)).json.data;
    expect(session.updatedAt > session.createdAt).toBe(true);
    expect(Object.keys(session)).not.toContain('artwork');

    const small = await getBytes(`/sessions/${id}/artwork?size=small`);
    expect(small.status).toBe(200);
    expect(small.headers.get('content-type')).toBe('image/webp');
    expect(small.headers.get('cache-control')).toBe('private, no-cache');
    const etag = small.headers.get('etag')!;
    expect(etag).toMatch(/^"t\d+-small-[0-9a-f]+"$/);
    expect(await sharp(small.body).metadata()).toMatchObject({ format: 'webp', width: 160, height: 160 });
    const large = await getBytes(`/sessions/${id}/artwork`);
    expect(await sharp(large.body).metadata()).toMatchObject({ format: 'webp', width: 640, height: 320 });
    expect(large.headers.get('etag')).not.toBe(etag);
    expect((await getBytes(`/sessions/${id}/artwork?size=`)).headers.get('etag')).toBe(
      large.headers.get('etag'),
    );

    const again = await getBytes(`/sessions/${id}/artwork?size=small`, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.get('etag')).toBe(etag);
    expect((await getBytes(`/sessions/${id}/artwork?size=small`, { 'If-None-Match': '"old"' })).status).toBe(
      200,
    );
    const head = await getBytes(`/sessions/${id}/artwork?size=small`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('image/webp');
    expect(head.body.length).toBe(0);

    const deleted = await h.request('DELETE', `/sessions/${id}/artwork`);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ data: { deleted: true, id } });
    const gone = await h.request('GET', `/sessions/${id}/artwork`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({
      error: { status: 404, code: 'artwork_not_found', message: 'artwork not found' },
    });
    expect((await h.request('DELETE', `/sessions/${id}/artwork`)).json.error.code).toBe('artwork_not_found');
    expect(await snapshotTree(userDir)).toEqual(before);
  });

  it('a changed image file gets a new thumbnail and a new ETag', async () => {
    const id = await newSession();
    const path = await writeImage(join(userDir, 'changing.png'), 'png');
    await h.request('PUT', `/sessions/${id}/artwork`, { body: { path } });
    const first = await getBytes(`/sessions/${id}/artwork?size=large`);
    await writeImage(path, 'png', { width: 200, height: 200, color: { r: 0, g: 0, b: 255 } });
    const second = await getBytes(`/sessions/${id}/artwork?size=large`, {
      'If-None-Match': first.headers.get('etag')!,
    });
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(await sharp(second.body).metadata()).toMatchObject({ width: 200, height: 200 });
  });

  it('unknown sessions answer 404 not_found on every route', async () => {
    for (const [method, body] of [['GET'], ['PUT', { path: cover }], ['DELETE']] as const) {
      const res = await h.request(method, '/sessions/session_nope/artwork', { body });
      expect(res.status, method).toBe(404);
      expect(res.json, method).toEqual({
        error: { status: 404, code: 'not_found', message: 'session not found' },
      });
    }
  });

  it('refuses bad input with 400 and a message naming the rule; nothing is set', async () => {
    const id = await newSession();
    const text = join(userDir, 'not-an-image.png');
    writeFileSync(text, 'hello');
    mkdirSync(join(userDir, 'a folder'), { recursive: true });
    const hugeDir = await makeTempDir('sessiondock-artwork-api-huge-');
    const huge = join(hugeDir, 'huge.jpg');
    writeFileSync(huge, await imageBytes('jpeg'));
    truncateSync(huge, 150 * 1024 * 1024);
    const before = await snapshotTree(userDir);
    const cases: [unknown, string][] = [
      [{ path: 'cover.jpg' }, 'path must be an absolute path to an image file (PNG, JPEG, WebP or GIF)'],
      [{ path: join(userDir, 'a folder') }, 'path is a folder, not an image file'],
      [{ path: join(userDir, 'missing.png') }, 'path does not exist'],
      [{ path: text }, 'path is not an image (PNG, JPEG, WebP or GIF)'],
      [{ path: huge }, 'path must be an image of at most 100.0 MiB (this one is 150.0 MiB)'],
      [{ path: cover, extra: true }, 'unknown field: extra'],
      [[cover], 'body must be a JSON object with a path field'],
    ];
    for (const [body, message] of cases) {
      const res = await h.request('PUT', `/sessions/${id}/artwork`, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json, JSON.stringify(body)).toEqual({
        error: { status: 400, code: 'invalid_input', message },
      });
    }
    const noBody = await h.request('PUT', `/sessions/${id}/artwork`);
    expect(noBody.json.error).toMatchObject({ status: 400, code: 'invalid_json' });
    const wrongType = await h.request('PUT', `/sessions/${id}/artwork`, {
      rawBody: cover,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(wrongType.json.error).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect((await h.request('GET', `/sessions/${id}/artwork`)).json.error.code).toBe('artwork_not_found');
    expect(await snapshotTree(userDir)).toEqual(before);
    rmSync(hugeDir, { recursive: true, force: true });
  });

  it('refuses an unknown size or query parameter', async () => {
    const id = await newSession();
    await h.request('PUT', `/sessions/${id}/artwork`, { body: { path: cover } });
    expect((await h.request('GET', `/sessions/${id}/artwork?size=medium`)).json).toEqual({
      error: { status: 400, code: 'invalid_input', message: 'size must be one of small, large' },
    });
    expect((await h.request('GET', `/sessions/${id}/artwork?size=small&size=large`)).status).toBe(400);
    expect((await h.request('GET', `/sessions/${id}/artwork?width=100`)).json).toEqual({
      error: { status: 400, code: 'invalid_input', message: 'unknown query parameter: width' },
    });
  });

  it('a missing or undecodable image answers 422 artwork_unreadable and keeps its reference', async () => {
    const id = await newSession();
    const path = await writeImage(join(userDir, 'fragile.webp'), 'webp');
    await h.request('PUT', `/sessions/${id}/artwork`, { body: { path } });
    writeFileSync(path, Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 '), Buffer.alloc(64, 1)]));
    const broken = await h.request('GET', `/sessions/${id}/artwork?size=small`);
    expect(broken.status).toBe(422);
    expect(broken.json.error.code).toBe('artwork_unreadable');
    expect(broken.json.error.message).toMatch(/^The artwork cannot be decoded: /);
    rmSync(path);
    expect((await h.request('GET', `/sessions/${id}/artwork`)).json).toEqual({
      error: {
        status: 422,
        code: 'artwork_unreadable',
        message: 'The artwork file is missing: it was moved or deleted.',
      },
    });
    expect(h.core.artwork.get(id)).toMatchObject({ path });
  });

  it('deleting the session takes its artwork reference; the image file stays', async () => {
    const id = await newSession();
    await h.request('PUT', `/sessions/${id}/artwork`, { body: { path: cover } });
    const seq = h.core.sessions.requireSeq(id);
    const before = await snapshotTree(userDir);
    expect((await h.request('DELETE', `/sessions/${id}`)).status).toBe(200);
    const rows = h.core.db.prepare('SELECT count(*) AS n FROM session_artwork WHERE session_seq = ?');
    expect(rows.get(seq)).toEqual({ n: 0 });
    expect(await snapshotTree(userDir)).toEqual(before);
  });
});

describe('read-only mode', () => {
  it('serves the thumbnails and refuses PUT and DELETE with 403 read_only, changing nothing', async () => {
    const id = await newSession();
    await h.request('PUT', `/sessions/${id}/artwork`, { body: { path: cover } });
    const other = await newSession();
    await readOnly();
    expect((await getBytes(`/sessions/${id}/artwork?size=small`)).status).toBe(200);
    expect((await h.request('GET', `/sessions/${other}/artwork`)).json.error.code).toBe('artwork_not_found');
    const refusal = {
      error: { status: 403, code: 'read_only', message: 'Enable Full Automation to perform this action.' },
    };
    expect((await h.request('PUT', `/sessions/${other}/artwork`, { body: { path: cover } })).json).toEqual(
      refusal,
    );
    expect((await h.request('DELETE', `/sessions/${id}/artwork`)).json).toEqual(refusal);
    expect(h.core.artwork.get(id)).toMatchObject({ path: cover });
    expect(h.core.artwork.get(other)).toBeNull();
  });
});

describe('/openapi.json', () => {
  it('describes the three artwork operations, the thumbnail as binary WebP with 304', async () => {
    const doc = (await h.request('GET', '/openapi.json', { token: null })).json;
    const path = doc.paths['/api/v1/sessions/{id}/artwork'];
    expect(path.get.operationId).toBe('getSessionArtwork');
    expect(path.put.operationId).toBe('setSessionArtwork');
    expect(path.delete.operationId).toBe('deleteSessionArtwork');
    for (const operation of [path.get, path.put, path.delete]) expect(operation.tags).toEqual(['artwork']);
    expect(path.get.responses['200'].content['image/webp'].schema).toEqual({
      type: 'string',
      format: 'binary',
    });
    expect(path.get.responses['200'].headers.ETag).toBeDefined();
    expect(path.get.responses['304']).toBeDefined();
    expect(Object.keys(path.get.responses)).toEqual(
      expect.arrayContaining(['400', '401', '403', '404', '422', '500']),
    );
    expect(path.get.parameters.find((p: { name: string }) => p.name === 'size').schema.enum).toEqual([
      'small',
      'large',
    ]);
    expect(Object.keys(path.put.responses)).toEqual(
      expect.arrayContaining(['200', '400', '403', '404', '413', '415']),
    );
    expect(doc.tags.map((tag: { name: string }) => tag.name)).toContain('artwork');
  });
});
