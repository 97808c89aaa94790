import type { Database } from 'better-sqlite3';

/**
 * Import jobs are read back from the library (GET /import/{id} answers across restarts), so a job
 * keeps how long it has run: `duration_ms`, measured by the process running it and written with
 * each chunk, is what an import's `durationMs` reports once that process is gone (a job cut off
 * by a crash or quit reports the time up to its last recorded chunk). Jobs a version-4 library
 * kept get theirs from their timestamps. `import_jobs_by_created` serves pruning (newest first).
 */
export function migration005ImportHistory(db: Database): void {
  db.exec(`
    ALTER TABLE import_jobs ADD COLUMN duration_ms INTEGER NOT NULL DEFAULT 0;
    UPDATE import_jobs
      SET duration_ms = max(0, CAST(round((julianday(finished_at) - julianday(created_at)) * 86400000) AS INTEGER))
      WHERE finished_at IS NOT NULL AND julianday(finished_at) IS NOT NULL AND julianday(created_at) IS NOT NULL;
    CREATE INDEX import_jobs_by_created ON import_jobs (created_at, id);
  `);
}
