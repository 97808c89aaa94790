import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { backupsDirOf } from '../../src/main/core/backups/backup-names';
import { restoreLibrary, type RestoreHost } from '../../src/main/core/backups/restore-library';
import { closedCleanly } from '../../src/main/core/db/clean-shutdown';
import { migrate } from '../../src/main/core/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/core/db/migrations';
import { createCore, LIBRARY_FILE_NAME, type Core } from '../../src/main/core/create-core';
import { FakeClock } from '../helpers/temp-core';
import {
  integrityCheckOf,
  makeTempDir,
  pseudoRandomBytes,
  removeTempDirs,
  sha256File,
  userVersion,
} from '../helpers/library-files';
import { breakIndexEntry, libraryWithSessions, titleIndexLeafPages } from './library-damage';

/** The shell's part, as a test plays it: close the core, and open a new one on the same folder. */
class TestHost implements RestoreHost {
  core: Core;
  closes = 0;
  reopens = 0;

  constructor(
    readonly dataDir: string,
    readonly clock = new FakeClock('2026-12-04T19:30:00.000Z', 1000),
  ) {
    this.core = this.open();
  }

  open(): Core {
    return createCore({
      dataDir: this.dataDir,
      clock: this.clock,
      automaticBackups: null,
      backgroundCheckDelayMs: null,
      projectReader: null,
      peaksSource: null,
    });
  }

  async closeCore(): Promise<void> {
    this.closes++;
    this.core.close();
  }

  async reopenCore(): Promise<void> {
    this.reopens++;
    this.core = this.open();
  }

  titles(): string[] {
    return this.core.sessions
      .list({ limit: 500, sort: 'title' })
      .data.map((session) => session.title)
      .sort();
  }
}

const hosts: TestHost[] = [];

afterEach(() => {
  for (const host of hosts.splice(0)) host.core.close();
  removeTempDirs();
});

function newHost(titles: string[] = []): TestHost {
  const dataDir = join(makeTempDir('sessiondock-restore-'), 'data');
  mkdirSync(dataDir);
  const host = new TestHost(dataDir);
  hosts.push(host);
  for (const title of titles) host.core.sessions.create({ title, tags: ['restore'] });
  return host;
}

function titlesIn(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT title FROM sessions').pluck().all() as string[]).sort();
  } finally {
    db.close();
  }
}

/** Expects the restore to be refused with `code` and a message matching `message`, nothing changed. */
async function expectRefused(
  host: TestHost,
  source: string,
  message: RegExp,
  code = 'invalid_input',
): Promise<void> {
  const before = host.titles();
  const backupsBefore = host.core.backups.list();
  const error = await restoreLibrary(host.core, source, host).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
  expect(host.closes, 'the library was never closed').toBe(0);
  expect(host.titles()).toEqual(before);
  expect(host.core.backups.list()).toEqual(backupsBefore);
  expect(readdirSync(host.dataDir).filter((name) => name.includes('.restoring'))).toEqual([]);
}

describe('restoring the library from a backup', () => {
  it('replaces the library with the backup, after backing up the current one, and reopens it', async () => {
    const host = newHost(['Alpha', 'Bravo']);
    const backup = await host.core.backups.backUp('manual');
    host.core.sessions.create({ title: 'Charlie' });
    const alpha = host.core.sessions.list({ q: 'Alpha' }).data[0]!;
    host.core.sessions.delete(alpha.id);

    const outcome = await restoreLibrary(host.core, backup.path, host);

    expect(host.closes).toBe(1);
    expect(host.reopens).toBe(1);
    expect(host.titles()).toEqual(['Alpha', 'Bravo']);
    expect(host.core.sessions.get(alpha.id).tags).toEqual(['restore']);
    expect(outcome.restoredFrom).toBe(backup.path);
    expect(outcome.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(outcome.previous.kind).toBe('pre-restore');
    expect(titlesIn(outcome.previous.path)).toEqual(['Bravo', 'Charlie']);
    // The restored library is the app's again: WAL, sound, writable; the backup it came from is untouched.
    expect(host.core.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(host.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(host.core.sessions.create({ title: 'Delta' }).title).toBe('Delta');
    expect(titlesIn(backup.path)).toEqual(['Alpha', 'Bravo']);
    expect(readdirSync(host.dataDir).filter((name) => name.includes('.restoring'))).toEqual([]);
    expect(host.core.backups.list().map((entry) => entry.kind)).toEqual(['pre-restore', 'daily']);
  });

  it('marks the restored file closed cleanly (it was checked in full), so it is served at once', async () => {
    const host = newHost(['Alpha']);
    const backup = await host.core.backups.backUp('manual');
    const libraryPath = host.core.libraryPath;
    let checkedBeforeReopen: boolean | null = null;
    await restoreLibrary(host.core, backup.path, {
      closeCore: () => host.closeCore(),
      reopenCore: async () => {
        checkedBeforeReopen = closedCleanly(libraryPath);
        await host.reopenCore();
      },
    });
    expect(checkedBeforeReopen).toBe(true);
    expect(host.core.libraryCheck.atStart).toBe('deferred');
  });

  it('removes the checked copy a restore cut short before its swap left beside the library', async () => {
    const host = newHost(['Alpha']);
    const backup = await host.core.backups.backUp('manual');
    host.core.close();
    copyFileSync(backup.path, `${host.core.libraryPath}.restoring`);
    writeFileSync(`${host.core.libraryPath}.restoring.partial`, 'half a copy');
    host.core = host.open();
    expect(readdirSync(host.dataDir).filter((name) => name.includes('.restoring'))).toEqual([]);
    expect(host.titles()).toEqual(['Alpha']);
  });

  it('only reads the chosen file, wherever it is', async () => {
    const host = newHost(['Alpha']);
    const backup = await host.core.backups.backUp('manual');
    const elsewhere = join(makeTempDir('sessiondock-restore-source-'), 'my copy.sqlite');
    copyFileSync(backup.path, elsewhere);
    const bytes = sha256File(elsewhere);
    host.core.sessions.create({ title: 'Bravo' });
    await restoreLibrary(host.core, elsewhere, host);
    expect(host.titles()).toEqual(['Alpha']);
    expect(sha256File(elsewhere)).toBe(bytes);
    expect(readdirSync(join(elsewhere, '..'))).toEqual(['my copy.sqlite']);
  });

  it('restores a backup from an older SessionDock: migrated when reopened, after its own backup', async () => {
    const host = newHost(['Bravo']);
    const older = join(makeTempDir('sessiondock-restore-source-'), 'older.sqlite');
    const db = new Database(older);
    migrate(db, MIGRATIONS.slice(0, LATEST_SCHEMA_VERSION - 1));
    db.prepare(
      `INSERT INTO sessions (id, title, title_key, kind, status, accent, created_at, updated_at)
       VALUES ('session_01jdx0000000000000000000aa', 'Alpha', 'alpha', 'ableton', 'idea', 'violet',
         '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
    ).run();
    db.close();

    const outcome = await restoreLibrary(host.core, older, host);
    expect(outcome.schemaVersion).toBe(LATEST_SCHEMA_VERSION - 1);
    expect(userVersion(host.core.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(host.titles()).toEqual(['Alpha']);
    expect(host.core.backups.list().map((entry) => entry.kind)).toContain('pre-migration');
  });

  it('refuses a damaged backup before changing anything', async () => {
    const host = newHost(['Alpha']);
    const dir = makeTempDir('sessiondock-restore-damaged-');
    libraryWithSessions(dir, 600);
    const damaged = join(dir, LIBRARY_FILE_NAME);
    breakIndexEntry(damaged, titleIndexLeafPages(dir)[1]!);
    await expectRefused(
      host,
      damaged,
      /is damaged or not a SessionDock backup \(integrity check: .*\)\. Nothing was restored\.$/,
    );
  });

  it('refuses a file that is not a database, or not a SessionDock library', async () => {
    const host = newHost(['Alpha']);
    const dir = makeTempDir('sessiondock-restore-other-');
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, pseudoRandomBytes(64 * 1024, 7));
    await expectRefused(host, garbage, /is damaged or not a SessionDock backup/);

    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    db.pragma('user_version = 3');
    db.close();
    await expectRefused(host, other, /other\.sqlite is not a SessionDock library\. Nothing was restored\.$/);

    await expectRefused(host, join(dir, 'missing.sqlite'), /^there is no backup file at /);
    await expectRefused(host, 'relative/backup.sqlite', /absolute path/);
    await expectRefused(host, host.core.libraryPath, /cannot be restored from itself/);
  });

  it('refuses a backup from a newer SessionDock', async () => {
    const host = newHost(['Alpha']);
    const backup = await host.core.backups.backUp('manual');
    const newer = join(makeTempDir('sessiondock-restore-newer-'), 'newer.sqlite');
    copyFileSync(backup.path, newer);
    const db = new Database(newer);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    await expectRefused(
      host,
      newer,
      new RegExp(
        `written by a newer SessionDock \\(schema version ${LATEST_SCHEMA_VERSION + 1}; .*Nothing was restored\\.$`,
      ),
    );
  });

  it('restores nothing when the current library cannot be backed up first', async () => {
    const host = newHost(['Alpha']);
    const backup = await host.core.backups.backUp('manual');
    const elsewhere = join(makeTempDir('sessiondock-restore-source-'), 'backup.sqlite');
    copyFileSync(backup.path, elsewhere);
    host.core.sessions.create({ title: 'Bravo' });
    const backups = backupsDirOf(host.dataDir);
    // The backups folder becomes a file: no backup can be written there.
    rmSync(backups, { recursive: true });
    writeFileSync(backups, 'not a folder');
    await expectRefused(
      host,
      elsewhere,
      /^Nothing was restored: the current library could not be backed up first\. /,
      'internal_error',
    );
    expect(host.titles()).toEqual(['Alpha', 'Bravo']);
    expect(integrityCheckOf(host.core.libraryPath)).toEqual(['ok']);
    expect(existsSync(elsewhere)).toBe(true);
  });
});
