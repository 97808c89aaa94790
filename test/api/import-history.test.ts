import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiServer } from '../../src/main/core/api/api-server';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/create-core';
import {
  INTERRUPTED_REASON,
  KEEP_JOBS,
  KEEP_JOBS_DAYS,
  type MixdownFinder,
} from '../../src/main/core/imports/import-service';
import { parseJson } from '../helpers/api-harness';

/**
 * Import status is read from the library: it survives a restart of the core on the same data
 * folder, a job cut off by a quit or a crash is reported as ended (done, its unreached items
 * failed with a reason), and the history is pruned. All over real HTTP.
 */

const ROOT = join(__dirname, '..', '..');
const HOLDER = 'test/core/fixtures/import-holder.ts';
const DAY = 86_400_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Json = any;

interface Api {
  core: Core;
  request(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }>;
  close(): Promise<void>;
}

const dirs: string[] = [];
const open = new Set<Api>();
const children = new Set<ReturnType<typeof spawn>>();

afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  for (const api of open) await api.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sessiondock-import-history-'));
  dirs.push(dir);
  return dir;
}

/** The core and the real API on `dataDir`; closing keeps the folder, so it can be opened again. */
async function openApi(dataDir: string, options: Partial<CoreOptions> = {}): Promise<Api> {
  const core = createCore({
    dataDir,
    backgroundCheckDelayMs: null,
    peaksSource: null,
    findMixdowns: null,
    ...options,
  });
  core.settings.setApiMode('full-automation');
  const server = new ApiServer(core, { portOverride: 0 });
  const port = await server.start();
  let closed = false;
  const api: Api = {
    core,
    async request(method, path, body) {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${core.token.current()}`,
          ...(body !== undefined && { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: parseJson(await response.text()) };
    },
    async close() {
      if (closed) return;
      closed = true;
      open.delete(api);
      await server.stop();
      core.close();
    },
  };
  open.add(api);
  return api;
}

function projects(dir: string, count: number): string[] {
  mkdirSync(join(dir, 'projects'), { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, 'projects', `p${i}.als`);
    writeFileSync(path, 'project');
    return path;
  });
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached within 10 s');
}

/** A mixdown finder that holds every import after its first chunk until released. */
function gate(): { findMixdowns: MixdownFinder; release(): void } {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return {
    findMixdowns: async () => {
      await opened;
      return [];
    },
    release: () => release(),
  };
}

function expectInterrupted(data: Json, total: number, completed: number): void {
  expect(data).toMatchObject({
    total,
    completed,
    failed: total - completed,
    skipped: 0,
    done: true,
    cancelled: false,
  });
  expect(data.items).toHaveLength(total);
  expect(data.items[0]).toMatchObject({ status: 'imported', sessionId: expect.stringMatching(/^session_/) });
  expect(data.items[completed - 1].status).toBe('imported');
  for (const item of data.items.slice(completed))
    expect(item).toEqual({ projectPath: item.projectPath, status: 'failed', reason: INTERRUPTED_REASON });
}

describe('import status across restarts', () => {
  it('answers GET /import/{id} with the same status and per-item results after the core is reopened', async () => {
    const dataDir = join(tempDir(), 'data');
    const [fresh, known] = projects(dirs[0]!, 2);
    const first = await openApi(dataDir);
    first.core.sessions.create({ title: 'Already here', projectPath: known! });
    const started = await first.request('POST', '/import', {
      items: [{ projectPath: fresh }, { projectPath: known }, { projectPath: join(dirs[0]!, 'gone.flp') }],
    });
    expect(started.status).toBe(202);
    const { importId } = started.json.data;
    const before = await until(
      () => first.request('GET', `/import/${importId}`),
      (r) => r.json.data.done,
    );
    expect(before.json.data).toMatchObject({
      total: 3,
      completed: 1,
      skipped: 1,
      failed: 1,
      cancelled: false,
    });
    await first.close();

    const second = await openApi(dataDir);
    const after = await second.request('GET', `/import/${importId}`);
    expect(after.status).toBe(200);
    expect(after.json.data).toEqual(before.json.data);
    expect(after.json.data.items).toEqual([
      { projectPath: fresh, status: 'imported', sessionId: expect.stringMatching(/^session_/) },
      {
        projectPath: known,
        status: 'skipped',
        sessionId: expect.stringMatching(/^session_/),
        reason: 'already in the library',
      },
      { projectPath: join(dirs[0]!, 'gone.flp'), status: 'failed', reason: 'project path does not exist' },
    ]);
    // Cancelling a job that has ended changes nothing.
    const cancel = await second.request('POST', `/import/${importId}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.json.data).toEqual({ ...before.json.data, items: undefined, cancelled: false });
    expect((await second.request('GET', '/import/import_00000000000000000000000000')).json.error.code).toBe(
      'import_not_found',
    );
  });

  it('reports a job cut off by closing the core mid-import as done, its unreached items failed as interrupted', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const paths = projects(dir, 600);
    const held = gate();
    const first = await openApi(dataDir, { findMixdowns: held.findMixdowns });
    const started = await first.request('POST', '/import', {
      generatePreviews: true,
      items: paths.map((projectPath) => ({ projectPath })),
    });
    const { importId } = started.json.data;
    const running = await until(
      () => first.request('GET', `/import/${importId}`),
      (r) => r.json.data.completed > 0,
    );
    expect(running.json.data).toMatchObject({ done: false, completed: 250, failed: 0 });
    expect(running.json.data.items[250].status).toBe('pending');
    await first.close();
    // The held job wakes up after the close: it must stop without writing or throwing.
    held.release();
    await new Promise((resolve) => setTimeout(resolve, 50));

    const second = await openApi(dataDir);
    const after = await second.request('GET', `/import/${importId}`);
    expect(after.status).toBe(200);
    expectInterrupted(after.json.data, 600, 250);
    expect((await second.request('GET', '/sessions?limit=1')).json.meta.total).toBe(250);
    // Nothing is left running: importing the rest now works and skips what was imported.
    const again = await second.request('POST', '/import', {
      items: paths.map((projectPath) => ({ projectPath })),
    });
    const redone = await until(
      () => second.request('GET', `/import/${again.json.data.importId}`),
      (r) => r.json.data.done,
    );
    expect(redone.json.data).toMatchObject({ completed: 350, skipped: 250, failed: 0 });
  });

  it('reports a job whose process was SIGKILLed mid-import the same way at the next start', async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    const list = join(dir, 'list.txt');
    writeFileSync(list, projects(dir, 600).join('\n'));
    const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir, list], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      const guard = setTimeout(
        () => reject(new Error(`holder did not report within 15 s\n${stderr}`)),
        15_000,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (!out.includes('\n')) return;
        clearTimeout(guard);
        resolve(out.split('\n')[0]!);
      });
    });
    const [importId, completed] = line.split(' ');
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    children.delete(child);

    const api = await openApi(dataDir);
    const after = await api.request('GET', `/import/${importId}`);
    expect(after.status).toBe(200);
    expectInterrupted(after.json.data, 600, Number(completed));
    // Settled once, in the library: the next start reads the same answer.
    await api.close();
    const again = await openApi(dataDir);
    expect((await again.request('GET', `/import/${importId}`)).json.data).toEqual(after.json.data);
  });
});

describe('import history is pruned', () => {
  it(`keeps the ${KEEP_JOBS} newest jobs younger than ${KEEP_JOBS_DAYS} days, never a running one`, async () => {
    const dir = tempDir();
    const dataDir = join(dir, 'data');
    let time = Date.parse('2026-03-01T12:00:00.000Z');
    const clock = { now: () => new Date(time++) };
    const first = await openApi(dataDir, { clock });
    const ids: string[] = [];
    for (let i = 0; i < KEEP_JOBS + 2; i++) {
      const started = await first.request('POST', '/import', {
        items: [{ projectPath: join(dir, `gone${i}.als`) }],
      });
      ids.push(started.json.data.importId);
      await first.core.imports.whenDone(started.json.data.importId);
    }
    const statusOf = async (api: Api, id: string): Promise<number> =>
      (await api.request('GET', `/import/${id}`)).status;
    expect(await statusOf(first, ids[0]!)).toBe(404);
    expect(await statusOf(first, ids[1]!)).toBe(404);
    expect(await statusOf(first, ids[2]!)).toBe(200);
    expect(await statusOf(first, ids.at(-1)!)).toBe(200);
    const rows = (api: Api, table: string): number =>
      api.core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    expect(rows(first, 'import_jobs')).toBe(KEEP_JOBS);
    expect(rows(first, 'import_items')).toBe(KEEP_JOBS);
    await first.close();

    // Reopened a month later: the whole history is too old and goes at start.
    time += (KEEP_JOBS_DAYS + 1) * DAY;
    const held = gate();
    const second = await openApi(dataDir, { clock, findMixdowns: held.findMixdowns });
    expect(await statusOf(second, ids.at(-1)!)).toBe(404);
    expect(rows(second, 'import_items')).toBe(0);

    // A job still running when it is that old is kept while it runs.
    const [path] = projects(dir, 1);
    const slow = await second.request('POST', '/import', {
      generatePreviews: true,
      items: [{ projectPath: path }],
    });
    time += (KEEP_JOBS_DAYS + 1) * DAY;
    const next = await second.request('POST', '/import', { items: [{ projectPath: join(dir, 'x.als') }] });
    expect(next.status).toBe(202);
    const stillRunning = await second.request('GET', `/import/${slow.json.data.importId}`);
    expect(stillRunning.status).toBe(200);
    expect(stillRunning.json.data.done).toBe(false);
    held.release();
    expect((await second.core.imports.whenDone(slow.json.data.importId)).completed).toBe(1);
  });
});
