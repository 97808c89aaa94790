import type { Database } from 'better-sqlite3';

interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the library connection. With `synchronous=FULL` every commit waits for an
 * fsync of the WAL, and that wait is most of a small write's cost; concurrent API writes queued
 * behind one another each paid it in turn. Writes that arrive in the same turn of the event loop
 * now share one transaction, committed (and fsynced once) when the turn ends.
 *
 * - `begin()` opens the shared transaction (or joins the open one). Services keep wrapping their
 *   own writes in `db.transaction`, which better-sqlite3 turns into a savepoint inside it, so a
 *   request that fails rolls back only its own changes.
 * - `durable()` resolves once everything written so far is committed, at once when no batch is
 *   open. A write is acknowledged (HTTP reply, IPC result) only after it: nothing is reported
 *   saved before it is on disk.
 * - A failed commit (disk full, I/O error) rejects every waiter, so no request of the batch is
 *   acknowledged, and `onFailure` lets listeners drop what they learned from its events.
 */
export class GroupCommit {
  private batch: Batch | null = null;

  constructor(
    private readonly db: Database,
    private readonly onFailure: (error: unknown) => void,
    private readonly schedule: (commit: () => void) => void = (commit) => setImmediate(commit),
  ) {}

  /** Opens the shared transaction unless one is open; it commits when this turn of the event loop ends. */
  begin(): void {
    // A transaction already running (synchronous code of someone else's) is left alone: writes
    // made now belong to it and are durable when it commits, before control returns here.
    if (this.batch || this.db.readonly || !this.db.open || this.db.inTransaction) return;
    this.db.exec('BEGIN IMMEDIATE');
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<void>((resolvePromise, rejectPromise) => {
      resolve = resolvePromise;
      reject = rejectPromise;
    });
    // A batch nobody waits on (every request in it failed validation) must not become an
    // unhandled rejection; waiters still see the failure through `durable()`.
    promise.catch(() => {});
    this.batch = { promise, resolve, reject };
    this.schedule(() => this.flush());
  }

  /** Resolves when everything written so far is committed; rejects when that commit failed. */
  durable(): Promise<void> {
    return this.batch?.promise ?? Promise.resolve();
  }

  /** Commits the open batch now (at the end of the turn, and before the library closes). */
  flush(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    try {
      // SQLite rolls a whole transaction back by itself on some errors (SQLITE_FULL, IOERR…).
      if (!this.db.inTransaction) throw new Error('the shared write transaction was rolled back by SQLite');
      this.db.exec('COMMIT');
      batch.resolve();
    } catch (error) {
      if (this.db.inTransaction) {
        try {
          this.db.exec('ROLLBACK');
        } catch {
          // Already rolled back: nothing more to undo.
        }
      }
      batch.reject(error);
      this.onFailure(error);
    }
  }
}
