import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LIBRARY_FILE_NAME } from '../create-core';
import type { BackupEntry } from './backup-folder';
import { backupsDirOf } from './backup-names';
import { makeBackup } from './make-backup';

/**
 * Headless `--backup-now`: backs up the library of `dataDir` without opening it as the app does
 * (no migration, no background work), so it also runs beside a SessionDock using the library, and
 * on a library from a newer SessionDock. Rejects with a message fit for the user.
 */
export async function backUpDataDir(dataDir: string, now: Date): Promise<BackupEntry> {
  const libraryPath = join(dataDir, LIBRARY_FILE_NAME);
  if (!existsSync(libraryPath)) throw new Error(`there is no library (${LIBRARY_FILE_NAME}) in ${dataDir}`);
  return makeBackup(libraryPath, backupsDirOf(dataDir), 'regular', now, { holdProcess: true });
}
