import type { Database } from 'better-sqlite3';

/**
 * The first library schema: sessions with their tags, previews and waveform notes, a full-text
 * index, import jobs and settings. Never edit this once released; add a new numbered file.
 */
export function migration001Initial(db: Database): void {
  db.exec(`
    CREATE TABLE sessions (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      -- Accent- and case-folded title, so "Émile" sorts next to "emile".
      title_key TEXT NOT NULL,
      kind TEXT NOT NULL,
      status TEXT NOT NULL,
      status_rank INTEGER GENERATED ALWAYS AS (
        CASE status WHEN 'idea' THEN 0 WHEN 'draft' THEN 1 WHEN 'in-progress' THEN 2 WHEN 'mixing' THEN 3
          WHEN 'mastering' THEN 4 WHEN 'done' THEN 5 WHEN 'archived' THEN 6 ELSE 7 END
      ) VIRTUAL,
      accent TEXT NOT NULL,
      client TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '',
      last_opened TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      project_path TEXT,
      project_original_path TEXT,
      preferred_preview_id TEXT
    );
    CREATE INDEX sessions_by_updated ON sessions (updated_at, id);
    CREATE INDEX sessions_by_created ON sessions (created_at, id);
    CREATE INDEX sessions_by_last_opened ON sessions (last_opened, id);
    CREATE INDEX sessions_by_title ON sessions (title_key, id);
    CREATE INDEX sessions_by_status ON sessions (status_rank, id);
    CREATE INDEX sessions_by_kind ON sessions (kind, id);
    CREATE INDEX sessions_by_project_path ON sessions (project_path);

    -- One row per distinct tag (case-insensitive key); usage_count is kept by triggers so that
    -- tag counts never scan every session.
    CREATE TABLE tags (
      key TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      usage_count INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    CREATE INDEX tags_by_usage ON tags (usage_count DESC, key);

    CREATE TABLE session_tags (
      session_seq INTEGER NOT NULL REFERENCES sessions (seq) ON DELETE CASCADE,
      tag_key TEXT NOT NULL REFERENCES tags (key),
      position INTEGER NOT NULL,
      -- The spelling this session uses (the first spelling in its own list).
      label TEXT NOT NULL,
      PRIMARY KEY (session_seq, tag_key)
    ) WITHOUT ROWID;
    CREATE INDEX session_tags_by_tag ON session_tags (tag_key, session_seq);

    -- A tag nobody uses any more takes the spelling of its next user.
    CREATE TRIGGER session_tags_count_up AFTER INSERT ON session_tags BEGIN
      UPDATE tags SET usage_count = usage_count + 1, name = CASE WHEN usage_count = 0 THEN NEW.label ELSE name END
        WHERE key = NEW.tag_key;
    END;
    CREATE TRIGGER session_tags_count_down AFTER DELETE ON session_tags BEGIN
      UPDATE tags SET usage_count = usage_count - 1 WHERE key = OLD.tag_key;
    END;

    CREATE TABLE previews (
      id TEXT PRIMARY KEY,
      session_seq INTEGER NOT NULL REFERENCES sessions (seq) ON DELETE CASCADE,
      name TEXT NOT NULL,
      path TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'ready',
      mime TEXT,
      -- 'user' (attached or chosen by a person) or 'auto' (found by mixdown detection).
      source TEXT NOT NULL DEFAULT 'user',
      added_at TEXT NOT NULL,
      UNIQUE (session_seq, path)
    );

    CREATE TABLE waveform_notes (
      id TEXT PRIMARY KEY,
      session_seq INTEGER NOT NULL REFERENCES sessions (seq) ON DELETE CASCADE,
      preview_id TEXT NOT NULL REFERENCES previews (id) ON DELETE CASCADE,
      timestamp REAL NOT NULL,
      text TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX waveform_notes_by_lane ON waveform_notes (session_seq, preview_id, timestamp);

    CREATE TABLE import_jobs (
      id TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      finished_at TEXT,
      options TEXT NOT NULL DEFAULT '{}',
      state TEXT NOT NULL DEFAULT 'running'
    );
    CREATE TABLE import_items (
      job_id TEXT NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      project_path TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending',
      session_id TEXT,
      reason TEXT,
      PRIMARY KEY (job_id, position)
    ) WITHOUT ROWID;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO settings (key, value) VALUES ('api.mode', '"disabled"'), ('api.port', '18432');

    -- Full-text index over title, client and notes; accents folded, prefixes of 2-3 characters
    -- pre-indexed so search-as-you-type stays fast. Updates and deletes are mirrored by triggers;
    -- inserts are indexed by SessionsRepository itself, so a bulk import can index all its rows in
    -- one statement (a trigger fires per row, and FTS5 flushes at every such statement).
    CREATE VIRTUAL TABLE sessions_fts USING fts5 (
      title, client, notes,
      content = 'sessions', content_rowid = 'seq',
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );
    CREATE TRIGGER sessions_fts_delete AFTER DELETE ON sessions BEGIN
      INSERT INTO sessions_fts (sessions_fts, rowid, title, client, notes)
        VALUES ('delete', OLD.seq, OLD.title, OLD.client, OLD.notes);
    END;
    CREATE TRIGGER sessions_fts_update AFTER UPDATE OF title, client, notes ON sessions BEGIN
      INSERT INTO sessions_fts (sessions_fts, rowid, title, client, notes)
        VALUES ('delete', OLD.seq, OLD.title, OLD.client, OLD.notes);
      INSERT INTO sessions_fts (rowid, title, client, notes) VALUES (NEW.seq, NEW.title, NEW.client, NEW.notes);
    END;
  `);
}
