import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';

/**
 * File-level helpers for tests that open, damage, or inspect the library file directly
 * (migrations, damaged-library recovery, crash safety).
 */

const createdDirs: string[] = [];

/** A fresh temp folder, removed by `removeTempDirs()` (call it from `afterEach`). */
export function makeTempDir(prefix = 'sessiondock-lib-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  createdDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of createdDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Names in `dir` that look like a moved-aside library (`library.sqlite.corrupt-…`). */
export function corruptFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.includes('.corrupt-'))
    .sort();
}

/** The moved-aside libraries themselves in `dir`, without the WAL/SHM/journal files moved with them. */
export function movedAsideLibrariesIn(dir: string): string[] {
  return corruptFilesIn(dir).filter((name) => !/-(wal|shm|journal)$/.test(name));
}

/** `mode & 0o777` of a file or folder. */
export function permissionsOf(path: string): number {
  return statSync(path).mode & 0o777;
}

export interface SchemaObjects {
  tables: string[];
  indexes: string[];
  triggers: string[];
  views: string[];
}

/** The named schema objects in sqlite_master, sorted, without SQLite's own `sqlite_*` ones. */
export function schemaObjects(db: Db): SchemaObjects {
  const rows = db
    .prepare(
      "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .all() as { type: string; name: string }[];
  const of = (type: string): string[] => rows.filter((row) => row.type === type).map((row) => row.name);
  return { tables: of('table'), indexes: of('index'), triggers: of('trigger'), views: of('view') };
}

/** Every sqlite_master row, as comparable text (type, name, table and SQL). */
export function schemaDump(db: Db): string[] {
  return (
    db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all() as object[]
  ).map((row) => JSON.stringify(row));
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Opens `path` with a separate, plain better-sqlite3 connection and returns `integrity_check`'s rows
 * (`['ok']` for a sound file). When SQLite cannot even run the check on a badly damaged file, the
 * error becomes the single row `error: <message>`.
 */
export function integrityCheckOf(path: string): string[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  } catch (error) {
    return [`error: ${error instanceof Error ? error.message : String(error)}`];
  } finally {
    db.close();
  }
}

/** Deterministic pseudo-random bytes (mulberry32), so "garbage" files are the same on every run. */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}
