import type { Database } from 'better-sqlite3';

/**
 * Collections (issue 13): named groups of sessions in the sidebar's order. A manual collection's
 * members are rows of `collection_sessions` in the collection's own order (`position`, gaps
 * allowed, ties broken by session); a smart one stores its filters as JSON (`query`) and has no
 * rows. Deleting either side's row removes the memberships (never a session). `member_count`
 * is kept by triggers, so the sidebar reads its counts instead of counting 10,000-member sets.
 * `name_key` (the name lower-cased) keeps names unique regardless of case.
 */
export function migration010Collections(db: Database): void {
  db.exec(`
    CREATE TABLE collections (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('manual', 'smart')),
      query TEXT CHECK ((kind = 'smart') = (query IS NOT NULL)),
      position INTEGER NOT NULL,
      member_count INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX collections_in_order ON collections (position, seq);

    CREATE TABLE collection_sessions (
      collection_seq INTEGER NOT NULL REFERENCES collections (seq) ON DELETE CASCADE,
      session_seq INTEGER NOT NULL REFERENCES sessions (seq) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      PRIMARY KEY (collection_seq, session_seq)
    ) WITHOUT ROWID;
    CREATE INDEX collection_sessions_in_order ON collection_sessions (collection_seq, position);
    CREATE INDEX collection_sessions_by_session ON collection_sessions (session_seq);

    CREATE TRIGGER collection_sessions_count_up AFTER INSERT ON collection_sessions BEGIN
      UPDATE collections SET member_count = member_count + 1 WHERE seq = NEW.collection_seq;
    END;
    CREATE TRIGGER collection_sessions_count_down AFTER DELETE ON collection_sessions BEGIN
      UPDATE collections SET member_count = member_count - 1 WHERE seq = OLD.collection_seq;
    END;
  `);
}
