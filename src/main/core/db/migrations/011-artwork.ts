import type { Database } from 'better-sqlite3';

/**
 * A session's artwork (issue 13 §2), at most one image per session. `source` says where it came
 * from: `file` (a user's image chosen by path), `found` (an obvious image in the project's folder,
 * picked on import) or `stored` (bytes pasted or dropped, kept by SessionDock in
 * `<data dir>/artwork/`). `path` is the user's absolute path for `file` and `found`, and the
 * stored file's name (`<sha256>.<ext>`) for `stored`, so a library moved with its data folder
 * keeps its images. Format and dimensions are as read when the image was set. The row goes with
 * its session (cascade); a stored image no row uses any more is removed by the artwork service.
 */
export function migration011Artwork(db: Database): void {
  db.exec(`
    CREATE TABLE session_artwork (
      session_seq INTEGER PRIMARY KEY REFERENCES sessions (seq) ON DELETE CASCADE,
      source TEXT NOT NULL CHECK (source IN ('file', 'found', 'stored')),
      path TEXT NOT NULL,
      format TEXT NOT NULL CHECK (format IN ('png', 'jpeg', 'webp', 'gif')),
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      set_at TEXT NOT NULL
    );
    CREATE INDEX session_artwork_stored ON session_artwork (path) WHERE source = 'stored';
  `);
}
