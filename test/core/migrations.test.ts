import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, LIBRARY_FILE_NAME } from '../../src/main/core/create-core';
import { LibraryTooNewError, migrate } from '../../src/main/core/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/core/db/migrations';
import { openLibrary } from '../../src/main/core/db/open-library';
import {
  corruptFilesIn,
  makeTempDir,
  removeTempDirs,
  schemaDump,
  schemaObjects,
  sha256File,
  userVersion,
  type SchemaObjects,
} from '../helpers/library-files';

/**
 * The complete set of named schema objects after each version (SQLite's own `sqlite_*` objects
 * left out). A new migration must add its row here, or the "from empty" test for it fails.
 */
const SCHEMA_AFTER: Record<number, SchemaObjects> = {
  1: {
    tables: [
      'import_items',
      'import_jobs',
      'previews',
      'session_tags',
      'sessions',
      'sessions_fts',
      // FTS5 shadow tables (external content, so no _content table).
      'sessions_fts_config',
      'sessions_fts_data',
      'sessions_fts_docsize',
      'sessions_fts_idx',
      'settings',
      'tags',
      'waveform_notes',
    ],
    indexes: [
      'session_tags_by_tag',
      'sessions_by_created',
      'sessions_by_kind',
      'sessions_by_last_opened',
      'sessions_by_project_path',
      'sessions_by_status',
      'sessions_by_title',
      'sessions_by_updated',
      'tags_by_usage',
      'waveform_notes_by_lane',
    ],
    triggers: [
      'session_tags_count_down',
      'session_tags_count_up',
      'sessions_fts_delete',
      'sessions_fts_update',
    ],
    views: [],
  },
};
SCHEMA_AFTER[2] = {
  tables: [...SCHEMA_AFTER[1]!.tables, 'waveform_cache'].sort(),
  indexes: [...SCHEMA_AFTER[1]!.indexes, 'previews_by_path', 'previews_by_session'].sort(),
  triggers: SCHEMA_AFTER[1]!.triggers,
  views: [],
};
SCHEMA_AFTER[3] = {
  ...SCHEMA_AFTER[2],
  triggers: [...SCHEMA_AFTER[2]!.triggers, 'previews_forget_peaks'].sort(),
};
// 004 rewrites stored paths only.
SCHEMA_AFTER[4] = SCHEMA_AFTER[3];
// 005 adds import_jobs.duration_ms and an index for pruning import history.
SCHEMA_AFTER[5] = {
  ...SCHEMA_AFTER[4],
  indexes: [...SCHEMA_AFTER[4]!.indexes, 'import_jobs_by_created'].sort(),
};

SCHEMA_AFTER[6] = {
  ...SCHEMA_AFTER[5],
  tables: [...SCHEMA_AFTER[5]!.tables, 'session_count'].sort(),
  triggers: [...SCHEMA_AFTER[5]!.triggers, 'sessions_count_down', 'sessions_count_up'].sort(),
};
// 007 rebuilds the search index under the same name (one-letter prefixes).
SCHEMA_AFTER[7] = SCHEMA_AFTER[6];
SCHEMA_AFTER[8] = {
  ...SCHEMA_AFTER[7],
  tables: [...SCHEMA_AFTER[7]!.tables, 'session_facets'].sort(),
  triggers: [
    ...SCHEMA_AFTER[7]!.triggers,
    'sessions_facets_delete',
    'sessions_facets_insert',
    'sessions_facets_update',
  ].sort(),
};
// 009: what each session's project file says (issue 12), plugin rows and their trigger-kept counts.
SCHEMA_AFTER[9] = {
  ...SCHEMA_AFTER[8],
  tables: [...SCHEMA_AFTER[8]!.tables, 'plugin_usage', 'project_metadata', 'project_plugins'].sort(),
  indexes: [
    ...SCHEMA_AFTER[8]!.indexes,
    'plugin_usage_by_use',
    'project_metadata_by_key',
    'project_metadata_by_tempo',
    'project_metadata_missing_samples',
    'project_plugins_by_name',
  ].sort(),
  triggers: [
    ...SCHEMA_AFTER[8]!.triggers,
    'project_plugins_count_delete',
    'project_plugins_count_insert',
  ].sort(),
};
// 010: collections (issue 13), their members in order and trigger-kept member counts.
SCHEMA_AFTER[10] = {
  ...SCHEMA_AFTER[9],
  tables: [...SCHEMA_AFTER[9]!.tables, 'collection_sessions', 'collections'].sort(),
  indexes: [
    ...SCHEMA_AFTER[9]!.indexes,
    'collection_sessions_by_session',
    'collection_sessions_in_order',
    'collections_in_order',
  ].sort(),
  triggers: [
    ...SCHEMA_AFTER[9]!.triggers,
    'collection_sessions_count_down',
    'collection_sessions_count_up',
  ].sort(),
};
// 011: a session's artwork (issue 13 §2).
SCHEMA_AFTER[11] = {
  ...SCHEMA_AFTER[10],
  tables: [...SCHEMA_AFTER[10]!.tables, 'session_artwork'].sort(),
  indexes: [...SCHEMA_AFTER[10]!.indexes, 'session_artwork_stored'].sort(),
};

const openDbs: Db[] = [];

afterEach(() => {
  for (const db of openDbs.splice(0)) if (db.open) db.close();
  vi.doUnmock('../../src/main/core/db/migrations');
  vi.resetModules();
  removeTempDirs();
});

function freshDb(): { db: Db; path: string } {
  const path = join(makeTempDir(), LIBRARY_FILE_NAME);
  const db = new Database(path);
  openDbs.push(db);
  return { db, path };
}

function track<T extends { db: Db }>(opened: T): T {
  openDbs.push(opened.db);
  return opened;
}

function tableCount(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number })
    .n;
}

describe('migrations from empty', () => {
  it('has at least one migration, and LATEST_SCHEMA_VERSION is their count', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  const versions = Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1);

  it.each(versions)('migrations 1..%i on an empty file give exactly the expected schema', (version) => {
    const { db } = freshDb();
    expect(userVersion(db)).toBe(0);

    expect(migrate(db, MIGRATIONS.slice(0, version))).toBe(version);

    expect(userVersion(db)).toBe(version);
    const expected = SCHEMA_AFTER[version];
    expect(expected, `SCHEMA_AFTER has no entry for version ${version}: add one`).toBeDefined();
    expect(schemaObjects(db)).toEqual(expected);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('applying the migrations one at a time ends in the same schema as applying them all at once', () => {
    const { db: stepwise } = freshDb();
    for (let version = 1; version <= LATEST_SCHEMA_VERSION; version++) {
      expect(migrate(stepwise, MIGRATIONS.slice(0, version))).toBe(version);
      expect(userVersion(stepwise)).toBe(version);
    }
    const { db: atOnce } = freshDb();
    migrate(atOnce);
    expect(schemaDump(stepwise)).toEqual(schemaDump(atOnce));
  });

  it('003 forgets peaks no preview uses: those left by a version-2 library, and each file whose last preview goes', () => {
    const { db } = freshDb();
    migrate(db, MIGRATIONS.slice(0, 2));
    const now = '2025-01-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO sessions (seq, id, title, title_key, kind, status, accent, created_at, updated_at)
       VALUES (1, 'session_a', 'A', 'a', 'Other', 'draft', 'gradient', ?, ?)`,
    ).run(now, now);
    const addPreview = db.prepare(
      `INSERT INTO previews (id, session_seq, name, path, mime, source, added_at)
       VALUES (?, 1, ?, ?, 'audio/wav', 'user', ?)`,
    );
    addPreview.run('preview_1', 'one', '/audio/one.wav', now);
    addPreview.run('preview_2', 'two', '/audio/two.wav', now);
    const addPeaks = db.prepare(
      `INSERT INTO waveform_cache (path, size, mtime_ms, duration_seconds, sample_rate, channels, points, peaks, computed_at)
       VALUES (?, 1, 1, 1, 44100, 2, 1, x'00000000', ?)`,
    );
    for (const path of ['/audio/one.wav', '/audio/two.wav', '/audio/orphan.wav']) addPeaks.run(path, now);
    const cached = (): string[] =>
      db.prepare('SELECT path FROM waveform_cache ORDER BY path').pluck().all() as string[];

    migrate(db, MIGRATIONS.slice(0, 3));
    expect(cached()).toEqual(['/audio/one.wav', '/audio/two.wav']);
    // Another session's preview of the same file keeps its peaks alive.
    db.prepare(
      `INSERT INTO sessions (seq, id, title, title_key, kind, status, accent, created_at, updated_at)
       VALUES (2, 'session_b', 'B', 'b', 'Other', 'draft', 'gradient', ?, ?)`,
    ).run(now, now);
    db.prepare(
      `INSERT INTO previews (id, session_seq, name, path, mime, source, added_at)
       VALUES ('preview_3', 2, 'two again', '/audio/two.wav', 'audio/wav', 'auto', ?)`,
    ).run(now);
    db.prepare("DELETE FROM previews WHERE id = 'preview_1'").run();
    expect(cached()).toEqual(['/audio/two.wav']);
    db.prepare("DELETE FROM previews WHERE id = 'preview_2'").run();
    expect(cached()).toEqual(['/audio/two.wav']);
    db.prepare("DELETE FROM previews WHERE id = 'preview_3'").run();
    expect(cached()).toEqual([]);
  });

  it('004 gives stored project and preview paths their one spelling, losing no row', () => {
    const { db } = freshDb();
    migrate(db, MIGRATIONS.slice(0, 3));
    const now = '2025-01-01T00:00:00.000Z';
    const addSession = db.prepare(
      `INSERT INTO sessions (seq, id, title, title_key, kind, status, accent, created_at, updated_at,
         project_path, project_original_path)
       VALUES (?, ?, 'S', 's', 'Other', 'draft', 'gradient', ?, ?, ?, ?)`,
    );
    addSession.run(1, 'session_a', now, now, '/music/Song Project/', '/music//Song Project/./');
    addSession.run(2, 'session_b', now, now, 'c:/Music/Beat.flp', 'c:/Music/Beat.flp');
    addSession.run(3, 'session_c', now, now, '/music/../elsewhere/Set.als', null);
    addSession.run(4, 'session_d', now, now, null, null);
    const addPreview = db.prepare(
      `INSERT INTO previews (id, session_seq, name, path, mime, source, added_at)
       VALUES (?, ?, 'mix', ?, 'audio/wav', 'user', ?)`,
    );
    addPreview.run('preview_1', 1, '/music//Song Project/mix.wav', now);
    // Session 2 already has the canonical spelling of its second preview: both rows are kept.
    addPreview.run('preview_2', 2, 'C:\\Music\\mix.wav', now);
    addPreview.run('preview_3', 2, 'c:/Music/mix.wav', now);
    db.prepare(
      `INSERT INTO waveform_cache (path, size, mtime_ms, duration_seconds, sample_rate, channels, points, peaks, computed_at)
       VALUES ('/music//Song Project/mix.wav', 1, 1, 1, 44100, 2, 1, x'00000000', ?)`,
    ).run(now);

    migrate(db, MIGRATIONS.slice(0, 4));
    expect(db.prepare('SELECT project_path, project_original_path FROM sessions ORDER BY seq').all()).toEqual(
      [
        { project_path: '/music/Song Project', project_original_path: '/music/Song Project' },
        { project_path: 'C:\\Music\\Beat.flp', project_original_path: 'C:\\Music\\Beat.flp' },
        // `..` is refused by the rule, so such a path stays as it was stored.
        { project_path: '/music/../elsewhere/Set.als', project_original_path: null },
        { project_path: null, project_original_path: null },
      ],
    );
    expect(db.prepare('SELECT id, path FROM previews ORDER BY id').all()).toEqual([
      { id: 'preview_1', path: '/music/Song Project/mix.wav' },
      { id: 'preview_2', path: 'C:\\Music\\mix.wav' },
      { id: 'preview_3', path: 'c:/Music/mix.wav' },
    ]);
    expect(db.prepare('SELECT path FROM waveform_cache').pluck().all()).toEqual([
      '/music/Song Project/mix.wav',
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('005 gives import jobs a duration: from their timestamps when finished, 0 otherwise, losing no row', () => {
    const { db } = freshDb();
    migrate(db, MIGRATIONS.slice(0, 4));
    const addJob = db.prepare(
      'INSERT INTO import_jobs (id, created_at, finished_at, state) VALUES (?, ?, ?, ?)',
    );
    addJob.run('import_done', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:02.345Z', 'done');
    addJob.run('import_cancelled', '2025-01-02T00:00:00.000Z', '2025-01-02T00:01:00.000Z', 'cancelled');
    addJob.run('import_running', '2025-01-03T00:00:00.000Z', null, 'running');
    addJob.run('import_odd', 'not a time', '2025-01-03T00:00:00.000Z', 'done');
    db.prepare(
      "INSERT INTO import_items (job_id, position, project_path, status) VALUES ('import_running', 0, '/a.als', 'pending')",
    ).run();

    migrate(db, MIGRATIONS.slice(0, 5));
    expect(db.prepare('SELECT id, state, duration_ms FROM import_jobs ORDER BY created_at').all()).toEqual([
      { id: 'import_done', state: 'done', duration_ms: 2345 },
      { id: 'import_cancelled', state: 'cancelled', duration_ms: 60_000 },
      // Settling a job a quit or crash cut off is the import service's work at each start.
      { id: 'import_running', state: 'running', duration_ms: 0 },
      { id: 'import_odd', state: 'done', duration_ms: 0 },
    ]);
    expect(db.prepare('SELECT count(*) FROM import_items').pluck().get()).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('007 rebuilds the search index with one-letter prefixes, same answers, triggers still mirroring writes', () => {
    const { db } = freshDb();
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 6));
    const addSession = db.prepare(
      `INSERT INTO sessions (id, title, title_key, kind, status, accent, client, notes, created_at, updated_at)
       VALUES (?, ?, ?, 'Ableton', 'idea', 'violet', ?, ?, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
    );
    const titles = ['Señorita Sketch', 'Sunset Drive', 'Velvet', 'Über Bass', 'Stems for Sam', 'r&b idea'];
    titles.forEach((title, i) =>
      addSession.run(`session_${i}`, title, title.toLowerCase(), i % 2 ? 'Sol Records' : '', 'notes'),
    );
    db.prepare("INSERT INTO sessions_fts (sessions_fts) VALUES ('rebuild')").run();
    const search = (query: string): number[] =>
      db
        .prepare('SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ? ORDER BY rowid')
        .pluck()
        .all(query) as number[];
    const queries = ['"s"*', '"u"*', '"ve"*', '"sol"*', '"r b"*', '"notes"*', '"b"*'];
    const before = queries.map(search);

    migrate(db, MIGRATIONS.slice(0, 7));
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sessions_fts'").pluck().get()).toContain(
      "prefix = '1 2 3'",
    );
    expect(queries.map(search)).toEqual(before);
    // Rows 2, 4 and 6 match by their client (Sol Records).
    expect(search('"s"*')).toEqual([1, 2, 4, 5, 6]);
    // The update and delete triggers of 001 mirror writes into the new table.
    db.prepare("UPDATE sessions SET title = 'Quiet' WHERE id = 'session_1'").run();
    db.prepare("DELETE FROM sessions WHERE id = 'session_4'").run(); // row 5
    expect(search('"s"*')).toEqual([1, 2, 4, 6]);
    expect(search('"q"*')).toEqual([2]);
    expect(search('"u"*')).toEqual([4]);
    db.prepare("INSERT INTO sessions_fts (sessions_fts) VALUES ('integrity-check')").run();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('006 counts the sessions a version-5 library holds, and its triggers keep the count through inserts and deletes', () => {
    const { db } = freshDb();
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 5));
    // Inserts are indexed for search by the repository; here by a rebuild.
    const index = (): unknown =>
      db.prepare("INSERT INTO sessions_fts (sessions_fts) VALUES ('rebuild')").run();
    const addSession = db.prepare(
      `INSERT INTO sessions (id, title, title_key, kind, status, accent, client, notes, created_at, updated_at)
       VALUES (?, ?, ?, 'Ableton', 'idea', 'violet', '', '', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')`,
    );
    for (let i = 0; i < 7; i++) addSession.run(`session_${i}`, `Song ${i}`, `song ${i}`);
    db.prepare("INSERT INTO tags (key, name) VALUES ('mix', 'mix')").run();
    db.prepare(
      "INSERT INTO session_tags (session_seq, tag_key, position, label) VALUES (1, 'mix', 0, 'mix')",
    ).run();
    index();

    migrate(db, MIGRATIONS.slice(0, 6));
    const counted = (): unknown =>
      db.prepare('SELECT sessions FROM session_count WHERE id = 0').pluck().get();
    const actual = (): unknown => db.prepare('SELECT count(*) FROM sessions').pluck().get();
    expect(counted()).toBe(7);
    expect(db.prepare('SELECT count(*) FROM session_count').pluck().get()).toBe(1);

    addSession.run('session_7', 'Song 7', 'song 7');
    index();
    db.prepare("DELETE FROM sessions WHERE id IN ('session_3', 'session_5')").run();
    expect(counted()).toBe(6);
    // A rolled-back write leaves the count as it was.
    db.exec('SAVEPOINT s');
    addSession.run('session_8', 'Song 8', 'song 8');
    db.exec('ROLLBACK TO s; RELEASE s');
    expect(counted()).toBe(actual());
    // Deleting a session with tags cascades, and the count follows only sessions.
    expect(db.prepare('SELECT count(*) FROM session_tags').pluck().get()).toBe(1);
    db.prepare('DELETE FROM sessions').run();
    expect(counted()).toBe(0);
    expect(db.prepare("SELECT usage_count FROM tags WHERE key = 'mix'").pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('001 seeds the default settings', () => {
    const { db } = freshDb();
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(db.prepare('SELECT key, value FROM settings ORDER BY key').all()).toEqual([
      { key: 'api.mode', value: '"disabled"' },
      { key: 'api.port', value: '18432' },
    ]);
  });

  it("001's triggers keep tag usage counts and the full-text index in step (inserts are indexed by the repository)", () => {
    const { db } = freshDb();
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 1));
    const now = '2025-03-01T12:00:00.000Z';
    db.prepare(
      `INSERT INTO sessions (seq, id, title, title_key, kind, status, accent, created_at, updated_at)
       VALUES (1, 'session_a', 'Midnight Émile', 'midnight emile', 'ableton', 'draft', 'blue', ?, ?)`,
    ).run(now, now);
    // New rows are indexed by SessionsRepository (one statement per batch), not by a trigger.
    db.prepare(
      'INSERT INTO sessions_fts (rowid, title, client, notes) SELECT seq, title, client, notes FROM sessions',
    ).run();
    const matches = (query: string): number[] =>
      (
        db.prepare('SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?').all(query) as {
          rowid: number;
        }[]
      ).map((row) => row.rowid);
    expect(matches('emile')).toEqual([1]);
    expect(matches('mi*')).toEqual([1]);

    db.prepare("UPDATE sessions SET title = 'Sunrise' WHERE seq = 1").run();
    expect(matches('emile')).toEqual([]);
    expect(matches('sunrise')).toEqual([1]);

    db.prepare("INSERT INTO tags (key, name) VALUES ('lofi', 'LoFi')").run();
    db.prepare(
      "INSERT INTO session_tags (session_seq, tag_key, position, label) VALUES (1, 'lofi', 0, 'LoFi')",
    ).run();
    const usage = (): unknown => db.prepare("SELECT usage_count FROM tags WHERE key = 'lofi'").pluck().get();
    expect(usage()).toBe(1);

    db.prepare('DELETE FROM sessions WHERE seq = 1').run();
    expect(usage()).toBe(0);
    expect(matches('sunrise')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM session_tags').pluck().get()).toBe(0);
  });
});

describe('migrating is idempotent', () => {
  it('migrate on an up-to-date database does nothing', () => {
    const { db } = freshDb();
    migrate(db);
    const before = schemaDump(db);
    const changesBefore = db.prepare('SELECT total_changes()').pluck().get();
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT total_changes()').pluck().get()).toBe(changesBefore);
    expect(schemaDump(db)).toEqual(before);
  });

  it('a second openLibrary on the same file changes nothing (schema, data, bytes)', () => {
    const path = join(makeTempDir(), LIBRARY_FILE_NAME);
    const first = track(openLibrary(path));
    expect(first.problem).toBeNull();
    expect(userVersion(first.db)).toBe(LATEST_SCHEMA_VERSION);
    first.db.prepare("UPDATE settings SET value = '12345' WHERE key = 'api.port'").run();
    const schema = schemaDump(first.db);
    const settings = first.db.prepare('SELECT * FROM settings ORDER BY key').all();
    first.db.close();
    const bytes = sha256File(path);

    const second = track(openLibrary(path));
    expect(second.problem).toBeNull();
    expect(userVersion(second.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(schemaDump(second.db)).toEqual(schema);
    // The seed rows were not inserted again, and the changed value was kept.
    expect(second.db.prepare('SELECT * FROM settings ORDER BY key').all()).toEqual(settings);
    second.db.close();
    expect(sha256File(path)).toBe(bytes);
    expect(corruptFilesIn(join(path, '..'))).toEqual([]);
  });
});

describe('a failing migration rolls back completely', () => {
  const boom = new Error('migration 2 failed on purpose');
  const failingSecond = (db: Db): void => {
    db.exec(`
      CREATE TABLE half_done (id INTEGER PRIMARY KEY);
      INSERT INTO half_done (id) VALUES (1);
      CREATE INDEX half_done_idx ON half_done (id);
      ALTER TABLE sessions ADD COLUMN half_done_column TEXT;
    `);
    db.prepare("UPDATE settings SET value = '1' WHERE key = 'api.port'").run();
    throw boom;
  };

  it('a throwing second step leaves version 1 exactly as it was', () => {
    const { db } = freshDb();
    const migrations = [MIGRATIONS[0]!, failingSecond];
    migrate(db, migrations.slice(0, 1));
    const atVersion1 = schemaDump(db);
    const settings = db.prepare('SELECT * FROM settings ORDER BY key').all();

    expect(() => migrate(db, migrations)).toThrow(boom);

    expect(userVersion(db)).toBe(1);
    expect(schemaDump(db)).toEqual(atVersion1);
    expect(db.prepare('SELECT * FROM settings ORDER BY key').all()).toEqual(settings);
    expect(db.inTransaction).toBe(false);
  });

  it('from empty, the steps before the failing one are kept and the failing one leaves nothing', () => {
    const { db } = freshDb();
    expect(() => migrate(db, [MIGRATIONS[0]!, failingSecond])).toThrow(boom);
    expect(userVersion(db)).toBe(1);
    expect(schemaObjects(db)).toEqual(SCHEMA_AFTER[1]);
  });

  it('a first step that fails half-way through its SQL leaves an empty database at version 0', () => {
    const { db } = freshDb();
    const failingFirst = (inner: Db): void => {
      inner.exec(`
        CREATE TABLE first (id INTEGER PRIMARY KEY);
        CREATE TABLE second (id INTEGER PRIMARY KEY);
        INSERT INTO no_such_table VALUES (1);
      `);
    };
    expect(() => migrate(db, [failingFirst])).toThrow(/no such table/);
    expect(userVersion(db)).toBe(0);
    expect(tableCount(db)).toBe(0);
  });

  it('after a failed step, a fixed migration list applies cleanly', () => {
    const { db } = freshDb();
    expect(() => migrate(db, [MIGRATIONS[0]!, failingSecond])).toThrow(boom);
    const fixedSecond = (inner: Db): void => {
      inner.exec('CREATE TABLE half_done (id INTEGER PRIMARY KEY)');
    };
    expect(migrate(db, [MIGRATIONS[0]!, fixedSecond])).toBe(2);
    expect(schemaObjects(db).tables).toContain('half_done');
  });

  it('openLibrary does not treat a failing upgrade as damage: the library stays where it is, at its version', async () => {
    // A library at the current version with a session in it...
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    const core = createCore({ dataDir: dir });
    const session = core.sessions.create({ title: 'Keep me' });
    core.close();
    const bytes = sha256File(path);

    // ...opened by a build whose next migration fails (e.g. disk full, or a bug in the migration).
    vi.resetModules();
    vi.doMock('../../src/main/core/db/migrations', () => {
      const migrations = [...MIGRATIONS, failingSecond];
      return { MIGRATIONS: migrations, LATEST_SCHEMA_VERSION: migrations.length };
    });
    const { openLibrary: openWithFailingUpgrade } = await import('../../src/main/core/db/open-library');

    let opened: { problem: unknown; db: Db } | undefined;
    let thrown: unknown;
    try {
      opened = track(openWithFailingUpgrade(path));
    } catch (error) {
      thrown = error;
    }
    // The user's library must not be swapped for an empty one because an upgrade step failed.
    expect(corruptFilesIn(dir)).toEqual([]);
    expect(opened?.problem ?? null).toBeNull();
    expect(thrown).toBe(boom);
    const check = new Database(path, { readonly: true });
    openDbs.push(check);
    expect(userVersion(check)).toBe(LATEST_SCHEMA_VERSION);
    expect(check.prepare('SELECT id FROM sessions').pluck().all()).toEqual([session.id]);
    check.close();
    expect(sha256File(path)).toBe(bytes);
  });
});

describe('refusing a newer database', () => {
  const NEWER = LATEST_SCHEMA_VERSION + 1;

  /** A library made by this build, then stamped with a newer schema version (WAL, like ours). */
  function newerLibrary(): { dir: string; path: string } {
    const dir = makeTempDir();
    const core = createCore({ dataDir: dir });
    core.sessions.create({ title: 'From the future' });
    core.db.pragma(`user_version = ${NEWER}`);
    const path = core.libraryPath;
    core.close();
    return { dir, path };
  }

  function expectTooNew(fn: () => unknown): LibraryTooNewError {
    let thrown: unknown;
    try {
      fn();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LibraryTooNewError);
    const error = thrown as LibraryTooNewError;
    expect(error.name).toBe('LibraryTooNewError');
    expect(error.found).toBe(NEWER);
    expect(error.supported).toBe(LATEST_SCHEMA_VERSION);
    expect(error.message).toContain(`schema version ${NEWER}`);
    expect(error.message).toContain(`up to ${LATEST_SCHEMA_VERSION}`);
    expect(error.message).toMatch(/newer SessionDock/);
    return error;
  }

  function expectUntouched(dir: string, path: string, bytes: string, files: string[]): void {
    expect(existsSync(path)).toBe(true);
    expect(sha256File(path)).toBe(bytes);
    expect(corruptFilesIn(dir)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(files);
    const check = new Database(path, { readonly: true });
    try {
      expect(userVersion(check)).toBe(NEWER);
    } finally {
      check.close();
      // This check's own read-only connection leaves empty -wal/-shm files; do not count them later.
      for (const suffix of ['-wal', '-shm'])
        if (!files.includes(basename(path) + suffix)) rmSync(path + suffix, { force: true });
    }
  }

  it('openLibrary throws LibraryTooNewError and leaves the file alone', () => {
    const { dir, path } = newerLibrary();
    const bytes = sha256File(path);
    const files = readdirSync(dir).sort();
    expectTooNew(() => track(openLibrary(path)));
    expectUntouched(dir, path, bytes, files);
  });

  it('createCore throws LibraryTooNewError and leaves the file alone', () => {
    const { dir, path } = newerLibrary();
    const bytes = sha256File(path);
    const files = readdirSync(dir).sort();
    expectTooNew(() => createCore({ dataDir: dir }));
    expectUntouched(dir, path, bytes, files);
    // Refusing twice is as harmless as refusing once.
    expectTooNew(() => createCore({ dataDir: dir }));
    expectUntouched(dir, path, bytes, files);
  });

  it('a newer library in rollback-journal mode is refused without being modified', () => {
    // A newer SessionDock (or another tool) may have left the file in the default journal mode.
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    migrate(db);
    db.pragma(`user_version = ${NEWER}`);
    db.close();
    const bytes = sha256File(path);
    const files = readdirSync(dir).sort();

    expectTooNew(() => track(openLibrary(path)));
    expectUntouched(dir, path, bytes, files);
  });

  it('a newer library whose last writes are still in its WAL is refused without touching either file', () => {
    // The newer SessionDock was killed before checkpointing: its last write is only in the WAL.
    const source = makeTempDir();
    const writer = createCore({ dataDir: source });
    writer.db.pragma('wal_autocheckpoint = 0');
    writer.db.pragma(`user_version = ${NEWER}`);
    writer.db.pragma('wal_checkpoint(TRUNCATE)');
    writer.sessions.create({ title: 'Only in the WAL' });
    const dir = makeTempDir();
    const path = join(dir, LIBRARY_FILE_NAME);
    copyFileSync(writer.libraryPath, path);
    copyFileSync(`${writer.libraryPath}-wal`, `${path}-wal`);
    writer.close();
    const bytes = sha256File(path);
    const walBytes = sha256File(`${path}-wal`);
    const files = readdirSync(dir).sort();

    expectTooNew(() => createCore({ dataDir: dir }));

    expect(readdirSync(dir).sort(), 'the WAL is still there').toEqual(files);
    expect(sha256File(`${path}-wal`), 'the WAL is unchanged').toBe(walBytes);
    expect(sha256File(path), 'the library file is unchanged').toBe(bytes);
  });

  it('migrate itself refuses a version beyond the list it is given', () => {
    const { db } = freshDb();
    migrate(db);
    expect(() => migrate(db, MIGRATIONS.slice(0, LATEST_SCHEMA_VERSION - 1))).toThrow(LibraryTooNewError);
    expect(userVersion(db)).toBe(LATEST_SCHEMA_VERSION);
  });
});

describe('pragmas after open', () => {
  it('openLibrary configures WAL, foreign keys, FULL sync and a busy timeout', () => {
    const path = join(makeTempDir(), LIBRARY_FILE_NAME);
    const { db } = track(openLibrary(path));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('the same pragmas hold on a reopened library and on the core', () => {
    const dir = makeTempDir();
    createCore({ dataDir: dir }).close();
    const core = createCore({ dataDir: dir });
    openDbs.push(core.db);
    expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(core.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(userVersion(core.db)).toBe(LATEST_SCHEMA_VERSION);
  });
});
