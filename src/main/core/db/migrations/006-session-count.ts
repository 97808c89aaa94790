import type { Database } from 'better-sqlite3';

/**
 * The number of sessions, kept by triggers: an unfiltered list's `meta.total` reads one row
 * instead of counting every session (a COUNT(*) walks a whole index: ~10 ms per page at a million
 * sessions, far more on the first page after a start, when the index is not yet in memory).
 * One row (`id = 0`); counted from the sessions a version-5 library holds.
 */
export function migration006SessionCount(db: Database): void {
  db.exec(`
    CREATE TABLE session_count (
      id INTEGER PRIMARY KEY CHECK (id = 0),
      sessions INTEGER NOT NULL
    );
    INSERT INTO session_count (id, sessions) SELECT 0, count(*) FROM sessions;
    CREATE TRIGGER sessions_count_up AFTER INSERT ON sessions BEGIN
      UPDATE session_count SET sessions = sessions + 1 WHERE id = 0;
    END;
    CREATE TRIGGER sessions_count_down AFTER DELETE ON sessions BEGIN
      UPDATE session_count SET sessions = sessions - 1 WHERE id = 0;
    END;
  `);
}
