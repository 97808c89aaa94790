import type { Logger } from '../adapters';
import type { Clock } from '../clock';
import type { Diagnostics } from '../diagnostics';
import { listBackups, prepareBackupJob, pruneBackups, type BackupEntry } from './backup-folder';
import { runBackupProcessSync } from './backup-process';

export interface PreMigrationBackups {
  /** For openLibrary's `beforeMigration`: backs the library up as it is, waiting for the copy. */
  backUp(fromVersion: number): void;
  /** The backup made this start, or null. */
  made(): BackupEntry | null;
  /** Reports a failed backup to the core's diagnostics (created after the library opened). */
  reportTo(diagnostics: Diagnostics): void;
}

/**
 * The backup made before a migration. The library is open but serves nothing yet, so the copy is
 * waited for (a 100,000-session library takes a few seconds; migrations of large libraries take
 * longer than their copy). A copy that fails (disk full, a folder that cannot be written) is
 * logged and reported, and the migration goes ahead: every migration runs in its own transaction,
 * so a failing one leaves the library at its version anyway, and the app is never kept from
 * starting by its backups.
 */
export function preMigrationBackups(
  libraryPath: string,
  backupsDir: string,
  clock: Clock,
  logger: Logger,
): PreMigrationBackups {
  let made: BackupEntry | null = null;
  let failure: string | null = null;
  return {
    backUp(fromVersion) {
      try {
        const job = prepareBackupJob(backupsDir, libraryPath, 'pre-migration', clock.now(), fromVersion);
        const report = runBackupProcessSync(job);
        pruneBackups(backupsDir, (name, error) =>
          logger.warn('could not remove an old backup', { name, error: String(error) }),
        );
        made = listBackups(backupsDir).find((backup) => backup.path === job.target) ?? null;
        logger.info('library backed up before its migration', {
          path: job.target,
          fromVersion,
          size: report.size,
          ms: report.totalMs,
        });
      } catch (error) {
        failure =
          `The library could not be backed up before it was upgraded from schema version ${fromVersion}: ` +
          `${error instanceof Error ? error.message : String(error)}. It was upgraded without that backup.`;
        logger.error(failure);
      }
    },
    made: () => made,
    reportTo(diagnostics) {
      if (failure) diagnostics.record(failure);
    },
  };
}
