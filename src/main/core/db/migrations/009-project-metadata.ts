import type { Database } from 'better-sqlite3';

/**
 * What each session's project file says (issue 12), one row per session that has been read:
 * the file's path, size and mtime when read (a changed file is read again, like waveforms), the
 * status and its message, the filterable fields as columns with their indexes, and the lists
 * (tracks, plugins, samples) as JSON for the detail panel and `GET /sessions/{id}/project`.
 * Plugins also get a row each in `project_plugins` for the plugin filter, and `plugin_usage`
 * keeps the sessions per plugin by triggers, so `GET /plugins` and the sidebar read counts
 * instead of grouping every row. No row means not read yet (`pending`).
 */
export function migration009ProjectMetadata(db: Database): void {
  db.exec(`
    CREATE TABLE project_metadata (
      session_seq INTEGER PRIMARY KEY REFERENCES sessions (seq) ON DELETE CASCADE,
      path TEXT NOT NULL,
      size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ready', 'unreadable', 'unsupported', 'missing')),
      message TEXT,
      read_at TEXT NOT NULL,
      daw_version TEXT,
      tempo REAL,
      time_signature TEXT,
      key TEXT,
      key_class TEXT,
      sample_rate INTEGER,
      track_count INTEGER NOT NULL DEFAULT 0,
      sample_count INTEGER NOT NULL DEFAULT 0,
      missing_samples INTEGER NOT NULL DEFAULT 0,
      saved_at TEXT,
      details TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX project_metadata_by_tempo ON project_metadata (tempo, session_seq) WHERE tempo IS NOT NULL;
    CREATE INDEX project_metadata_by_key ON project_metadata (key_class, session_seq) WHERE key_class IS NOT NULL;
    CREATE INDEX project_metadata_missing_samples ON project_metadata (session_seq) WHERE missing_samples > 0;

    CREATE TABLE project_plugins (
      session_seq INTEGER NOT NULL REFERENCES sessions (seq) ON DELETE CASCADE,
      name_key TEXT NOT NULL,
      format TEXT NOT NULL,
      name TEXT NOT NULL,
      vendor TEXT,
      instances INTEGER NOT NULL,
      PRIMARY KEY (session_seq, name_key, format)
    ) WITHOUT ROWID;
    CREATE INDEX project_plugins_by_name ON project_plugins (name_key, session_seq);

    CREATE TABLE plugin_usage (
      name_key TEXT NOT NULL,
      format TEXT NOT NULL,
      name TEXT NOT NULL,
      vendor TEXT,
      sessions INTEGER NOT NULL,
      PRIMARY KEY (name_key, format)
    ) WITHOUT ROWID;
    CREATE INDEX plugin_usage_by_use ON plugin_usage (sessions DESC, name_key);

    CREATE TRIGGER project_plugins_count_insert AFTER INSERT ON project_plugins BEGIN
      INSERT INTO plugin_usage (name_key, format, name, vendor, sessions)
        VALUES (NEW.name_key, NEW.format, NEW.name, NEW.vendor, 1)
        ON CONFLICT (name_key, format) DO UPDATE SET sessions = sessions + 1,
          vendor = coalesce(plugin_usage.vendor, excluded.vendor);
    END;
    CREATE TRIGGER project_plugins_count_delete AFTER DELETE ON project_plugins BEGIN
      UPDATE plugin_usage SET sessions = sessions - 1 WHERE name_key = OLD.name_key AND format = OLD.format;
      DELETE FROM plugin_usage WHERE name_key = OLD.name_key AND format = OLD.format AND sessions <= 0;
    END;
  `);
}
