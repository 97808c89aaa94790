// One project, one path: however a script or the window spells a project's path (a trailing
// separator, `.` segments, doubled separators), it is the same project for import duplicates,
// create/patch and the scan's "in library" mark. The rule lives once in src/shared/validation.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../src/main/ipc/handlers';
import { inertShell, startApi, type ApiHarness, type ApiResponse } from '../helpers/api-harness';

let h: ApiHarness;
let dir: string;
afterEach(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A library and a folder holding one Logic project: a bundle, so a folder whose path may end in `/`. */
async function setup(): Promise<string> {
  h = await startApi();
  dir = mkdtempSync(join(tmpdir(), 'sessiondock-paths-'));
  const folder = join(dir, 'Song Project.logicx');
  mkdirSync(join(folder, 'Alternatives'), { recursive: true });
  writeFileSync(join(folder, 'Alternatives', 'ProjectData'), 'project');
  return folder;
}

async function importAndWait(items: { projectPath: string }[]): Promise<ApiResponse> {
  const started = await h.request('POST', '/import', { body: { items } });
  expect(started.status).toBe(202);
  await h.core.imports.whenDone(started.json.data.importId);
  return h.request('GET', `/import/${started.json.data.importId}`);
}

function sessionCount(): number {
  return h.core.sessions.list({ limit: 500 }).meta.total;
}

describe('a project path with a trailing separator is the same project (API over HTTP)', () => {
  it('create stores the one spelling; a later import of either spelling is skipped as already in the library', async () => {
    const folder = await setup();
    const created = await h.request('POST', '/sessions', {
      body: { title: 'Song', projectPath: `${folder}/` },
    });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ projectPath: folder, projectOriginalPath: folder });

    const status = await importAndWait([{ projectPath: `${folder}/` }]);
    expect(status.json.data.items).toEqual([
      {
        projectPath: folder,
        status: 'skipped',
        sessionId: created.json.data.id,
        reason: 'already in the library',
      },
    ]);
    const plain = await importAndWait([{ projectPath: folder }]);
    expect(plain.json.data.items[0]).toMatchObject({ status: 'skipped', sessionId: created.json.data.id });
    expect(sessionCount()).toBe(1);
  });

  it('an import with a trailing separator, imported again without it (and again with it), makes one session', async () => {
    const folder = await setup();
    const first = await importAndWait([{ projectPath: `${folder}/` }]);
    expect(first.json.data.items).toEqual([
      { projectPath: folder, status: 'imported', sessionId: expect.stringMatching(/^session_/) },
    ]);
    const sessionId = first.json.data.items[0].sessionId;
    expect((await h.request('GET', `/sessions/${sessionId}`)).json.data).toMatchObject({
      title: 'Song Project',
      projectPath: folder,
    });

    for (const spelling of [folder, `${folder}/`, `${folder}//`, `${folder}/./`]) {
      const again = await importAndWait([{ projectPath: spelling }]);
      expect(again.json.data.items, spelling).toEqual([
        { projectPath: folder, status: 'skipped', sessionId, reason: 'already in the library' },
      ]);
    }
    expect(sessionCount()).toBe(1);
  });

  it('two spellings in one batch: the second repeats the first', async () => {
    const folder = await setup();
    const status = await importAndWait([{ projectPath: folder }, { projectPath: `${folder}/` }]);
    expect(status.json.data.items.map((item: { status: string }) => item.status)).toEqual([
      'imported',
      'skipped',
    ]);
    expect(status.json.data.items[1].reason).toBe('repeats an earlier item of this import');
    expect(sessionCount()).toBe(1);
  });

  it('patch stores the one spelling too, and the import then finds it', async () => {
    const folder = await setup();
    const created = await h.request('POST', '/sessions', { body: { title: 'Song' } });
    const patched = await h.request('PATCH', `/sessions/${created.json.data.id}`, {
      body: { projectPath: `${folder}///` },
    });
    expect(patched.json.data).toMatchObject({ projectPath: folder, projectOriginalPath: folder });
    const status = await importAndWait([{ projectPath: folder }]);
    expect(status.json.data.items[0]).toMatchObject({ status: 'skipped', sessionId: created.json.data.id });
  });

  it('a path with a .. segment is refused with invalid_input naming the field', async () => {
    const folder = await setup();
    const refused = await h.request('POST', '/sessions', {
      body: { title: 'Song', projectPath: `${folder}/../Song Project.logicx` },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toEqual({
      status: 400,
      code: 'invalid_input',
      message: "projectPath must not contain '..' segments",
    });
    const importRefused = await h.request('POST', '/import', {
      body: { items: [{ projectPath: `${folder}/..` }] },
    });
    expect(importRefused.json.error).toMatchObject({
      code: 'invalid_input',
      message: "items[0].projectPath must not contain '..' segments",
    });
    expect(sessionCount()).toBe(0);
  });
});

describe('the same rule through the window (IPC) and the services', () => {
  it("the window's import skips a project created through the API with a trailing separator", async () => {
    const folder = await setup();
    const handlers = createIpcHandlers(h.core, h.server, inertShell());
    const created = await h.request('POST', '/sessions', {
      body: { title: 'Song', projectPath: `${folder}/` },
    });

    const scanned = await handlers['import:scanFolder'](`${dir}/`);
    expect(scanned).toMatchObject({
      ok: true,
      value: { root: dir, projects: [{ path: folder, inLibrary: true }] },
    });

    const started = await handlers['import:start']({ items: [{ projectPath: `${folder}/` }] });
    const importId = started.ok ? started.value.importId : '';
    await h.core.imports.whenDone(importId);
    const status = await handlers['import:status'](importId);
    expect(status).toMatchObject({
      ok: true,
      value: { items: [{ status: 'skipped', sessionId: created.json.data.id }] },
    });
    expect(sessionCount()).toBe(1);
  });

  it('services: create, patch, the duplicate lookup and the scan agree on one spelling', async () => {
    const folder = await setup();
    const { sessions, folderScan } = h.core;
    const session = sessions.create({ title: 'Song', projectPath: `${folder}/.//` });
    expect(session.projectPath).toBe(folder);
    expect(sessions.findIdByProjectPath(`${folder}/`)).toBe(session.id);
    expect(sessions.findIdByProjectPath(folder)).toBe(session.id);
    expect((await folderScan.scan(dir)).projects).toMatchObject([{ path: folder, inLibrary: true }]);

    sessions.patch(session.id, { projectPath: null });
    expect((await folderScan.scan(dir)).projects).toMatchObject([{ path: folder, inLibrary: false }]);
    expect(sessions.patch(session.id, { projectPath: `${folder}/` }).projectPath).toBe(folder);
    expect((await folderScan.scan(`${dir}/`)).projects).toMatchObject([{ path: folder, inLibrary: true }]);
  });
});
