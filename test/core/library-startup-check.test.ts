import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiServer } from '../../src/main/core/api/api-server';
import { createCore, LIBRARY_FILE_NAME, type Core, type CoreOptions } from '../../src/main/core/create-core';
import { cleanShutdownPath } from '../../src/main/core/db/clean-shutdown';
import type { CoreEvent } from '../../src/main/core/events';
import { corruptFilesIn, makeTempDir, movedAsideLibrariesIn, removeTempDirs } from '../helpers/library-files';
import { breakIndexEntry, libraryWithSessions, titleIndexLeafPages } from './library-damage';

const ROOT = join(__dirname, '..', '..');
const HOLDER = 'test/core/fixtures/hold-library.ts';

const cores: Core[] = [];
const servers: ApiServer[] = [];
const children: ReturnType<typeof spawn>[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const core of cores.splice(0)) core.close();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  removeTempDirs();
});

function open(dataDir: string, options: Partial<CoreOptions> = {}): Core {
  const core = createCore({ dataDir, backgroundCheckDelayMs: 0, ...options });
  cores.push(core);
  return core;
}

function closeCore(core: Core): void {
  core.close();
  cores.splice(cores.indexOf(core), 1);
}

/** A cleanly closed library of 400 sessions with one index entry broken: only integrity_check sees it. */
function libraryWithHiddenDamage(): { dir: string; path: string; bytes: Buffer } {
  const dir = makeTempDir();
  const path = join(dir, LIBRARY_FILE_NAME);
  libraryWithSessions(dir, 400);
  breakIndexEntry(path, titleIndexLeafPages(dir)[1]!);
  return { dir, path, bytes: readFileSync(path) };
}

/** Runs a process that opens the library in `dataDir` (and writes one session), then SIGKILLs it. */
async function killWhileHolding(dataDir: string, write: boolean): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir, ...(write ? ['write'] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) =>
      line === 'open' ? resolve() : reject(new Error(`unexpected line ${line}`)),
    );
    child.once('exit', (code) => reject(new Error(`the holder exited (${code}): ${stderr}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe('the clean-shutdown record', () => {
  it('is written at a clean close with the file size, and removed before the library is served again', () => {
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    const first = open(dir);
    expect(first.libraryCheck.atStart).toBe('new');
    expect(first.libraryCheck.background()).toBeNull();
    first.sessions.create({ title: 'Kept' });
    expect(existsSync(cleanShutdownPath(path)), 'no record while open').toBe(false);
    closeCore(first);

    const record = JSON.parse(readFileSync(cleanShutdownPath(path), 'utf8')) as { size: number };
    expect(record.size).toBe(statSync(path).size);
    expect(existsSync(`${path}-wal`)).toBe(false);

    const second = open(dir, { backgroundCheckDelayMs: 60_000 });
    expect(second.libraryCheck.atStart).toBe('deferred');
    expect(second.libraryCheck.background()).toBe('scheduled');
    expect(existsSync(cleanShutdownPath(path)), 'removed before serving').toBe(false);
    expect(second.sessions.list().meta.total).toBe(1);
  });

  it('a healthy library closed cleanly passes the background check, and is closed cleanly again', async () => {
    const dir = makeTempDir();
    libraryWithSessions(dir, 50);
    const core = open(dir);
    expect(core.libraryCheck.atStart).toBe('deferred');
    expect(await core.libraryCheck.backgroundOutcome()).toEqual({ state: 'ok', detail: null });
    expect(core.libraryProblem).toBeNull();
    expect(core.diagnostics.lastError()).toBeNull();
    expect(core.canWrite()).toBe(true);
    core.sessions.create({ title: 'After the check' });
    closeCore(core);
    expect(existsSync(cleanShutdownPath(join(dir, LIBRARY_FILE_NAME)))).toBe(true);
    expect(open(dir).sessions.list().meta.total).toBe(51);
  });

  const untrusted: [string, (path: string) => void][] = [
    ['has no record (a library copied in, or from before the record existed)', (path) => rmRecord(path)],
    ['changed size while closed', (path) => writeFileSync(path, Buffer.alloc(4096), { flag: 'a' })],
    ['has an unreadable record', (path) => writeFileSync(cleanShutdownPath(path), 'not json')],
  ];

  it.each(untrusted)('a library that %s is checked in full before serving', (_, tamper) => {
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    libraryWithSessions(dir, 20);
    tamper(path);
    const core = open(dir);
    expect(core.libraryCheck.atStart).toBe('before-serving');
    expect(core.libraryCheck.background()).toBeNull();
    expect(core.libraryProblem).toBeNull();
    expect(core.sessions.list().meta.total).toBe(20);
  });
});

function rmRecord(path: string): void {
  renameSync(cleanShutdownPath(path), `${path}.elsewhere`);
}

describe('after a clean shutdown, integrity_check does not run before serving', () => {
  it('damage only the full check sees is served, then found in the background', async () => {
    const { dir } = libraryWithHiddenDamage();
    const core = open(dir, { backgroundCheckDelayMs: 60_000 });
    // Had the full check run on the way here, the file would already be moved aside.
    expect(core.libraryProblem).toBeNull();
    expect(corruptFilesIn(dir)).toEqual([]);
    expect(core.sessions.list({ limit: 10 }).data).toHaveLength(10);
    expect(core.libraryCheck.background()).toBe('scheduled');
    closeCore(core);

    const checked = open(dir);
    expect(checked.libraryCheck.atStart).toBe('deferred');
    expect((await checked.libraryCheck.backgroundOutcome())?.state).toBe('damaged');
  });
});

describe('after an unclean shutdown, the full check runs before serving', () => {
  it('a process killed holding the library: the next open checks first and keeps its committed write', async () => {
    const dir = makeTempDir();
    libraryWithSessions(dir, 30);
    await killWhileHolding(dir, true);
    expect(existsSync(cleanShutdownPath(join(dir, LIBRARY_FILE_NAME)))).toBe(false);

    const core = open(dir);
    expect(core.libraryCheck.atStart).toBe('before-serving');
    expect(core.libraryCheck.background()).toBeNull();
    expect(core.libraryProblem).toBeNull();
    const titles = core.sessions.list({ limit: 100 }).data.map((session) => session.title);
    expect(titles).toHaveLength(31);
    expect(titles).toContain('Written by the killed process');
  });

  it('a process killed holding a library with hidden damage: moved aside before anything is served', async () => {
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    libraryWithSessions(dir, 400);
    const page = titleIndexLeafPages(dir)[1]!;
    await killWhileHolding(dir, false);
    breakIndexEntry(path, page);
    const bytes = readFileSync(path);

    const core = open(dir);

    expect(core.libraryCheck.atStart).toBe('before-serving');
    expect(core.libraryProblem).not.toBeNull();
    expect(core.libraryProblem!.message).toMatch(/integrity check: .*sessions_by_title/);
    const moved = movedAsideLibrariesIn(dir);
    expect(moved).toHaveLength(1);
    expect(core.libraryProblem!.movedTo).toBe(join(dir, moved[0]!));
    expect(readFileSync(join(dir, moved[0]!)).equals(bytes)).toBe(true);
    expect(core.sessions.list().meta.total).toBe(0);
  });
});

describe('damage found by the background check', () => {
  it('is reported at once (health lastError, library problem, an event) and the API turns read-only', async () => {
    const { dir } = libraryWithHiddenDamage();
    const core = open(dir, { backgroundCheckDelayMs: 60_000 });
    const server = new ApiServer(core, { modeOverride: 'full-automation', portOverride: 0 });
    servers.push(server);
    await server.start();
    const headers = { Authorization: `Bearer ${core.token.current()}`, 'Content-Type': 'application/json' };
    const create = (title: string): Promise<Response> =>
      fetch(`${server.baseUrl()}/sessions`, { method: 'POST', headers, body: JSON.stringify({ title }) });
    expect(server.effectiveMode()).toBe('full-automation');
    expect((await create('Before the check')).status).toBe(201);
    await server.stop();
    servers.splice(0);
    closeCore(core);

    const checked = open(dir);
    const checkedServer = new ApiServer(checked, { modeOverride: 'full-automation', portOverride: 0 });
    servers.push(checkedServer);
    await checkedServer.start();
    const events: CoreEvent['type'][] = [];
    checked.events.subscribe((event) => void events.push(event.type));
    expect((await checked.libraryCheck.backgroundOutcome())?.state).toBe('damaged');

    expect(events).toEqual(['settings.changed']);
    expect(checkedServer.effectiveMode()).toBe('read-only');
    const health = (await (
      await fetch(`${checkedServer.baseUrl()}/health`, {
        headers: { Authorization: `Bearer ${checked.token.current()}` },
      })
    ).json()) as { data: { lastError: string | null; effectiveMode: string } };
    expect(health.data.effectiveMode).toBe('read-only');
    expect(health.data.lastError).toBe(checked.libraryProblem!.message);
    expect(health.data.lastError).toMatch(/damaged .*read-only.*moved aside/);
    const refused = await fetch(`${checkedServer.baseUrl()}/sessions`, {
      method: 'POST',
      headers: { ...headers, Authorization: `Bearer ${checked.token.current()}` },
      body: JSON.stringify({ title: 'After the check' }),
    });
    expect(refused.status).toBe(403);
    const listed = await fetch(`${checkedServer.baseUrl()}/sessions?limit=500`, {
      headers: { Authorization: `Bearer ${checked.token.current()}` },
    });
    expect(((await listed.json()) as { meta: { total: number } }).meta.total).toBe(401);
  });

  it('no clean shutdown is recorded for a damaged library, so the next start checks and moves it aside', async () => {
    const { dir, path, bytes } = libraryWithHiddenDamage();
    const core = open(dir);
    expect((await core.libraryCheck.backgroundOutcome())?.state).toBe('damaged');
    closeCore(core);
    expect(existsSync(cleanShutdownPath(path))).toBe(false);
    expect(readFileSync(path).equals(bytes)).toBe(true);

    const next = open(dir);
    expect(next.libraryCheck.atStart).toBe('before-serving');
    expect(next.libraryProblem?.movedTo).toMatch(/library\.sqlite\.corrupt-/);
    expect(readFileSync(next.libraryProblem!.movedTo!).equals(bytes)).toBe(true);
  });
});

describe('the background check itself', () => {
  it('closing while it runs stops it, records a clean shutdown and leaves nothing in a WAL', async () => {
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    libraryWithSessions(dir, 400);
    const core = open(dir);
    core.sessions.create({ title: 'Written while the check runs' });
    while (core.libraryCheck.background() === 'scheduled')
      await new Promise((resolve) => setTimeout(resolve, 1));
    expect(core.libraryCheck.background()).toBe('running');

    closeCore(core);

    expect(await core.libraryCheck.backgroundOutcome()).toEqual({ state: 'stopped', detail: null });
    expect(existsSync(cleanShutdownPath(path))).toBe(true);
    expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0, 'nothing left in the WAL').toBe(0);
    const next = open(dir);
    expect(next.libraryCheck.atStart).toBe('deferred');
    expect(next.sessions.list().meta.total).toBe(401);
  });

  it('a check that cannot run is logged, never taken for damage', async () => {
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    libraryWithSessions(dir, 5);
    const warnings: string[] = [];
    const moved = open(dir, {
      logger: { info() {}, error() {}, warn: (message) => void warnings.push(message) },
    });
    renameSync(path, `${path}.away`);
    const outcome = await moved.libraryCheck.backgroundOutcome();
    expect(outcome?.state).toBe('failed');
    expect(outcome?.detail).toMatch(/SQLITE_CANTOPEN/);
    expect(warnings).toEqual(['library integrity check (background) could not run']);
    expect(moved.libraryProblem).toBeNull();
    expect(moved.canWrite()).toBe(true);
    renameSync(`${path}.away`, path);
  });
});
