// No rule or read model in a door: the window's IPC handlers and the Local API answer from the same
// core functions, so the same question gets the same answer (issue 11 §4).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CHECKED_PATHS } from '../../src/main/core/automation/automation-service';
import { createIpcHandlers, type IpcHandlers } from '../../src/main/ipc/handlers';
import { HEALTH_FIELDS, startApi, type ApiHarness } from '../helpers/api-harness';

let h: ApiHarness;
let dir: string;
let handlers: IpcHandlers;
const revealed: string[] = [];

afterEach(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  revealed.length = 0;
});

async function setup(): Promise<void> {
  h = await startApi();
  dir = mkdtempSync(join(tmpdir(), 'sessiondock-doors-'));
  handlers = createIpcHandlers(h.core, h.server, {
    revealPath: async (path) => {
      revealed.push(path);
      return true;
    },
    chooseProjectPath: async () => null,
    chooseFolder: async () => null,
    chooseAudioFiles: async () => [],
    mediaUrl: () => '',
  });
}

function audioFile(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.alloc(256));
  return path;
}

describe('prefer a preview', () => {
  it('answers the preview info through both doors, field for field and in the same order', async () => {
    await setup();
    const session = h.core.sessions.create({ title: 'Two mixes' });
    const first = h.core.previews.attach(session.id, { path: audioFile('a.wav') });
    const second = h.core.previews.attach(session.id, { path: audioFile('b.mp3') });

    const viaIpc = await handlers['previews:prefer'](session.id, second.id);
    expect(viaIpc.ok).toBe(true);
    const ipcInfo = viaIpc.ok ? viaIpc.value : null;
    const viaGet = (await h.request('GET', `/sessions/${session.id}/preview`)).json.data;
    expect(ipcInfo).toEqual(viaGet);
    expect(Object.keys(ipcInfo!)).toEqual([
      'id',
      'previewStatus',
      'preferredPreviewId',
      'previewUrl',
      'previewAudioUrl',
      'previewAudioMime',
      'previews',
    ]);
    expect(ipcInfo).toMatchObject({
      id: session.id,
      preferredPreviewId: second.id,
      previewAudioMime: 'audio/mpeg',
    });

    const viaPut = await h.request('PUT', `/sessions/${session.id}/preview`, {
      body: { preferredPreviewId: first.id },
    });
    const ipcAgain = await handlers['previews:prefer'](session.id, first.id);
    expect(ipcAgain).toEqual({ ok: true, value: viaPut.json.data });
    expect(Object.keys(viaPut.json.data)).toEqual(Object.keys(ipcInfo!));
  });
});

describe('the API status', () => {
  it('Settings and health project the same read model', async () => {
    await setup();
    h.core.diagnostics.record('something failed once');
    await h.request('GET', '/sessions');
    const health = (await h.request('GET', '/health')).json.data;
    const view = await handlers['localApi:status']();
    expect(view.ok).toBe(true);
    const settings = view.ok ? view.value : null;
    expect(Object.keys(health)).toEqual(HEALTH_FIELDS);
    expect(settings).toMatchObject({
      configuredMode: health.configuredMode,
      effectiveMode: health.effectiveMode,
      running: true,
      listeningPort: health.port,
      baseUrl: health.baseUrl,
      docsUrl: health.docsUrl,
      lastError: 'something failed once',
      // Health is counted when it arrives and logged once answered: Settings, asked after, sees both.
      requestCount: health.requestCount,
      recentRequests: [
        { method: 'GET', path: '/api/v1/health', statusCode: 200, at: expect.any(String) },
        ...health.recentRequests,
      ],
    });
    expect(health.lastError).toBe('something failed once');
    const ready = h.server.apiStatus();
    expect(ready.recentRequestsJson()).toBe(JSON.stringify(ready.recentRequests()));
  });

  it('while the API is off, Settings shows the saved port and no requests', async () => {
    await setup();
    const off = await handlers['localApi:setMode']('disabled');
    expect(off).toMatchObject({
      ok: true,
      value: {
        configuredMode: 'disabled',
        running: false,
        listeningPort: null,
        port: 18432,
        baseUrl: 'http://127.0.0.1:18432/api/v1',
        docsUrl: 'http://127.0.0.1:18432/docs',
        requestCount: 0,
        recentRequests: [],
      },
    });
  });
});

describe("a session's project on disk: one rule in the automation service", () => {
  it('no project path: reveal (IPC) and open (IPC and API) answer open_failed with the published message', async () => {
    await setup();
    const session = h.core.sessions.create({ title: 'Pathless' });
    const refused = { code: 'open_failed', message: 'Session project path is unavailable.' };
    expect(await handlers['sessions:reveal'](session.id)).toEqual({
      ok: false,
      error: { ...refused, reason: 'project_unavailable' },
    });
    expect(await handlers['sessions:open'](session.id)).toEqual({
      ok: false,
      error: { ...refused, reason: 'project_unavailable' },
    });
    expect(revealed).toEqual([]);
    // The API's envelope is published as {status, code, message}: the reason stays out of it.
    const viaApi = await h.request('POST', `/sessions/${session.id}/open`);
    expect(viaApi.json).toEqual({ error: { status: 400, ...refused } });
  });

  it('a project that is gone: open says project_unavailable, reveal asks the shell (which finds nothing)', async () => {
    await setup();
    const gone = join(dir, 'Gone.als');
    const session = h.core.sessions.create({ title: 'Moved', projectPath: gone });
    expect(await handlers['sessions:open'](session.id)).toMatchObject({
      ok: false,
      error: { code: 'open_failed', reason: 'project_unavailable' },
    });
    expect(await handlers['sessions:reveal'](session.id)).toEqual({ ok: true, value: { revealed: true } });
    expect(revealed).toEqual([gone]);
  });

  it('an opener that fails is open_failed without the project_unavailable reason', async () => {
    await setup();
    const project = audioFile('Song.als');
    const session = h.core.sessions.create({ title: 'Song', projectPath: project });
    h.opener.failWith = new Error('no app for .als');
    expect(await handlers['sessions:open'](session.id)).toEqual({
      ok: false,
      error: { code: 'open_failed', message: 'No application could open the project.' },
    });
  });

  it('checkPaths: the service validates and probes; the handler only translates', async () => {
    await setup();
    const here = audioFile('Here.als');
    const missing = join(dir, 'Missing.als');
    expect(await h.core.automation.checkPaths([here, missing, here])).toEqual({
      [here]: true,
      [missing]: false,
    });
    expect(await handlers['sessions:checkPaths']([here, missing])).toEqual({
      ok: true,
      value: { [here]: true, [missing]: false },
    });
    const rule = { code: 'invalid_input', message: 'paths must be an array of at most 1000 strings' };
    expect(MAX_CHECKED_PATHS).toBe(1000);
    const atLimit = Array.from({ length: MAX_CHECKED_PATHS }, (_, n) => join(dir, `p${n}`));
    expect(await handlers['sessions:checkPaths'](atLimit)).toMatchObject({ ok: true });
    for (const bad of ['nope', [here, 5], [...atLimit, here], null]) {
      expect(await handlers['sessions:checkPaths'](bad as string[])).toEqual({ ok: false, error: rule });
      await expect(h.core.automation.checkPaths(bad)).rejects.toMatchObject(rule);
    }
  });
});
