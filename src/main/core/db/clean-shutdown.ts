import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/**
 * The clean-shutdown record: `<library>.closed-cleanly`, written after the library connection
 * closed cleanly (WAL checkpointed) and removed before the library is opened for writing. So it
 * exists only between a clean close and the next open, and its absence means "this library may
 * have been left mid-write (killed, crashed, power lost), or came from elsewhere": the next open
 * then pays the full integrity check before serving. It holds the file's size at close, so a
 * library replaced or truncated while closed is checked too.
 *
 * Kept outside the database on purpose: reading it costs no SQLite open, it cannot be lost to the
 * damage it is about, and it needs no schema change.
 */
export const CLEAN_SHUTDOWN_SUFFIX = '.closed-cleanly';

interface CleanShutdownRecord {
  closedAt: string;
  size: number;
}

export function cleanShutdownPath(libraryPath: string): string {
  return libraryPath + CLEAN_SHUTDOWN_SUFFIX;
}

/** True when the library was closed cleanly and is, by size, the file that was closed. */
export function closedCleanly(libraryPath: string): boolean {
  const marker = cleanShutdownPath(libraryPath);
  if (!existsSync(marker) || !existsSync(libraryPath)) return false;
  try {
    const record = JSON.parse(readFileSync(marker, 'utf8')) as Partial<CleanShutdownRecord>;
    return typeof record.size === 'number' && record.size === statSync(libraryPath).size;
  } catch {
    return false;
  }
}

/**
 * Removes the record before the library is written to, durably (the folder is synced), so a
 * crash from now on is seen as one even after a power loss.
 */
export function clearCleanShutdown(libraryPath: string): void {
  const marker = cleanShutdownPath(libraryPath);
  if (!existsSync(marker)) return;
  rmSync(marker, { force: true });
  syncFolder(dirname(marker));
}

/** Writes the record once the library connection has closed; fsynced so it survives a power loss. */
export function recordCleanShutdown(libraryPath: string, at: Date): void {
  const record: CleanShutdownRecord = { closedAt: at.toISOString(), size: statSync(libraryPath).size };
  const fd = openSync(cleanShutdownPath(libraryPath), 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a removal in `dir` durable. Windows cannot open a folder for syncing; NTFS journals it. */
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
