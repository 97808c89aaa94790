import { AppError } from '../../../shared/errors';
import type { Logger } from '../adapters';
import type { Clock } from '../clock';
import type { Diagnostics, RecordedError } from '../diagnostics';
import { listBackups, newestRegularBackupAt, type BackupEntry } from './backup-folder';
import type { BackupReason } from './backup-names';
import { removePartialFiles, type RunningBackup } from './backup-process';
import { makeBackup } from './make-backup';
import { STAGING_SUFFIX } from './restore-library';

/** Why a backup is being made: `automatic` at start, `manual` from "Back up now" or headless. */
export type BackupTrigger = 'automatic' | 'manual' | 'pre-restore';

export interface BackupStatus {
  /** A backup is being written now. */
  running: boolean;
  /** The newest complete backup, or null. */
  newest: BackupEntry | null;
  /** Why the last backup attempt failed, or null when it succeeded (or none was tried). */
  lastFailure: RecordedError | null;
}

export interface AutomaticBackups {
  /** How long after start the first check runs (the first requests and rows come first). */
  delayMs: number;
  /** How often it runs again while the app stays open (an app left running for days). */
  intervalMs: number;
}

export interface BackupServiceOptions {
  libraryPath: string;
  backupsDir: string;
  clock: Clock;
  logger: Logger;
  diagnostics: Diagnostics;
  /**
   * Why the library should not be backed up automatically now (damaged, empty), or null. A
   * damaged library would fail its check anyway; an empty one (a new install, or the fresh one
   * made after damage was moved aside) would push a day's good backup out of the daily rule.
   */
  automaticSkipReason: () => string | null;
}

/** A backup is due when the newest daily/weekly one was started longer ago than this. */
export const AUTOMATIC_BACKUP_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The library's backups in `<data dir>/backups/`: made with SQLite's online backup in a child
 * process (backup-process.ts), one at a time, checked before they are named complete, and pruned
 * to 7 daily + 4 weekly (+ the newest 2 pre-migration and 2 pre-restore; prune-rule.ts).
 * A failed backup is reported (health `lastError`, the log, `status().lastFailure`) and never
 * stops the app.
 */
export class BackupService {
  private running: {
    trigger: BackupTrigger;
    promise: Promise<BackupEntry>;
    copy: RunningBackup | null;
  } | null = null;
  /** The daily backup asked for and not finished yet: asking again while it is pending joins it. */
  private pendingRegular: Promise<BackupEntry> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Backups asked for and not finished (running or queued). */
  private pending = 0;
  private lastFailure: RecordedError | null = null;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly options: BackupServiceOptions) {
    // A restore cut short (a crash before the swap) leaves its checked copy beside the library:
    // the library was not replaced, and the copy is of no further use.
    for (const leftover of [
      options.libraryPath + STAGING_SUFFIX,
      `${options.libraryPath}${STAGING_SUFFIX}.partial`,
    ]) {
      try {
        removePartialFiles(leftover);
      } catch (error) {
        options.logger.warn('could not remove what a cut-short restore left', {
          path: leftover,
          error: String(error),
        });
      }
    }
  }

  get backupsDir(): string {
    return this.options.backupsDir;
  }

  /** The complete backups, newest first. */
  list(): BackupEntry[] {
    return listBackups(this.options.backupsDir);
  }

  status(): BackupStatus {
    return { running: this.pending > 0, newest: this.list()[0] ?? null, lastFailure: this.lastFailure };
  }

  /**
   * Makes a backup and resolves with it once it is complete and checked; rejects with an AppError
   * that says why it failed (the failure is reported either way). Backups run one at a time; a
   * daily one asked for while one is being made is that one.
   */
  backUp(trigger: BackupTrigger): Promise<BackupEntry> {
    if (this.stopped) return Promise.reject(new AppError('internal_error', 'The library is closed.'));
    if (trigger !== 'pre-restore' && this.pendingRegular) return this.pendingRegular;
    const next = this.queue.then(() => this.run(trigger));
    this.queue = next.catch(() => {});
    this.pending++;
    const settled = (): void => {
      this.pending--;
    };
    next.then(settled, settled);
    if (trigger !== 'pre-restore') {
      this.pendingRegular = next;
      const forget = (): void => {
        if (this.pendingRegular === next) this.pendingRegular = null;
      };
      next.then(forget, forget);
    }
    return next;
  }

  /** Backs up if the newest daily one is older than a day and the library is worth it. */
  async backUpIfDue(): Promise<BackupEntry | null> {
    if (this.stopped || this.running || this.pendingRegular) return null;
    const newest = newestRegularBackupAt(this.options.backupsDir);
    const now = this.options.clock.now().getTime();
    if (newest && now - newest.getTime() < AUTOMATIC_BACKUP_AGE_MS) return null;
    const skip = this.options.automaticSkipReason();
    if (skip) {
      this.options.logger.info('automatic backup skipped', { reason: skip });
      return null;
    }
    try {
      return await this.backUp('automatic');
    } catch {
      return null; // Reported by run().
    }
  }

  /** Checks for a due backup `delayMs` after now, then every `intervalMs`. Timers never hold the process. */
  startAutomatic(schedule: AutomaticBackups): void {
    const check = (): void => void this.backUpIfDue();
    const first = setTimeout(() => {
      check();
      const again = setInterval(check, schedule.intervalMs);
      again.unref();
      this.timers.push(again);
    }, schedule.delayMs);
    first.unref();
    this.timers.push(first);
  }

  /**
   * Stops everything before the library closes: no more checks, and a copy in progress is killed
   * (its partial file removed). Returns true when a copy was running: its read lock on the
   * library goes with its process a moment later.
   */
  stop(): boolean {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    return this.running?.copy?.stop() ?? false;
  }

  private run(trigger: BackupTrigger): Promise<BackupEntry> {
    const reason: BackupReason = trigger === 'pre-restore' ? 'pre-restore' : 'regular';
    const slot: NonNullable<BackupService['running']> = { trigger, promise: null!, copy: null };
    slot.promise = (async () => {
      if (this.stopped) throw new AppError('internal_error', 'The library is closed.');
      return makeBackup(this.options.libraryPath, this.options.backupsDir, reason, this.options.clock.now(), {
        lowPriority: trigger === 'automatic',
        onStart: (copy) => (slot.copy = copy),
        onPruneError: (name, error) =>
          this.options.logger.warn('could not remove an old backup', { name, error: String(error) }),
      });
    })()
      .then(
        (entry) => {
          this.lastFailure = null;
          this.options.logger.info('library backed up', { trigger, path: entry.path, size: entry.size });
          return entry;
        },
        (error: unknown) => {
          throw this.reportFailure(trigger, error);
        },
      )
      .finally(() => {
        if (this.running === slot) this.running = null;
      });
    this.running = slot;
    return slot.promise;
  }

  private reportFailure(trigger: BackupTrigger, error: unknown): AppError {
    if (error instanceof AppError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    const message =
      trigger === 'automatic'
        ? `The automatic backup of the library failed: ${detail}. SessionDock goes on and tries again later.`
        : `The library could not be backed up: ${detail}.`;
    this.lastFailure = { message, at: this.options.clock.now().toISOString() };
    this.options.diagnostics.record(message);
    this.options.logger.error(message);
    return new AppError('internal_error', message);
  }
}
