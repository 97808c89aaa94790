import type { Database } from 'better-sqlite3';

/**
 * Every session read (a list page, a single session) gathers its tags in their order and its
 * previews newest first. Without an index in that order SQLite sorted them in a temporary b-tree
 * per session: a 50-session page spent most of its time there. `session_tags_by_position` also
 * covers the label, so tags are read from the index alone; `previews_by_session_newest` replaces
 * `previews_by_session`, whose order stopped at `added_at` and lacked the id tie-break.
 */
export function migration004ChildrenInOrder(db: Database): void {
  db.exec(`
    CREATE INDEX session_tags_by_position ON session_tags (session_seq, position, label);
    CREATE INDEX previews_by_session_newest ON previews (session_seq, added_at DESC, id);
    DROP INDEX previews_by_session;
  `);
}
