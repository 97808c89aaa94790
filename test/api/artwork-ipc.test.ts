// The window's door to artwork (issue 13 §2): the IPC channels answer what the API answers (same
// service, same codes and messages), thumbnails reach the window only as media URLs, and those URLs
// are answered with the WebP bytes (the app's protocol and the e2e page server share the answer).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerArtworkMediaRequest,
  artworkMediaUrl,
  parseArtworkMediaUrl,
} from '../../src/main/core/artwork/artwork-media';
import { createIpcHandlers, type IpcHandlers } from '../../src/main/ipc/handlers';
import { inertShell, startApi, type ApiHarness } from '../helpers/api-harness';
import { imageBytes, writeImage } from '../core/artwork-images';
import { makeTempDir, removeTempDirs, snapshotTree } from '../scan/fixtures';

let h: ApiHarness;
let handlers: IpcHandlers;
let userDir: string;
let cover: string;

beforeAll(async () => {
  h = await startApi();
  handlers = createIpcHandlers(h.core, h.server, inertShell());
  userDir = await makeTempDir('sessiondock-artwork-ipc-');
  cover = await writeImage(join(userDir, 'cover.png'), 'png', { width: 800, height: 600 });
});
afterAll(async () => {
  await h.close();
  await removeTempDirs();
});

const newSession = (title = 'Art'): string => h.core.sessions.create({ title }).id;

function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('IPC artwork channels', () => {
  it('set by path: the view with media URLs; get and summaries answer it; remove forgets it', async () => {
    const id = newSession();
    const without = newSession('No art');
    const before = await snapshotTree(userDir);
    const view = valueOf(await handlers['artwork:setPath'](id, cover));
    expect(view).toEqual({
      source: 'file',
      smallUrl: expect.stringMatching(new RegExp(`^sessiondock-media://artwork/${id}/small\\?v=[0-9a-f]+$`)),
      largeUrl: expect.stringMatching(new RegExp(`^sessiondock-media://artwork/${id}/large\\?v=[0-9a-f]+$`)),
      path: cover,
      format: 'png',
      width: 800,
      height: 600,
      setAt: expect.any(String),
      status: 'ready',
      message: null,
    });
    expect(valueOf(await handlers['artwork:get'](id))).toEqual(view);
    expect(valueOf(await handlers['artwork:get'](without))).toBeNull();
    expect(valueOf(await handlers['artwork:summaries']([id, without, 'session_unknown']))).toEqual({
      [id]: { source: 'file', smallUrl: view.smallUrl, largeUrl: view.largeUrl },
    });
    // What the API says about the same artwork.
    const viaApi = (await h.request('PUT', `/sessions/${id}/artwork`, { body: { path: cover } })).json.data;
    expect(viaApi).toMatchObject({
      path: view.path,
      format: view.format,
      width: view.width,
      height: view.height,
    });

    expect(valueOf(await handlers['artwork:remove'](id))).toEqual({ deleted: true, id });
    expect(valueOf(await handlers['artwork:summaries']([id]))).toEqual({});
    expect(await snapshotTree(userDir)).toEqual(before);
  });

  it('set from pasted bytes (Uint8Array or ArrayBuffer); refusals carry the API’s codes and messages', async () => {
    const id = newSession();
    const bytes = await imageBytes('webp', { width: 300, height: 300 });
    const view = valueOf(await handlers['artwork:setImage'](id, new Uint8Array(bytes)));
    expect(view).toMatchObject({ source: 'stored', path: null, format: 'webp', width: 300, status: 'ready' });
    const other = await imageBytes('jpeg', { color: { r: 1, g: 99, b: 1 } });
    const again = valueOf(await handlers['artwork:setImage'](id, new Uint8Array(other).buffer));
    expect(again).toMatchObject({ source: 'stored', format: 'jpeg' });
    // Another image: another URL, which the window loads afresh.
    expect(again.smallUrl).not.toBe(view.smallUrl);

    expect(await handlers['artwork:setImage'](id, new TextEncoder().encode('not an image'))).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'image must be the data of a PNG, JPEG, WebP or GIF image' },
    });
    expect(await handlers['artwork:setImage'](id, new Uint8Array(21 * 1024 * 1024))).toEqual({
      ok: false,
      error: { code: 'payload_too_large', message: 'image must be at most 20 MiB (this one is 21.0 MiB)' },
    });
    const viaIpc = await handlers['artwork:setPath'](id, 'relative.png');
    const viaApi = await h.request('PUT', `/sessions/${id}/artwork`, { body: { path: 'relative.png' } });
    expect(viaIpc).toEqual({
      ok: false,
      error: { code: viaApi.json.error.code, message: viaApi.json.error.message },
    });
    expect(await handlers['artwork:get']('session_nope')).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'session not found' },
    });
    expect(await handlers['artwork:remove'](newSession())).toEqual({
      ok: false,
      error: { code: 'artwork_not_found', message: 'artwork not found' },
    });
    expect(await handlers['artwork:summaries']('x' as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('the view says missing when the file is gone, and the summaries still list it (the window shows a placeholder)', async () => {
    const id = newSession();
    const folder = await makeTempDir('sessiondock-artwork-ipc-gone-');
    const path = await writeImage(join(folder, 'cover.gif'), 'gif');
    valueOf(await handlers['artwork:setPath'](id, path));
    rmSync(folder, { recursive: true, force: true });
    expect(valueOf(await handlers['artwork:get'](id))).toMatchObject({
      status: 'missing',
      message: 'The artwork file is missing: it was moved or deleted.',
      path,
    });
    expect(Object.keys(valueOf(await handlers['artwork:summaries']([id])))).toEqual([id]);
  });

  it('uses the shell’s URLs and image picker when it has them', async () => {
    const picked: string[] = [];
    const shell = inertShell({
      artworkUrl: (sessionId, size, version) => `http://127.0.0.1:1/art/${sessionId}/${size}/${version}`,
      chooseImageFile: async () => {
        picked.push('asked');
        return cover;
      },
    });
    const custom = createIpcHandlers(h.core, h.server, shell);
    const id = newSession();
    const view = valueOf(await custom['artwork:setPath'](id, cover));
    expect(view.smallUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:1/art/${id}/small/[0-9a-f]+$`));
    expect(await custom['dialog:chooseImage']()).toEqual({ ok: true, value: cover });
    expect(picked).toEqual(['asked']);
    // No picker in the shell: nothing is offered.
    expect(await handlers['dialog:chooseImage']()).toEqual({ ok: true, value: null });
  });
});

describe('the window’s thumbnail URLs', () => {
  it('parse back to the session and size, and nothing else parses', () => {
    const url = artworkMediaUrl('session_a/b', 'small', 'v1');
    expect(parseArtworkMediaUrl(new URL(url))).toEqual({ sessionId: 'session_a/b', size: 'small' });
    for (const other of [
      'sessiondock-media://preview/session_x/preview_y',
      'sessiondock-media://artwork/session_x/huge',
      'sessiondock-media://artwork/session_x/small/extra',
      'sessiondock-media://artwork//small',
      'sessiondock-media://artwork/%E0%A4%A/small',
    ]) {
      expect(parseArtworkMediaUrl(new URL(other)), other).toBeNull();
    }
  });

  it('answer WebP bytes with an ETag, 304, 404 without artwork, 422 for a broken image', async () => {
    const id = newSession();
    valueOf(await handlers['artwork:setPath'](id, cover));
    const ask = (sessionId: string, headers: Record<string, string> = {}) =>
      answerArtworkMediaRequest(h.core, { sessionId, size: 'small' }, { headers: new Headers(headers) });
    const answer = await ask(id);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/webp');
    const body = Buffer.from(await answer.arrayBuffer());
    expect(await sharp(body).metadata()).toMatchObject({ format: 'webp', width: 160, height: 160 });
    expect(answer.headers.get('content-length')).toBe(String(body.length));
    const etag = answer.headers.get('etag')!;
    expect((await ask(id, { 'If-None-Match': etag })).status).toBe(304);
    expect((await ask(newSession())).status).toBe(404);
    expect((await ask('session_nope')).status).toBe(404);
    expect(
      (await answerArtworkMediaRequest(null, { sessionId: id, size: 'small' }, { headers: new Headers() }))
        .status,
    ).toBe(404);

    const broken = newSession();
    const folder = await makeTempDir('sessiondock-artwork-ipc-broken-');
    const path = await writeImage(join(folder, 'cover.jpg'), 'jpeg');
    valueOf(await handlers['artwork:setPath'](broken, path));
    writeFileSync(path, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]));
    const refused = await ask(broken);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/^The artwork cannot be decoded: /);
  });

  it('a request whose caller already went away is answered 503 without making anything', async () => {
    const id = newSession();
    // An image of its own: no large thumbnail of it is cached yet.
    const path = await writeImage(join(userDir, 'fresh.png'), 'png', { color: { r: 9, g: 9, b: 9 } });
    valueOf(await handlers['artwork:setPath'](id, path));
    const answer = await answerArtworkMediaRequest(
      h.core,
      { sessionId: id, size: 'large' },
      { headers: new Headers(), signal: AbortSignal.abort() },
    );
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
  });
});
