import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import Database, { type Database as Db } from 'better-sqlite3';
import { clearCleanShutdown, closedCleanly } from './clean-shutdown';
import { LibraryTooNewError, migrate, schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations';

export interface LibraryProblem {
  message: string;
  /**
   * Where the damaged file was moved; it is never deleted. Null when the damage was found while
   * the library was already open (the background check): the file then stays in place, read-only,
   * and is moved aside at the next start.
   */
  movedTo: string | null;
}

/**
 * How the library was checked on the way to serving:
 * - `new`: there was no library (or an empty file): nothing to check;
 * - `before-serving`: the last close was not clean (or unknown): the full integrity check ran first;
 * - `deferred`: closed cleanly last time: only the header, the schema version and the tables read
 *   at start were checked; the full check is the caller's to run in the background.
 */
export type StartupCheck = 'new' | 'before-serving' | 'deferred';

export interface OpenedLibrary {
  db: Db;
  /** Set when the previous library was damaged and a fresh one was created in its place. */
  problem: LibraryProblem | null;
  check: StartupCheck;
}

export interface OpenLibraryOptions {
  /** Run the full integrity check before serving even after a clean shutdown. */
  alwaysCheck?: boolean;
  /**
   * Called with the library's schema version just before an existing library is migrated (open,
   * checked, nothing served yet): the core backs it up here. Not called for a new library.
   */
  beforeMigration?: (fromVersion: number) => void;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Tables read while the core is built, before anything is served: checked (cheaply: they are
 * small) even when the full check is deferred, so damage there is handled like damage at start.
 */
const READ_AT_START = ['settings'];

/**
 * Opens (or creates) the library at `path`, checks it, and migrates it.
 * A file that is not a database, or fails the check, is moved aside as
 * `<name>.corrupt-<timestamp>` together with its WAL, and a fresh library takes its place.
 * The check is `integrity_check` (O(size)) only when the last close was not clean (see
 * clean-shutdown.ts); after a clean close it covers the header, the schema and the tables read at
 * start, and the full check is left to the caller (`check: 'deferred'`).
 * A library from a newer SessionDock is refused with LibraryTooNewError and left untouched, and
 * a migration that fails is thrown as is: neither is damage.
 */
export function openLibrary(
  path: string,
  now: () => Date = () => new Date(),
  options: OpenLibraryOptions = {},
): OpenedLibrary {
  const full = options.alwaysCheck === true || !closedCleanly(path);
  const checked = existsSync(path) ? checkExisting(path, full) : { db: null, damage: null };
  if (checked.db) {
    const fromVersion = schemaVersion(checked.db);
    if (fromVersion > 0 && fromVersion < LATEST_SCHEMA_VERSION) options.beforeMigration?.(fromVersion);
    migrate(checked.db);
    return { db: checked.db, problem: null, check: full ? 'before-serving' : 'deferred' };
  }
  const movedTo = checked.damage ? moveAside(path, now()) : null;
  clearCleanShutdown(path);
  const db = new Database(path);
  configure(db);
  migrate(db);
  if (!movedTo) return { db, problem: null, check: 'new' };
  return {
    db,
    problem: {
      message: `The library file was damaged (${checked.damage}). It was moved to ${movedTo} and a new, empty library was created.`,
      movedTo,
    },
    check: 'before-serving',
  };
}

/** Opens an existing file read-write if it is a healthy library this build understands. */
function checkExisting(path: string, full: boolean): { db: Db | null; damage: string | null } {
  // Checked before SQLite touches the file: a read-write connection would replay a WAL beside it
  // into the main file when it closes, changing the very bytes a rescue (or a refusal) must keep.
  const header = headerProblem(path);
  if (header) return { db: null, damage: header };
  const damage = inspectReadOnly(path, full);
  if (damage) return { db: null, damage };
  // From here on the library is written to: a crash must be seen as one at the next start.
  clearCleanShutdown(path);
  const db = new Database(path);
  try {
    configure(db);
    return { db, damage: null };
  } catch (error) {
    db.close();
    return { db: null, damage: describe(error) };
  }
}

/** Version and integrity, on a read-only connection, which never checkpoints or rewrites. */
function inspectReadOnly(path: string, full: boolean): string | null {
  // A read-only connection to a WAL library creates empty -wal/-shm files; remove the ones it made.
  const created = ['-wal', '-shm'].filter((suffix) => !existsSync(path + suffix));
  try {
    return inspect(path, full);
  } finally {
    for (const suffix of created) {
      const file = path + suffix;
      if (existsSync(file) && (suffix === '-shm' || statSync(file).size === 0)) rmSync(file, { force: true });
    }
  }
}

function inspect(path: string, full: boolean): string | null {
  let db: Db;
  try {
    db = new Database(path, { readonly: true });
  } catch (error) {
    return describe(error);
  }
  try {
    const version = schemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) throw new LibraryTooNewError(version, LATEST_SCHEMA_VERSION);
    return full ? integrityProblem(db) : startupProblem(db);
  } catch (error) {
    if (error instanceof LibraryTooNewError) throw error;
    return describe(error);
  } finally {
    db.close();
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** An empty file is a new library; anything else must start with SQLite's magic header. */
function headerProblem(path: string): string | null {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, bytes, 0, bytes.length, 0);
    if (read === 0 || bytes.equals(SQLITE_HEADER)) return null;
    return 'file is not a database: it lacks the SQLite header';
  } finally {
    closeSync(fd);
  }
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function integrityProblem(db: Db): string | null {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return describeIntegrity(rows.map((row) => row.integrity_check));
}

/** `integrity_check`'s rows as a problem, or null for a sound file (the background check shares it). */
export function describeIntegrity(messages: readonly string[]): string | null {
  return messages.length === 1 && messages[0] === 'ok'
    ? null
    : `integrity check: ${messages.slice(0, 3).join('; ')}`;
}

/** The schema and the tables read at start; their size does not grow with the library. */
function startupProblem(db: Db): string | null {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
  for (const table of READ_AT_START.filter((name) => present.has(name))) {
    const rows = db.pragma(`integrity_check(${table})`) as { integrity_check: string }[];
    const problem = describeIntegrity(rows.map((row) => row.integrity_check));
    if (problem) return problem;
  }
  return null;
}

/** Renames the damaged file (and its WAL and journal) to a name no earlier rescue used. */
function moveAside(path: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  let target = `${path}.corrupt-${stamp}`;
  for (let n = 2; [target, ...SIDE_FILES.map((suffix) => target + suffix)].some(existsSync); n++) {
    target = `${path}.corrupt-${stamp}-${n}`;
  }
  renameSync(path, target);
  for (const suffix of SIDE_FILES) {
    if (existsSync(path + suffix)) renameSync(path + suffix, `${target}${suffix}`);
  }
  return target;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
