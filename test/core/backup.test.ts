import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { backupFileName, backupsDirOf } from '../../src/main/core/backups/backup-names';
import { BackupProcessError, runBackupProcess } from '../../src/main/core/backups/backup-process';
import { cleanShutdownPath } from '../../src/main/core/db/clean-shutdown';
import { migrate } from '../../src/main/core/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/core/db/migrations';
import { createCore, LIBRARY_FILE_NAME, type Core } from '../../src/main/core/create-core';
import { FakeClock } from '../helpers/temp-core';
import { integrityCheckOf, makeTempDir, removeTempDirs, userVersion } from '../helpers/library-files';
import { breakIndexEntry, libraryWithSessions, titleIndexLeafPages } from './library-damage';

const HOUR = 3_600_000;
const cores: Core[] = [];

afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  removeTempDirs();
});

function openCore(dataDir: string, clock = new FakeClock('2026-12-04T19:30:00.000Z')): Core {
  const core = createCore({
    dataDir,
    clock,
    automaticBackups: null,
    backgroundCheckDelayMs: null,
    projectReader: null,
    peaksSource: null,
  });
  cores.push(core);
  return core;
}

/** A data folder whose library holds `count` sessions, and a core on it. */
function coreWithSessions(count: number, clock?: FakeClock): { core: Core; dataDir: string; ids: string[] } {
  const dataDir = join(makeTempDir('sessiondock-backup-'), 'data');
  mkdirSync(dataDir);
  const core = openCore(dataDir, clock);
  const ids = Array.from(
    { length: count },
    (_, i) => core.sessions.create({ title: `Take ${i}`, tags: ['mix'] }).id,
  );
  return { core, dataDir, ids };
}

function sessionIdsIn(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id FROM sessions ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('backing up the library', () => {
  it('"Back up now" writes a checked, self-contained copy named by its time, and lists it', async () => {
    const { core, dataDir, ids } = coreWithSessions(3);
    const entry = await core.backups.backUp('manual');
    const dir = backupsDirOf(dataDir);

    expect(entry).toMatchObject({
      name: 'library-2026-12-04T19-30-00Z.sqlite',
      path: join(dir, 'library-2026-12-04T19-30-00Z.sqlite'),
      createdAt: '2026-12-04T19:30:00.000Z',
      kind: 'daily',
      fromVersion: null,
    });
    // One file, nothing beside it: a rollback-journal database (header bytes 18-19 are 1, not WAL's 2).
    expect(filesIn(dir)).toEqual([entry.name]);
    expect([...readFileSync(entry.path).subarray(18, 20)]).toEqual([1, 1]);
    expect(entry.size).toBe(readFileSync(entry.path).length);
    expect(integrityCheckOf(entry.path)).toEqual(['ok']);
    expect(sessionIdsIn(entry.path)).toEqual([...ids].sort());
    expect(core.backups.list()).toEqual([entry]);
    expect(core.backups.status()).toEqual({ running: false, newest: entry, lastFailure: null });
  });

  it('includes writes committed while the copy runs up to its snapshot, and the app keeps writing', async () => {
    const { core } = coreWithSessions(50);
    const during = core.backups.backUp('manual');
    expect(core.backups.status().running).toBe(true);
    const written = core.sessions.create({ title: 'Written during the backup' });
    const entry = await during;
    expect(integrityCheckOf(entry.path)).toEqual(['ok']);
    expect(core.sessions.get(written.id).title).toBe('Written during the backup');
    expect(sessionIdsIn(entry.path).length).toBeGreaterThanOrEqual(50);
  });

  it('runs one backup at a time: "Back up now" twice at once is one backup', async () => {
    const { core, dataDir } = coreWithSessions(2);
    const [first, second] = await Promise.all([core.backups.backUp('manual'), core.backups.backUp('manual')]);
    expect(second).toEqual(first);
    expect(filesIn(backupsDirOf(dataDir))).toEqual([first.name]);
  });

  it('backs up automatically only when the newest daily backup is older than 24 h, and not an empty library', async () => {
    const clock = new FakeClock('2026-12-04T08:00:00.000Z', 0);
    const empty = join(makeTempDir('sessiondock-backup-'), 'data');
    expect(await openCore(empty, clock).backups.backUpIfDue()).toBeNull();
    expect(filesIn(backupsDirOf(empty))).toEqual([]);

    const { core } = coreWithSessions(1, clock);
    const first = await core.backups.backUpIfDue();
    expect(first?.name).toBe('library-2026-12-04T08-00-00Z.sqlite');
    clock.advance(23 * HOUR);
    expect(await core.backups.backUpIfDue()).toBeNull();
    clock.advance(HOUR + 1000);
    const next = await core.backups.backUpIfDue();
    expect(next?.name).toBe('library-2026-12-05T08-00-01Z.sqlite');
    expect(core.backups.list().map((backup) => backup.name)).toEqual([next!.name, first!.name]);
  });

  it('prunes to 7 daily + 4 weekly after each backup', async () => {
    const clock = new FakeClock('2026-11-09T15:00:00.000Z', 0);
    const { core, dataDir } = coreWithSessions(1, clock);
    const first = await core.backups.backUp('manual');
    // Two backups a day for the 40 days before (copies of a real one, under older names).
    const dir = backupsDirOf(dataDir);
    for (let day = 1; day <= 40; day++) {
      for (const hour of [9, 15]) {
        const at = new Date(Date.parse('2026-11-09T00:00:00Z') - day * 24 * HOUR + hour * HOUR);
        copyFileSync(first.path, join(dir, backupFileName(at, 'regular')));
      }
    }
    clock.advance(HOUR);
    await core.backups.backUp('manual');

    const kinds = core.backups.list().map((backup) => `${backup.createdAt.slice(0, 13)} ${backup.kind}`);
    expect(kinds).toEqual([
      '2026-11-09T16 daily',
      '2026-11-08T15 daily',
      '2026-11-07T15 daily',
      '2026-11-06T15 daily',
      '2026-11-05T15 daily',
      '2026-11-04T15 daily',
      '2026-11-03T15 daily',
      // Before the daily window, the newest of each week: Monday 2 November (week 45, whose
      // other days are daily), then the Sundays closing weeks 44, 43 and 42.
      '2026-11-02T15 weekly',
      '2026-11-01T15 weekly',
      '2026-10-25T15 weekly',
      '2026-10-18T15 weekly',
    ]);
    expect(filesIn(dir)).toHaveLength(11);
  });

  it('a failed backup is reported (health lastError, status) and the app goes on', async () => {
    const { core, dataDir } = coreWithSessions(1);
    // A file where the backups folder should be: it cannot be created (even by root).
    writeFileSync(backupsDirOf(dataDir), 'not a folder');

    const failure = await core.backups.backUp('manual').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).message).toMatch(
      /^The library could not be backed up: the backups folder .* could not be created/,
    );
    expect(core.diagnostics.lastError()?.message).toBe((failure as AppError).message);
    expect(core.backups.status().lastFailure?.message).toBe((failure as AppError).message);

    // The automatic one fails the same way, quietly for the caller.
    expect(await core.backups.backUpIfDue()).toBeNull();
    expect(core.diagnostics.lastError()?.message).toMatch(
      /^The automatic backup of the library failed: .*tries again later\.$/,
    );

    const session = core.sessions.create({ title: 'Still writing' });
    expect(core.sessions.get(session.id).title).toBe('Still writing');
    expect(core.backups.list()).toEqual([]);
  });

  it('a library that fails its check is not backed up, and nothing is left named like a backup', async () => {
    const dir = makeTempDir('sessiondock-backup-');
    libraryWithSessions(dir, 600);
    const library = join(dir, LIBRARY_FILE_NAME);
    breakIndexEntry(library, titleIndexLeafPages(dir)[1]!);
    const target = join(dir, 'copy.sqlite');
    const copy = runBackupProcess({ source: library, partial: join(dir, '.copy.sqlite.partial'), target });
    const failure = await copy.done.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BackupProcessError);
    expect((failure as BackupProcessError).damaged).toBe(true);
    expect((failure as BackupProcessError).message).toMatch(/^integrity check: /);
    expect(filesIn(dir).filter((name) => name.includes('copy'))).toEqual([]);
  });

  it('closing the library during a backup stops it, leaves no partial file, and still closes cleanly', async () => {
    const { core, dataDir } = coreWithSessions(200);
    const during = core.backups.backUp('manual').catch((error: unknown) => error);
    core.close();
    expect(await during).toBeInstanceOf(AppError);
    expect(filesIn(backupsDirOf(dataDir)).filter((name) => !/^library-.*\.sqlite$/.test(name))).toEqual([]);
    for (const name of filesIn(backupsDirOf(dataDir))) {
      expect(integrityCheckOf(join(backupsDirOf(dataDir), name))).toEqual(['ok']);
    }
    expect(existsSync(cleanShutdownPath(join(dataDir, LIBRARY_FILE_NAME)))).toBe(true);
    expect(existsSync(join(dataDir, `${LIBRARY_FILE_NAME}-wal`))).toBe(false);
  });
});

describe('the backup before a migration', () => {
  /** A library at schema version `version` holding one session, written the way that version would. */
  function libraryAtVersion(version: number): { dataDir: string; id: string } {
    const dataDir = join(makeTempDir('sessiondock-backup-'), 'data');
    mkdirSync(dataDir);
    const db = new Database(join(dataDir, LIBRARY_FILE_NAME));
    db.pragma('journal_mode = WAL');
    migrate(db, MIGRATIONS.slice(0, version));
    const id = 'session_01jdx0000000000000000000aa';
    db.prepare(
      `INSERT INTO sessions (id, title, title_key, kind, status, accent, created_at, updated_at)
       VALUES (?, 'Old take', 'old take', 'ableton', 'idea', 'violet', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
    ).run(id);
    db.close();
    return { dataDir, id };
  }

  it('copies the library as it was, named with the version it had, before migrating it', () => {
    const from = LATEST_SCHEMA_VERSION - 1;
    const { dataDir, id } = libraryAtVersion(from);
    const core = openCore(dataDir);
    expect(userVersion(core.db)).toBe(LATEST_SCHEMA_VERSION);

    const [backup, ...others] = core.backups.list();
    expect(others).toEqual([]);
    expect(backup).toMatchObject({
      name: `library-2026-12-04T19-30-00Z.pre-migration-v${from}.sqlite`,
      kind: 'pre-migration',
      fromVersion: from,
    });
    const copy = new Database(backup!.path, { readonly: true });
    try {
      expect(userVersion(copy)).toBe(from);
      expect(copy.prepare('SELECT id FROM sessions').pluck().all()).toEqual([id]);
    } finally {
      copy.close();
    }
    expect(core.diagnostics.lastError()).toBeNull();
  });

  it('is not made for a new library, nor for one already at the latest version', () => {
    const dataDir = join(makeTempDir('sessiondock-backup-'), 'data');
    openCore(dataDir).close();
    openCore(dataDir);
    expect(filesIn(backupsDirOf(dataDir))).toEqual([]);
  });

  it('when it fails, the failure is reported and the library is migrated anyway', () => {
    const { dataDir, id } = libraryAtVersion(LATEST_SCHEMA_VERSION - 1);
    writeFileSync(backupsDirOf(dataDir), 'not a folder');
    const core = openCore(dataDir);
    expect(userVersion(core.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(core.sessions.get(id).title).toBe('Old take');
    expect(core.diagnostics.lastError()?.message).toMatch(
      new RegExp(
        `^The library could not be backed up before it was upgraded from schema version ${LATEST_SCHEMA_VERSION - 1}: .*It was upgraded without that backup\\.$`,
      ),
    );
  });
});
