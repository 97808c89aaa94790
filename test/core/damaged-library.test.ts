import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/main/core/clock';
import { createCore, LIBRARY_FILE_NAME, type Core } from '../../src/main/core/create-core';
import { TOKEN_FILE_NAME } from '../../src/main/core/auth/token-store';
import { LATEST_SCHEMA_VERSION } from '../../src/main/core/db/migrations';
import {
  corruptFilesIn,
  integrityCheckOf,
  makeTempDir,
  movedAsideLibrariesIn,
  permissionsOf,
  pseudoRandomBytes,
  removeTempDirs,
  schemaObjects,
  userVersion,
} from '../helpers/library-files';
import {
  breakIndexEntry,
  libraryWithSessions,
  overwrite,
  pageSizeOf,
  titleIndexLeafPages,
} from './library-damage';

const TOKEN_FORMAT = /^sdk_[A-Za-z0-9_-]{43}$/;
const START = '2025-03-01T12:00:00.000Z';

const cores: Core[] = [];

afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  removeTempDirs();
});

/** A clock that moves 1 ms per call, so moved-aside names are predictable. */
function steppingClock(start = START): Clock {
  let ms = Date.parse(start);
  return { now: () => new Date(ms++) };
}

function open(dataDir: string, clock: Clock = steppingClock()): Core {
  const core = createCore({ dataDir, clock });
  cores.push(core);
  return core;
}

function closeCore(core: Core): void {
  core.close();
  cores.splice(cores.indexOf(core), 1);
}

/** Checks that the core works on a fresh, empty library: create and list a session. */
function expectFreshWorkingLibrary(core: Core): void {
  expect(userVersion(core.db)).toBe(LATEST_SCHEMA_VERSION);
  expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(core.sessions.list().meta.total).toBe(0);
  const created = core.sessions.create({ title: 'After the rescue', tags: ['fresh'] });
  const listed = core.sessions.list();
  expect(listed.meta.total).toBe(1);
  expect(listed.data.map((session) => session.id)).toEqual([created.id]);
  expect(core.sessions.get(created.id).tags).toEqual(['fresh']);
}

/** The damaged file was renamed (same bytes) next to the library, and the problem was reported. */
function expectMovedAside(core: Core, dir: string, originalBytes: Buffer): string {
  const corrupt = movedAsideLibrariesIn(dir);
  expect(corrupt).toHaveLength(1);
  const name = corrupt[0]!;
  expect(name).toMatch(/^library\.sqlite\.corrupt-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(-\d+)?$/);
  const movedTo = join(dir, name);
  expect(readFileSync(movedTo).equals(originalBytes), 'the moved-aside file has the original bytes').toBe(
    true,
  );

  expect(core.libraryProblem).not.toBeNull();
  expect(core.libraryProblem!.movedTo).toBe(movedTo);
  expect(dirname(core.libraryProblem!.movedTo!)).toBe(dir);
  expect(core.libraryProblem!.message).toContain(movedTo);

  const lastError = core.diagnostics.lastError();
  expect(lastError).not.toBeNull();
  expect(lastError!.message).toContain(movedTo);
  expect(lastError!.message).toMatch(/damaged/);
  expect(Number.isNaN(Date.parse(lastError!.at))).toBe(false);
  return movedTo;
}

describe('a library file that is not a database', () => {
  const garbage: [string, () => Buffer][] = [
    ['64 KiB of random bytes', () => pseudoRandomBytes(64 * 1024, 0x5e55)],
    ['a short text file', () => Buffer.from('hello')],
    ['a text file of a few pages', () => Buffer.from('not a database\n'.repeat(1000))],
  ];

  it.each(garbage)('%s is moved aside with its exact bytes and replaced by a working library', (_, make) => {
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    const bytes = make();
    writeFileSync(path, bytes);

    const core = open(dir);

    const movedTo = expectMovedAside(core, dir, bytes);
    expect(core.libraryProblem!.movedTo).toBe(`${path}.corrupt-2025-03-01T12-00-00-000Z`);
    expect(movedTo).not.toBe(path);
    expect(core.libraryPath).toBe(path);
    expectFreshWorkingLibrary(core);
  });

  it('a valid SQLite header followed by garbage is moved aside too', () => {
    // The first 100 bytes of a real library (so the header parses), then garbage pages.
    const source = makeTempDir();
    libraryWithSessions(source, 1);
    const header = readFileSync(join(source, LIBRARY_FILE_NAME)).subarray(0, 100);
    const bytes = Buffer.concat([header, pseudoRandomBytes(16 * 4096 - 100, 7)]);
    const dir = makeTempDir();
    writeFileSync(join(dir, LIBRARY_FILE_NAME), bytes);

    const core = open(dir);

    expectMovedAside(core, dir, bytes);
    expectFreshWorkingLibrary(core);
  });

  it("a damaged library's WAL, holding committed writes, is moved aside with it, unchanged", () => {
    // A library whose last writes are still in its WAL (not yet checkpointed)...
    const source = makeTempDir();
    const writer = open(source);
    writer.db.pragma('wal_autocheckpoint = 0');
    writer.sessions.create({ title: 'Checkpointed' });
    writer.db.pragma('wal_checkpoint(TRUNCATE)');
    writer.sessions.create({ title: 'Only in the WAL' });
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    copyFileSync(writer.libraryPath, path);
    copyFileSync(`${writer.libraryPath}-wal`, `${path}-wal`);
    closeCore(writer);
    // ...and whose main file then lost its header.
    overwrite(path, 0, Buffer.from('NOT A DATABASE!!'));
    const bytes = readFileSync(path);
    const wal = readFileSync(`${path}-wal`);
    expect(wal.length).toBeGreaterThan(32);

    const core = open(dir);

    const movedTo = expectMovedAside(core, dir, bytes);
    // The WAL is the only copy of the last writes: it must travel with the file, byte for byte.
    expect(existsSync(`${movedTo}-wal`), 'the WAL was moved aside too').toBe(true);
    expect(readFileSync(`${movedTo}-wal`).equals(wal), 'the moved WAL has its original bytes').toBe(true);
    expectFreshWorkingLibrary(core);
  });

  it('a garbage WAL beside a garbage library does not leak into the new library', () => {
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    const bytes = pseudoRandomBytes(8192, 1);
    writeFileSync(path, bytes);
    const wal = pseudoRandomBytes(4096, 2);
    writeFileSync(`${path}-wal`, wal);

    const core = open(dir);

    const movedTo = expectMovedAside(core, dir, bytes);
    expect(readFileSync(`${movedTo}-wal`).equals(wal), 'the WAL was moved aside with its bytes').toBe(true);
    expectFreshWorkingLibrary(core);
  });

  it('the library keeps working after the next start (the rescue happens once)', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, LIBRARY_FILE_NAME), 'hello');
    const first = open(dir);
    const id = first.sessions.create({ title: 'Kept' }).id;
    closeCore(first);

    const second = open(dir);
    expect(second.libraryProblem).toBeNull();
    expect(second.diagnostics.lastError()).toBeNull();
    expect(second.sessions.get(id).title).toBe('Kept');
    expect(movedAsideLibrariesIn(dir)).toHaveLength(1);
  });

  it('two damaged libraries moved aside at the same clock instant are both kept', () => {
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    const frozen: Clock = { now: () => new Date(START) };
    const first = pseudoRandomBytes(4096, 11);
    const second = pseudoRandomBytes(4096, 12);

    writeFileSync(path, first);
    closeCore(open(dir, frozen));
    writeFileSync(path, second);
    const core = open(dir, frozen);

    expect(core.libraryProblem).not.toBeNull();
    // "It is never deleted": the second rescue must not overwrite the first moved-aside file.
    const kept = movedAsideLibrariesIn(dir).map((name) => readFileSync(join(dir, name)));
    expect(kept).toHaveLength(2);
    expect(
      kept.some((bytes) => bytes.equals(first)),
      'the first damaged file is kept',
    ).toBe(true);
    expect(
      kept.some((bytes) => bytes.equals(second)),
      'the second damaged file is kept',
    ).toBe(true);
  });
});

describe('a database that opens but fails integrity_check', () => {
  it('zeroed middle pages (header page intact): moved aside, fresh library, error recorded', () => {
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    libraryWithSessions(dir, 400);
    const size = statSync(path).size;
    const pageSize = pageSizeOf(path);
    const pages = size / pageSize;
    expect(size).toBeGreaterThan(300 * 1024);
    // Zero pages 3..N (1-based) and keep the first two, including the header page.
    overwrite(path, 2 * pageSize, Buffer.alloc((pages - 2) * pageSize));
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    const check = integrityCheckOf(path);
    expect(check).not.toEqual(['ok']);
    const bytes = readFileSync(path);

    const core = open(dir);

    expectMovedAside(core, dir, bytes);
    expect(core.libraryProblem!.message).toMatch(/malformed|integrity/);
    expectFreshWorkingLibrary(core);
  });

  // Changed with the start-up check (db/README.md, "Checking the library"): after a clean
  // shutdown the full check no longer runs before serving. Damage only it can see is found by the
  // background check, and the file is moved aside at the next start instead of at this one.
  it('an index entry that no longer matches its row, after a clean shutdown: served, reported by the background check, moved aside at the next start', async () => {
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    const ids = libraryWithSessions(dir, 400);
    expect(ids).toHaveLength(400);
    const page = titleIndexLeafPages(dir)[1]!;
    breakIndexEntry(path, page);

    const check = integrityCheckOf(path);
    expect(check).not.toEqual(['ok']);
    expect(check.join('\n')).toMatch(/sessions_by_title/);
    const bytes = readFileSync(path);

    const core = createCore({ dataDir: dir, clock: steppingClock(), backgroundCheckDelayMs: 0 });
    cores.push(core);

    // Served without the full check: nothing found, nothing moved, every session readable.
    expect(core.libraryCheck.atStart).toBe('deferred');
    expect(core.libraryProblem).toBeNull();
    expect(core.diagnostics.lastError()).toBeNull();
    expect(corruptFilesIn(dir)).toEqual([]);
    expect(core.sessions.list({ limit: 500 }).meta.total).toBe(400);

    const outcome = await core.libraryCheck.backgroundOutcome();
    expect(outcome?.state).toBe('damaged');
    expect(outcome?.detail).toMatch(/integrity check: .*sessions_by_title/);
    expect(core.libraryProblem!.movedTo).toBeNull();
    expect(core.libraryProblem!.message).toMatch(/damaged \(integrity check: .*sessions_by_title/);
    expect(core.diagnostics.lastError()!.message).toBe(core.libraryProblem!.message);
    // Read-only from now on; the file stays where it is while open.
    expect(core.canWrite()).toBe(false);
    expect(() => core.sessions.create({ title: 'After the damage was found' })).toThrow(/readonly/);
    expect(core.sessions.get(ids[0]!).title).toBe('Take 0000');
    expect(corruptFilesIn(dir)).toEqual([]);
    closeCore(core);
    expect(readFileSync(path).equals(bytes), 'nothing was written to the damaged file').toBe(true);

    const next = open(dir);
    expect(next.libraryCheck.atStart).toBe('before-serving');
    expectMovedAside(next, dir, bytes);
    expect(next.libraryProblem!.message).toMatch(/integrity check: .*sessions_by_title/);
    expectFreshWorkingLibrary(next);
  });

  it('a library failing integrity_check is moved aside with its WAL, both unchanged', () => {
    // A library whose last write is still only in its WAL...
    const source = makeTempDir();
    libraryWithSessions(source, 400);
    const leaves = titleIndexLeafPages(source);
    const writer = open(source);
    writer.db.pragma('wal_autocheckpoint = 0');
    writer.db.pragma('wal_checkpoint(TRUNCATE)');
    // Sorts first, so its index entry lands far from the middle leaf broken below.
    writer.sessions.create({ title: 'AAA last write' });
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    copyFileSync(writer.libraryPath, path);
    copyFileSync(`${writer.libraryPath}-wal`, `${path}-wal`);
    closeCore(writer);
    // ...and a broken index entry in the main file.
    breakIndexEntry(path, leaves[Math.floor(leaves.length / 2)]!);
    const bytes = readFileSync(path);
    const wal = readFileSync(`${path}-wal`);
    expect(wal.length).toBeGreaterThan(32);
    // Confirm the damage on a copy, since opening the file itself would replay and remove the WAL.
    const probe = makeTempDir();
    copyFileSync(path, join(probe, LIBRARY_FILE_NAME));
    copyFileSync(`${path}-wal`, join(probe, `${LIBRARY_FILE_NAME}-wal`));
    expect(integrityCheckOf(join(probe, LIBRARY_FILE_NAME)).join('\n')).toMatch(/sessions_by_title/);

    const core = open(dir);

    const movedTo = expectMovedAside(core, dir, bytes);
    expect(existsSync(`${movedTo}-wal`), 'the WAL was moved aside too').toBe(true);
    expect(readFileSync(`${movedTo}-wal`).equals(wal), 'the moved WAL has its original bytes').toBe(true);
    expectFreshWorkingLibrary(core);
  });
});

describe('a healthy library', () => {
  it('is never moved aside, however often it is opened', () => {
    const dir = makeTempDir();
    const ids = libraryWithSessions(dir, 50);
    for (let round = 0; round < 3; round++) {
      const core = open(dir);
      expect(core.libraryProblem).toBeNull();
      expect(core.diagnostics.lastError()).toBeNull();
      expect(core.sessions.list({ limit: 500 }).meta.total).toBe(50);
      expect(core.sessions.get(ids[49]!).title).toBe('Take 0049');
      closeCore(core);
    }
    expect(corruptFilesIn(dir)).toEqual([]);
  });

  it('a new data dir gets a new library, and nothing is reported', () => {
    const dir = join(makeTempDir(), 'new');
    const core = open(dir);
    expect(core.libraryProblem).toBeNull();
    expect(core.diagnostics.lastError()).toBeNull();
    expect(schemaObjects(core.db).tables).toContain('sessions');
    expect(corruptFilesIn(dir)).toEqual([]);
  });

  it('an empty (zero-byte) file is a valid empty database and is not moved aside', () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, LIBRARY_FILE_NAME), '');
    const core = open(dir);
    expect(core.libraryProblem).toBeNull();
    expect(corruptFilesIn(dir)).toEqual([]);
    expectFreshWorkingLibrary(core);
  });
});

describe('data dir and Local API token', () => {
  it('creates a missing data dir (and its parents) with mode 0700', () => {
    const dir = join(makeTempDir(), 'nested', 'SessionDock');
    open(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(permissionsOf(dir)).toBe(0o700);
  });

  it('tightens an existing, too-open data dir to 0700', () => {
    const dir = join(makeTempDir(), 'existing');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    open(dir);
    expect(permissionsOf(dir)).toBe(0o700);
  });

  it('writes local-api-token with mode 0600, holding sdk_ and 43 base64url characters', () => {
    const dir = makeTempDir();
    const core = open(dir);
    const path = join(dir, TOKEN_FILE_NAME);
    expect(core.token.path).toBe(path);
    expect(permissionsOf(path)).toBe(0o600);
    const stored = readFileSync(path, 'utf8');
    expect(stored.trim()).toMatch(TOKEN_FORMAT);
    expect(stored.trim()).toBe(core.token.current());
    expect(core.token.matches(core.token.current())).toBe(true);
  });

  it('keeps the same token on the next start', () => {
    const dir = makeTempDir();
    const first = open(dir);
    const token = first.token.current();
    closeCore(first);
    const second = open(dir);
    expect(second.token.current()).toBe(token);
    expect(readFileSync(join(dir, TOKEN_FILE_NAME), 'utf8').trim()).toBe(token);
  });

  it('tightens a token file that was left readable by others back to 0600, keeping the token', () => {
    const dir = makeTempDir();
    const token = open(dir).token.current();
    const path = join(dir, TOKEN_FILE_NAME);
    chmodSync(path, 0o644);
    expect(open(dir).token.current()).toBe(token);
    expect(permissionsOf(path)).toBe(0o600);
  });

  it('replaces a malformed token file with a fresh token', () => {
    const dir = makeTempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, TOKEN_FILE_NAME), 'not-a-token\n', { mode: 0o644 });
    const core = open(dir);
    expect(core.token.current()).toMatch(TOKEN_FORMAT);
    expect(readFileSync(join(dir, TOKEN_FILE_NAME), 'utf8').trim()).toBe(core.token.current());
    expect(permissionsOf(join(dir, TOKEN_FILE_NAME))).toBe(0o600);
  });

  it('rotateToken changes the token in memory and in the file, and the old one stops matching', async () => {
    const dir = makeTempDir();
    const core = open(dir);
    const old = core.token.current();
    const events: string[] = [];
    core.events.subscribe((event) => {
      events.push(event.type);
    });

    const next = await core.rotateToken();

    expect(next).toMatch(TOKEN_FORMAT);
    expect(next).not.toBe(old);
    expect(core.token.current()).toBe(next);
    expect(readFileSync(join(dir, TOKEN_FILE_NAME), 'utf8').trim()).toBe(next);
    expect(permissionsOf(join(dir, TOKEN_FILE_NAME))).toBe(0o600);
    expect(core.token.matches(old)).toBe(false);
    expect(core.token.matches(next)).toBe(true);
    expect(events).toEqual(['token.rotated']);
    // No temporary file is left behind.
    expect(readdirSync(dir).filter((name) => name.startsWith(TOKEN_FILE_NAME))).toEqual([TOKEN_FILE_NAME]);
    // And the next start reads the rotated token.
    expect(open(dir).token.current()).toBe(next);
  });

  it('two rotations at once both succeed and leave memory and file agreeing', async () => {
    const dir = makeTempDir();
    const core = open(dir);
    const results = await Promise.allSettled([core.rotateToken(), core.rotateToken()]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(readFileSync(join(dir, TOKEN_FILE_NAME), 'utf8').trim()).toBe(core.token.current());
    expect(existsSync(join(dir, `${TOKEN_FILE_NAME}.${process.pid}.tmp`))).toBe(false);
  });

  it('matches refuses near misses', () => {
    const core = open(makeTempDir());
    const token = core.token.current();
    expect(core.token.matches('')).toBe(false);
    expect(core.token.matches(token.slice(0, -1))).toBe(false);
    expect(core.token.matches(`${token}x`)).toBe(false);
    expect(core.token.matches(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(
      core.token.matches(token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase()),
    ).toBe(false);
  });
});
