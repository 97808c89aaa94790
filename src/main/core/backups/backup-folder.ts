import { existsSync, mkdirSync, readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  freeBackupName,
  newestFirst,
  parseBackupName,
  partialNameOf,
  type BackupName,
  type BackupReason,
} from './backup-names';
import { BackupProcessError, type BackupJob } from './backup-process';
import { planPrune, type BackupKind } from './prune-rule';

/** A complete backup in the folder, as Settings → Library lists it. */
export interface BackupEntry {
  name: string;
  path: string;
  /** When the backup was started (UTC, to the second). */
  createdAt: string;
  size: number;
  kind: BackupKind;
  /** For a pre-migration backup, the schema version the library had; otherwise null. */
  fromVersion: number | null;
}

/**
 * A partial file untouched for this long belongs to a copy that was killed (a copy in progress
 * writes, or checks, for far less: a million-session library is copied and checked in about a
 * minute). Another SessionDock process may be backing up the same folder, so younger ones stay.
 */
const STALE_PARTIAL_MS = 15 * 60_000;

/** Room left on the disk after a backup: filling it would make the library's own writes fail. */
const FREE_SPACE_MARGIN = 64 * 1024 * 1024;

/** The backups' names in `dir`; none when it is missing or not a folder (that is reported when backing up). */
function backupNames(dir: string): BackupName[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.map(parseBackupName).filter((name): name is BackupName => name !== null);
}

/** The complete backups in `dir`, newest first, each with what the keeping rule keeps it as. */
export function listBackups(dir: string): BackupEntry[] {
  const names = backupNames(dir).sort(newestFirst);
  const { keep } = planPrune(names);
  const entries: BackupEntry[] = [];
  for (const backup of names) {
    const path = join(dir, backup.name);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      continue; // Removed while listing (pruned by another process).
    }
    entries.push({
      name: backup.name,
      path,
      createdAt: backup.at.toISOString(),
      size,
      // A backup the rule would drop but that is still there (its removal failed) is a day's.
      kind: keep.get(backup.name) ?? (backup.reason === 'regular' ? 'daily' : backup.reason),
      fromVersion: backup.fromVersion,
    });
  }
  return entries;
}

/** When the newest backup of the daily and weekly kind was started, or null when there is none. */
export function newestRegularBackupAt(dir: string): Date | null {
  const newest = backupNames(dir)
    .filter((name) => name.reason === 'regular')
    .sort(newestFirst)[0];
  return newest?.at ?? null;
}

/**
 * Prepares the folder for one more backup of `libraryPath`: creates it, removes what killed
 * copies left, makes sure the disk has room, and picks the names. Throws BackupProcessError
 * (with a message fit for the user) when the folder cannot be written or the disk is too full.
 */
export function prepareBackupJob(
  dir: string,
  libraryPath: string,
  reason: BackupReason,
  at: Date,
  fromVersion?: number,
): BackupJob {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new BackupProcessError(`the backups folder ${dir} could not be created: ${describe(error)}`, false);
  }
  removeStalePartials(dir);
  requireFreeSpace(dir, libraryPath);
  const taken = new Set(readdirSync(dir));
  const name = freeBackupName(at, reason, taken, fromVersion);
  return { source: libraryPath, partial: join(dir, partialNameOf(name)), target: join(dir, name) };
}

/** Deletes the backups the keeping rule no longer keeps; returns their names. Never throws. */
export function pruneBackups(dir: string, onError: (name: string, error: unknown) => void): string[] {
  const removed: string[] = [];
  for (const name of planPrune(backupNames(dir)).remove) {
    try {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch (error) {
      onError(name, error);
    }
  }
  return removed;
}

/** A partial copy, or the journal SQLite kept beside it while writing. */
const PARTIAL_FILE = /\.partial(-journal|-wal|-shm)?$/;

/** File times are the system clock's, so they are compared with it (not with an injected clock). */
function removeStalePartials(dir: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('.') || !PARTIAL_FILE.test(name)) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > STALE_PARTIAL_MS) rmSync(path, { force: true });
    } catch {
      // Gone already, or still open elsewhere: the next backup tries again.
    }
  }
}

/** A copy is about as large as the library and its WAL; refuse when it would nearly fill the disk. */
function requireFreeSpace(dir: string, libraryPath: string): void {
  let needed = 0;
  for (const suffix of ['', '-wal']) {
    if (existsSync(libraryPath + suffix)) needed += statSync(libraryPath + suffix).size;
  }
  let free: number;
  try {
    const stats = statfsSync(dir);
    free = stats.bavail * stats.bsize;
  } catch {
    return; // Unknown free space: the copy itself reports a full disk.
  }
  if (free < needed + FREE_SPACE_MARGIN) {
    throw new BackupProcessError(
      `not enough free disk space in ${dir}: a backup needs about ${megabytes(needed)} and ` +
        `${megabytes(FREE_SPACE_MARGIN)} to spare, and ${megabytes(free)} is free`,
      false,
    );
  }
}

function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
