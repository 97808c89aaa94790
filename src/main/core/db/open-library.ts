import { existsSync, renameSync } from 'node:fs';
import Database, { type Database as Db } from 'better-sqlite3';
import { LibraryTooNewError, migrate, schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations';

export interface LibraryProblem {
  message: string;
  /** Where the damaged file was moved; it is never deleted. */
  movedTo: string;
}

export interface OpenedLibrary {
  db: Db;
  /** Set when the previous library was damaged and a fresh one was created in its place. */
  problem: LibraryProblem | null;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Opens (or creates) the library at `path`, checks it, and migrates it.
 * A file that is not a database, or fails `integrity_check`, is moved aside as
 * `<name>.corrupt-<timestamp>` together with its WAL, and a fresh library takes its place.
 * A library from a newer SessionDock is refused with LibraryTooNewError and left alone.
 */
export function openLibrary(path: string, now: () => Date = () => new Date()): OpenedLibrary {
  const existed = existsSync(path);
  let damage: string | null = null;
  try {
    const db = openAndConfigure(path);
    try {
      if (existed) damage = integrityProblem(db);
      if (!damage) {
        migrate(db);
        return { db, problem: null };
      }
    } catch (error) {
      if (error instanceof LibraryTooNewError) {
        db.close();
        throw error;
      }
      damage = describe(error);
    }
    db.close();
  } catch (error) {
    if (error instanceof LibraryTooNewError) throw error;
    damage = describe(error);
  }

  const movedTo = moveAside(path, now());
  const db = openAndConfigure(path);
  migrate(db);
  return {
    db,
    problem: {
      message: `The library file was damaged (${damage}). It was moved to ${movedTo} and a new, empty library was created.`,
      movedTo,
    },
  };
}

function openAndConfigure(path: string): Db {
  const db = new Database(path);
  try {
    // journal_mode is the first statement that reads the header, so a non-database fails here.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const version = schemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) throw new LibraryTooNewError(version, LATEST_SCHEMA_VERSION);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function integrityProblem(db: Db): string | null {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const messages = rows.map((row) => row.integrity_check);
  return messages.length === 1 && messages[0] === 'ok'
    ? null
    : `integrity check: ${messages.slice(0, 3).join('; ')}`;
}

function moveAside(path: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const target = `${path}.corrupt-${stamp}`;
  renameSync(path, target);
  for (const suffix of SIDE_FILES) {
    if (existsSync(path + suffix)) renameSync(path + suffix, `${target}${suffix}`);
  }
  return target;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
