import { listBackups, prepareBackupJob, pruneBackups, type BackupEntry } from './backup-folder';
import type { BackupReason } from './backup-names';
import {
  removePartialFiles,
  runBackupProcess,
  type RunBackupOptions,
  type RunningBackup,
} from './backup-process';

export interface MakeBackupOptions extends RunBackupOptions {
  /** Called once the copy runs, with the handle that stops it. */
  onStart?: (copy: RunningBackup) => void;
  /** An old backup the keeping rule drops could not be removed (the next backup tries again). */
  onPruneError?: (name: string, error: unknown) => void;
}

/**
 * One backup of `libraryPath` into `backupsDir`, from start to finish: room and names checked,
 * the copy made and checked in a child process, what a failed copy left removed, the folder
 * pruned. Resolves with the complete backup; rejects with why it could not be made.
 */
export async function makeBackup(
  libraryPath: string,
  backupsDir: string,
  reason: BackupReason,
  at: Date,
  options: MakeBackupOptions = {},
): Promise<BackupEntry> {
  const job = prepareBackupJob(backupsDir, libraryPath, reason, at);
  const copy = runBackupProcess(job, options);
  options.onStart?.(copy);
  try {
    await copy.done;
  } catch (error) {
    // A killed copy cannot remove its own partial file.
    removePartialFiles(job.partial);
    throw error;
  }
  pruneBackups(backupsDir, options.onPruneError ?? (() => {}));
  const entry = listBackups(backupsDir).find((backup) => backup.path === job.target);
  if (!entry) throw new Error(`the backup ${job.target} is missing after it was written`);
  return entry;
}
