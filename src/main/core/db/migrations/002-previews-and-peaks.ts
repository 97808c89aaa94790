import type { Database } from 'better-sqlite3';

/**
 * Previews chosen by a person versus found automatically, the peaks cache, and import items'
 * submitted fields.
 * `preferred_by_user`: the preferred preview was picked by the user, so mixdown detection never
 * replaces it. `waveform_cache`: min/max peaks per audio file, valid while its size and
 * modification time are unchanged.
 */
export function migration002PreviewsAndPeaks(db: Database): void {
  db.exec(`
    ALTER TABLE sessions ADD COLUMN preferred_by_user INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE previews ADD COLUMN size INTEGER;
    ALTER TABLE previews ADD COLUMN mtime_ms REAL;
    CREATE INDEX previews_by_session ON previews (session_seq, added_at);
    -- The item as submitted (title, projectType, previewAudioPath), for processing and status.
    ALTER TABLE import_items ADD COLUMN input TEXT NOT NULL DEFAULT '{}';
    CREATE INDEX previews_by_path ON previews (path);

    CREATE TABLE waveform_cache (
      path TEXT PRIMARY KEY,
      size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      duration_seconds REAL NOT NULL,
      sample_rate INTEGER NOT NULL,
      channels INTEGER NOT NULL,
      points INTEGER NOT NULL,
      -- Float32 min/max pairs, little-endian, \`points\` pairs.
      peaks BLOB NOT NULL,
      computed_at TEXT NOT NULL
    ) WITHOUT ROWID;
  `);
}
