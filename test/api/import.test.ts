import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness, type ApiResponse } from '../helpers/api-harness';

let h: ApiHarness;
let dir: string;
afterEach(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function setup(): Promise<void> {
  h = await startApi();
  dir = mkdtempSync(join(tmpdir(), 'sessiondock-import-'));
}

function project(relative: string): string {
  const path = join(dir, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'project');
  return path;
}

async function waitDone(importId: string): Promise<ApiResponse> {
  for (let i = 0; i < 500; i++) {
    const status = await h.request('GET', `/import/${importId}`);
    if (status.json.data.done) return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('import did not finish');
}

describe('POST /api/v1/import', () => {
  it('accepts the published example body, answers 202 at once and reports per-item results', async () => {
    await setup();
    const als = project('Client A/Night Drive/Night Drive.als');
    const rpp = project('Client B/Hook.rpp');
    const unknown = project('Misc/Thing.xyz');
    const typed = project('Misc/Typed.xyz');
    const preview = join(dir, 'Client A/Night Drive/Bounces/Night Drive.wav');
    mkdirSync(join(preview, '..'), { recursive: true });
    writeFileSync(preview, Buffer.alloc(1024));
    h.core.sessions.create({ title: 'Already here', projectPath: rpp });

    const response = await h.request('POST', '/import', {
      body: {
        kind: 'Ableton',
        generatePreviews: false,
        items: [
          { projectPath: als, title: 'Night Drive (final)', previewAudioPath: preview },
          { projectPath: rpp },
          { projectPath: unknown },
          { projectPath: typed, projectType: 'FL Studio' },
          { projectPath: als },
          { projectPath: join(dir, 'gone.flp') },
        ],
      },
    });
    expect(response.status).toBe(202);
    expect(Object.keys(response.json.data)).toEqual([
      'importId',
      'total',
      'completed',
      'failed',
      'skipped',
      'done',
      'durationMs',
      'cancelled',
    ]);
    expect(response.json.data).toMatchObject({
      total: 6,
      done: false,
      importId: expect.stringMatching(/^import_/),
    });

    const done = (await waitDone(response.json.data.importId)).json.data;
    expect(done).toMatchObject({
      total: 6,
      completed: 3,
      skipped: 2,
      failed: 1,
      done: true,
      cancelled: false,
    });
    const [first, second, third, fourth, fifth, sixth] = done.items;
    expect(first).toMatchObject({
      projectPath: als,
      status: 'imported',
      sessionId: expect.stringMatching(/^session_/),
    });
    expect(second).toMatchObject({ status: 'skipped', reason: 'already in the library' });
    expect(third).toMatchObject({ status: 'imported' });
    expect(fourth).toMatchObject({ status: 'imported' });
    expect(fifth).toMatchObject({ status: 'skipped', reason: 'repeats an earlier item of this import' });
    expect(sixth).toMatchObject({ status: 'failed', reason: 'project path does not exist' });

    const night = h.core.sessions.get(first.sessionId);
    expect(night).toMatchObject({ title: 'Night Drive (final)', kind: 'Ableton', previewStatus: 'ready' });
    expect(night.previews).toEqual([
      { id: night.preferredPreviewId, name: 'Night Drive', path: preview, status: 'ready' },
    ]);
    // Kind: projectType, else the extension, else the batch kind; title: the file name.
    expect(h.core.sessions.get(third.sessionId)).toMatchObject({ title: 'Thing', kind: 'Ableton' });
    expect(h.core.sessions.get(fourth.sessionId)).toMatchObject({ title: 'Typed', kind: 'FL Studio' });
  });

  it('answers 202 at once for 5,000 items and shows progress through the status route', async () => {
    await setup();
    const items = Array.from({ length: 5000 }, (_, i) => ({
      projectPath: project(`bulk/p${i}/Song ${i}.als`),
    }));
    const started = await h.request('POST', '/import', { body: { items } });
    expect(started.status).toBe(202);
    expect(started.json.data.done).toBe(false);
    expect(started.json.data.completed).toBeLessThan(5000);

    const seen = new Set<number>();
    let status = started.json.data;
    while (!status.done) {
      status = (await h.request('GET', `/import/${status.importId}`)).json.data;
      seen.add(status.completed);
    }
    expect(status).toMatchObject({ total: 5000, completed: 5000, failed: 0, skipped: 0 });
    // Progress was visible along the way, not only at the end.
    expect([...seen].some((completed) => completed > 0 && completed < 5000)).toBe(true);
    expect((await h.request('GET', '/sessions?q=song&limit=1')).json.meta.total).toBe(5000);

    // Importing the same paths again creates no duplicates.
    const again = await h.request('POST', '/import', { body: { items: items.slice(0, 10) } });
    const repeated = (await waitDone(again.json.data.importId)).json.data;
    expect(repeated).toMatchObject({ completed: 0, skipped: 10 });
  });

  it('refuses bad bodies with invalid_input naming the item, and unknown imports with import_not_found', async () => {
    await setup();
    const cases: [unknown, RegExp][] = [
      [{}, /items must be an array of 1-10,000 objects/],
      [{ items: [] }, /items must be an array/],
      [{ items: [{ projectPath: 'relative.als' }] }, /^items\[0\]\.projectPath must be an absolute path/],
      [
        { items: [{ projectPath: '/a.als', projectType: 'Garage' }] },
        /^items\[0\]\.projectType must be one of/,
      ],
      [{ items: [{ projectPath: '/a.als', extra: 1 }] }, /unknown items\[0\] field: extra/],
      [{ items: [{ projectPath: '/a.als' }], kind: 'Nope' }, /^kind must be one of/],
      [
        { items: [{ projectPath: '/a.als' }], generatePreviews: 'yes' },
        /generatePreviews must be true or false/,
      ],
    ];
    for (const [body, message] of cases) {
      const response = await h.request('POST', '/import', { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json.error.code).toBe('invalid_input');
      expect(response.json.error.message).toMatch(message);
    }
    expect((await h.request('GET', '/import/import_nope')).json.error).toEqual({
      status: 404,
      code: 'import_not_found',
      message: 'import not found',
    });
    // The import route takes bodies up to 16 MiB (other routes 1 MiB).
    const big = { items: [{ projectPath: '/a.als', title: 'x' }], pad: 'x'.repeat(2 * 1024 * 1024) };
    expect((await h.request('POST', '/import', { body: big })).json.error.code).toBe('invalid_input');
    const tooBig = { items: [{ projectPath: '/a.als' }], pad: 'x'.repeat(17 * 1024 * 1024) };
    const refused = await h.request('POST', '/import', { body: tooBig });
    expect(refused.status).toBe(413);
    expect(refused.json.error).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'Request body must be at most 16 MiB.',
    });
  });

  it('can be cancelled: items not reached fail as cancelled', async () => {
    await setup();
    const items = Array.from({ length: 3000 }, (_, i) => ({ projectPath: project(`c/p${i}.als`) }));
    const started = await h.request('POST', '/import', { body: { items } });
    await h.request('POST', `/import/${started.json.data.importId}/cancel`);
    const done = (await waitDone(started.json.data.importId)).json.data;
    expect(done.cancelled).toBe(true);
    expect(done.completed).toBeLessThan(3000);
    expect(done.completed + done.failed).toBe(3000);
    expect(done.items.at(-1)).toMatchObject({ status: 'failed', reason: 'import cancelled' });
  });
});
