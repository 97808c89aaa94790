import { existsSync, statSync } from 'node:fs';
import type { LibraryView } from '../../../shared/ipc';
import type { Core } from '../create-core';

/** Settings → Library as the window shows it. */
export function libraryView(core: Pick<Core, 'dataDir' | 'libraryPath' | 'backups'>): LibraryView {
  const status = core.backups.status();
  return {
    dataDir: core.dataDir,
    libraryPath: core.libraryPath,
    librarySize: sizeOf(core.libraryPath) + sizeOf(`${core.libraryPath}-wal`),
    backupsDir: core.backups.backupsDir,
    backups: core.backups.list(),
    backupRunning: status.running,
    lastBackupFailure: status.lastFailure,
  };
}

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}
