import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC_METHODS } from '../../src/shared/ipc';
import { createIpcHandlers, type IpcHandlers } from '../../src/main/ipc/handlers';
import { forwardCoreEvents } from '../../src/main/ipc/forward-events';
import { startApi, type ApiHarness } from '../helpers/api-harness';

let h: ApiHarness;
let handlers: IpcHandlers;
const revealed: string[] = [];
const chosen: (string | null)[] = [];

async function setup(): Promise<void> {
  h = await startApi();
  handlers = createIpcHandlers(h.core, h.server, {
    async revealPath(path) {
      revealed.push(path);
      return true;
    },
    async chooseProjectPath() {
      return chosen.shift() ?? null;
    },
    async chooseFolder() {
      return null;
    },
    async chooseAudioFiles() {
      return [];
    },
    mediaUrl: (sessionId, previewId) => `test-media://${sessionId}/${previewId}`,
  });
}

afterEach(async () => {
  await h?.close();
  revealed.length = 0;
});

describe('IPC handlers (the window door)', () => {
  it('cover every channel of the contract', async () => {
    await setup();
    expect(Object.keys(handlers).sort()).toEqual([...new Set(Object.values(IPC_METHODS))].sort());
  });

  it('answer Results with the API codes and the same validation as the API', async () => {
    await setup();
    const created = await handlers['sessions:create']({ title: '  Night Drive ', tags: ['Mix', 'mix'] });
    expect(created).toMatchObject({ ok: true, value: { title: 'Night Drive', tags: ['Mix'] } });
    const id = created.ok ? created.value.id : '';
    expect(await handlers['sessions:create']({ title: '' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'title must be a non-empty string (at most 200 characters)' },
    });
    expect(await handlers['sessions:patch'](id, { bogus: 1 } as never)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'unknown field: bogus' },
    });
    expect(await handlers['sessions:get']('session_missing')).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'session not found' },
    });
    const listed = await handlers['sessions:list']({ q: 'night', tags: ['mix'], limit: 10 });
    expect(listed).toMatchObject({ ok: true, value: { meta: { total: 1, limit: 10, offset: 0 } } });
    expect(await handlers['sessions:list']({ limit: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    // The same change is visible through the API at once.
    const viaApi = await h.request('GET', `/sessions/${id}`);
    expect(viaApi.json.data.title).toBe('Night Drive');
  });

  it('delete and restore round-trip, open goes through the opener, reveal through the shell', async () => {
    await setup();
    const dir = mkdtempSync(join(tmpdir(), 'sessiondock-ipc-'));
    const project = join(dir, 'Song.als');
    writeFileSync(project, 'x');
    const created = await handlers['sessions:create']({ title: 'Song', projectPath: project });
    const id = created.ok ? created.value.id : '';
    expect(await handlers['sessions:open'](id)).toEqual({
      ok: true,
      value: { id, opened: true, focused: false },
    });
    expect(h.opener.opened).toEqual([project]);
    expect(await handlers['sessions:reveal'](id)).toEqual({ ok: true, value: { revealed: true } });
    expect(revealed).toEqual([project]);
    expect(await handlers['sessions:checkPaths']([project, join(dir, 'gone.als')])).toEqual({
      ok: true,
      value: { [project]: true, [join(dir, 'gone.als')]: false },
    });
    expect(await handlers['sessions:checkPaths']('nope' as unknown as string[])).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    expect(await handlers['sessions:delete'](id)).toEqual({ ok: true, value: { deleted: true, id } });
    expect((await h.request('GET', `/sessions/${id}`)).status).toBe(404);
    expect(await handlers['sessions:restore'](id)).toMatchObject({ ok: true, value: { id, title: 'Song' } });
    expect((await h.request('GET', `/sessions/${id}`)).status).toBe(200);

    chosen.push('/Users/me/Music/New.als');
    expect(await handlers['dialog:chooseProject']()).toEqual({ ok: true, value: '/Users/me/Music/New.als' });
    expect(await handlers['dialog:chooseProject']()).toEqual({ ok: true, value: null });
  });

  it('switch the API mode and rotate the token at once, and report the live status', async () => {
    await setup();
    const oldToken = h.token();
    const readOnly = await handlers['localApi:setMode']('read-only');
    expect(readOnly).toMatchObject({ ok: true, value: { configuredMode: 'read-only', running: true } });
    expect((await h.request('POST', '/sessions', { body: { title: 'x' } })).status).toBe(403);

    const rotated = await handlers['localApi:rotateToken']();
    expect(rotated.ok && rotated.value.token).not.toBe(oldToken);
    expect((await h.request('GET', '/health', { token: oldToken })).status).toBe(401);
    expect((await h.request('GET', '/health')).status).toBe(200);

    const status = await handlers['localApi:status']();
    expect(status).toMatchObject({ ok: true, value: { token: h.token(), libraryPath: h.core.libraryPath } });
    expect(status.ok && status.value.recentRequests[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/health',
    });

    expect(await handlers['localApi:setMode']('bogus' as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const disabled = await handlers['localApi:setMode']('disabled');
    expect(disabled).toMatchObject({
      ok: true,
      value: { configuredMode: 'disabled', running: false, listeningPort: null },
    });
  });

  it('hide unexpected failures behind internal_error and record them', async () => {
    await setup();
    const broken = createIpcHandlers(h.core, h.server, {
      async revealPath() {
        throw new Error('disk on fire at /secret/path');
      },
      async chooseProjectPath() {
        return null;
      },
      async chooseFolder() {
        return null;
      },
      async chooseAudioFiles() {
        return [];
      },
      mediaUrl: () => '',
    });
    const created = await handlers['sessions:create']({ title: 'x', projectPath: '/music/x.als' });
    const id = created.ok ? created.value.id : '';
    expect(await broken['sessions:reveal'](id)).toEqual({
      ok: false,
      error: { code: 'internal_error', message: 'Internal error.' },
    });
    expect(h.core.diagnostics.lastError()?.message).toContain('disk on fire');
  });

  it('forward core events to the window as plain data', async () => {
    await setup();
    const sent: [string, unknown][] = [];
    const stop = forwardCoreEvents(h.core, h.server, (event, payload) => sent.push([event, payload]));
    const session = h.core.sessions.create({ title: 'Evented' });
    h.core.sessions.patch(session.id, { status: 'mixing' });
    h.core.sessions.delete(session.id);
    const ids = h.core.sessions.createMany([{ title: 'a' }, { title: 'b' }]);
    await h.server.setMode('read-only');
    await expect.poll(() => sent.length).toBe(5);
    expect(sent.map(([event, payload]) => [event, (payload as { type?: string }).type])).toEqual([
      ['sessions:changed', 'created'],
      ['sessions:changed', 'updated'],
      ['sessions:changed', 'deleted'],
      ['sessions:changed', 'many'],
      ['localApi:changed', undefined],
    ]);
    expect(sent[3]![1]).toEqual({ type: 'many', ids });
    expect(sent[4]![1]).toMatchObject({ configuredMode: 'read-only', running: true });
    stop();
    h.core.sessions.create({ title: 'after stop' });
    expect(sent).toHaveLength(5);
  });

  it('scan a folder (sorted, new or in the library), import it with progress events, and refuse bad input', async () => {
    await setup();
    const root = mkdtempSync(join(tmpdir(), 'sessiondock-ipc-scan-'));
    for (const name of ['Zed.als', 'Alpha.flp', 'Mid.rpp']) writeFileSync(join(root, name), 'project');
    h.core.sessions.create({ title: 'Known', projectPath: join(root, 'Mid.rpp') });
    const sent: [string, unknown][] = [];
    const stop = forwardCoreEvents(h.core, h.server, (event, payload) => sent.push([event, payload]));

    const scanned = await handlers['import:scanFolder'](root);
    expect(scanned.ok && scanned.value.projects).toEqual([
      { path: join(root, 'Alpha.flp'), kind: 'FL Studio', isBundle: false, inLibrary: false },
      { path: join(root, 'Mid.rpp'), kind: 'Reaper', isBundle: false, inLibrary: true },
      { path: join(root, 'Zed.als'), kind: 'Ableton', isBundle: false, inLibrary: false },
    ]);
    for (const bad of ['relative/path', join(root, 'Zed.als'), join(root, 'missing'), 42]) {
      expect(await handlers['import:scanFolder'](bad as string)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }

    const started = await handlers['import:start']({
      items: [{ projectPath: join(root, 'Alpha.flp') }, { projectPath: join(root, 'Mid.rpp') }],
    });
    const importId = started.ok ? started.value.importId : '';
    expect(started).toMatchObject({
      ok: true,
      value: { importId: expect.stringMatching(/^import_/), total: 2 },
    });
    await h.core.imports.whenDone(importId);
    const status = await handlers['import:status'](importId);
    expect(status.ok && status.value.items.map((item) => item.status)).toEqual(['imported', 'skipped']);
    const progress = sent.filter(([event]) => event === 'import:progress').map(([, payload]) => payload);
    expect(progress.at(-1)).toMatchObject({ importId, done: true, completed: 1, skipped: 1 });
    expect(await handlers['import:status']('import_unknown')).toMatchObject({
      ok: false,
      error: { code: 'import_not_found' },
    });
    expect(await handlers['import:start']({ items: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    stop();
  });

  it('attach, prefer and detach previews, and hand out media URLs only for known previews', async () => {
    await setup();
    const dir = mkdtempSync(join(tmpdir(), 'sessiondock-ipc-previews-'));
    const audio = join(dir, 'Mix.wav');
    writeFileSync(audio, Buffer.alloc(1024));
    const session = h.core.sessions.create({ title: 'With audio' });
    const attached = await handlers['previews:attach'](session.id, { path: audio });
    const previewId = attached.ok ? attached.value.id : '';
    expect(attached).toMatchObject({ ok: true, value: { name: 'Mix', path: audio, status: 'ready' } });
    expect(await handlers['previews:mediaUrl'](session.id, previewId)).toEqual({
      ok: true,
      value: `test-media://${session.id}/${previewId}`,
    });
    expect(await handlers['previews:mediaUrl'](session.id, 'preview_unknown')).toMatchObject({
      ok: false,
      error: { code: 'preview_not_found' },
    });
    expect(await handlers['previews:prefer'](session.id, previewId)).toMatchObject({
      ok: true,
      value: { preferredPreviewId: previewId },
    });
    // Zeros are not audio: the waveform says why, and the preview is marked.
    expect(await handlers['previews:waveform'](session.id, previewId, 100)).toMatchObject({
      ok: false,
      error: { code: 'preview_unreadable' },
    });
    expect(h.core.sessions.get(session.id).previews[0]!.status).toBe('unreadable');
    expect(await handlers['previews:attach'](session.id, { path: join(dir, 'notes.txt') })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await handlers['previews:detach'](session.id, previewId)).toEqual({
      ok: true,
      value: { deleted: true, id: previewId },
    });
    expect(h.core.sessions.get(session.id)).toMatchObject({ previews: [], previewStatus: 'none' });
  });
});
