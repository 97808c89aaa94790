import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { AppError, invalidInput } from '../../../shared/errors';
import type { Core } from '../create-core';
import { clearCleanShutdown, recordCleanShutdown } from '../db/clean-shutdown';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import type { BackupEntry } from './backup-folder';
import {
  BackupProcessError,
  removePartialFiles,
  runBackupProcess,
  type BackupReport,
} from './backup-process';

/** What the shell does around the swap: only it knows what uses the library (API, window, IPC). */
export interface RestoreHost {
  /** Stops everything that uses the library and closes the core (a clean close: no WAL left). */
  closeCore(): Promise<void>;
  /**
   * Opens the library again with everything on it (a new core, the API, the window's handlers)
   * and reloads the window. Called once the core was closed, whether the swap succeeded or not.
   */
  reopenCore(): Promise<void>;
}

export interface RestoreOutcome {
  /** The file the library was restored from. */
  restoredFrom: string;
  /** The library as it was before, kept as a pre-restore backup. */
  previous: BackupEntry;
  /** The restored library's schema version (an older one is migrated when it is reopened). */
  schemaVersion: number;
}

/** The checked copy of the chosen backup waits here, beside the library, until the swap. */
export const STAGING_SUFFIX = '.restoring';

/**
 * Replaces the library with a backup:
 * 1. the backup is copied beside the library (`library.sqlite.restoring`) with SQLite's backup,
 *    and that copy is checked (`integrity_check`, a SessionDock library, a schema version this
 *    build understands) before anything else happens: a damaged or newer backup is refused and
 *    nothing changes; the chosen file itself is only read;
 * 2. the library as it is now is backed up (a pre-restore backup); if that fails, nothing is restored;
 * 3. the host closes the core; the checked copy is renamed over the library in one step (with no
 *    WAL beside it), so at any instant `library.sqlite` is either the old library or the restored
 *    one, whole, even across a crash or power loss;
 * 4. the host opens the library again (migrating an older backup, after backing it up) and
 *    reloads the window.
 */
export async function restoreLibrary(
  core: Pick<Core, 'libraryPath' | 'backups' | 'logger' | 'clock'>,
  source: unknown,
  host: RestoreHost,
): Promise<RestoreOutcome> {
  const from = parseSource(source, core.libraryPath);
  const staging = core.libraryPath + STAGING_SUFFIX;
  const report = await stageCopy(from, staging);
  let previous: BackupEntry;
  try {
    previous = await core.backups.backUp('pre-restore');
  } catch (error) {
    removePartialFiles(staging);
    const why = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'internal_error',
      `Nothing was restored: the current library could not be backed up first. ${why}`,
    );
  }

  await host.closeCore();
  try {
    swapIn(staging, core.libraryPath, core.clock.now());
  } catch (error) {
    removePartialFiles(staging);
    await host.reopenCore();
    throw error instanceof AppError
      ? error
      : new AppError(
          'internal_error',
          `The library could not be replaced (${describe(error)}); it was left as it was.`,
        );
  }
  core.logger.info('library restored', {
    from,
    previous: previous.path,
    schemaVersion: report.schemaVersion,
  });
  await host.reopenCore();
  return { restoredFrom: from, previous, schemaVersion: report.schemaVersion };
}

function parseSource(source: unknown, libraryPath: string): string {
  if (typeof source !== 'string' || source.trim() === '' || !isAbsolute(source)) {
    throw invalidInput('the backup to restore must be given as an absolute path');
  }
  const path = resolve(source);
  if (!existsSync(path) || !statSync(path).isFile()) throw invalidInput(`there is no backup file at ${path}`);
  if (path === resolve(libraryPath)) throw invalidInput('the library cannot be restored from itself');
  return path;
}

/** Copies the backup beside the library and checks the copy; refuses what must not replace it. */
async function stageCopy(from: string, staging: string): Promise<BackupReport> {
  removePartialFiles(staging);
  const partial = `${staging}.partial`;
  let report: BackupReport;
  try {
    report = await runBackupProcess({ source: from, partial, target: staging }).done;
  } catch (error) {
    removePartialFiles(partial);
    if (error instanceof BackupProcessError && error.damaged) {
      throw invalidInput(
        `${from} is damaged or not a SessionDock backup (${error.message}). Nothing was restored.`,
      );
    }
    throw new AppError(
      'internal_error',
      `${from} could not be read for restoring (${describe(error)}). Nothing was restored.`,
    );
  }
  const refusal =
    report.schemaVersion > LATEST_SCHEMA_VERSION
      ? `${from} was written by a newer SessionDock (schema version ${report.schemaVersion}; this version ` +
        `understands up to ${LATEST_SCHEMA_VERSION}). Update SessionDock to restore it. Nothing was restored.`
      : !report.hasSessions || report.schemaVersion === 0
        ? `${from} is not a SessionDock library. Nothing was restored.`
        : null;
  if (refusal) {
    removePartialFiles(staging);
    throw invalidInput(refusal);
  }
  return report;
}

/** Renames the checked copy over the closed library: one atomic step, made durable. */
function swapIn(staging: string, libraryPath: string, now: Date): void {
  const wal = `${libraryPath}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    // Left by a connection that is still open (headless SessionDock on the same folder): its
    // frames would be replayed onto the restored file.
    throw new AppError(
      'internal_error',
      `The library is still open in another SessionDock process (${wal} is in use). Quit it, then restore again; nothing was restored.`,
    );
  }
  for (const suffix of ['-wal', '-shm']) rmSync(libraryPath + suffix, { force: true });
  clearCleanShutdown(libraryPath);
  renameSync(staging, libraryPath);
  syncFolder(dirname(libraryPath));
  // The restored file was checked in full and is closed: the next open need not check it before
  // serving (the background check still runs).
  recordCleanShutdown(libraryPath, now);
}

function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
