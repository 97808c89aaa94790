import type { Database, Statement } from 'better-sqlite3';
import { keyClass, parseKey } from '../../../shared/musical-key';
import type {
  PluginUsage,
  ProjectMetadata,
  ProjectPlugin,
  ProjectSample,
  ProjectSummary,
  ProjectTrack,
} from '../../../shared/project-metadata';
import { pluginKey } from '../../../shared/validation/list-query';
import type { ProjectFingerprint } from './project-fingerprint';
import { LIST_CAPS, type ProjectReadOutcome } from './read-project';

/** A stored read (migration 009), as the service needs it. */
export interface StoredProject {
  path: string;
  size: number;
  mtimeMs: number;
  status: ProjectReadOutcome['status'];
  message: string | null;
  readAt: string;
  metadata: ProjectMetadata | null;
  sampleCount: number;
  missingSampleCount: number;
}

interface Row {
  path: string;
  size: number;
  mtime_ms: number;
  status: ProjectReadOutcome['status'];
  message: string | null;
  read_at: string;
  daw_version: string | null;
  tempo: number | null;
  time_signature: string | null;
  key: string | null;
  sample_rate: number | null;
  track_count: number;
  sample_count: number;
  missing_samples: number;
  saved_at: string | null;
  details: string;
}

interface Details {
  tracks?: ProjectTrack[];
  plugins?: ProjectPlugin[];
  samples?: ProjectSample[];
}

/** Reads and writes the project tables of migration 009. No rule lives here, only storage. */
export class ProjectStore {
  private readonly statements: Record<
    | 'get'
    | 'put'
    | 'clearPlugins'
    | 'putPlugin'
    | 'remove'
    | 'plugins'
    | 'missingCount'
    | 'session'
    | 'readState'
    | 'unread'
    | 'backfillMark'
    | 'setBackfillMark',
    Statement
  >;

  constructor(private readonly db: Database) {
    this.statements = {
      get: db.prepare('SELECT * FROM project_metadata WHERE session_seq = ?'),
      put: db.prepare(
        `INSERT OR REPLACE INTO project_metadata (session_seq, path, size, mtime_ms, status, message, read_at,
           daw_version, tempo, time_signature, key, key_class, sample_rate, track_count, sample_count,
           missing_samples, saved_at, details)
         VALUES (@seq, @path, @size, @mtimeMs, @status, @message, @readAt, @dawVersion, @tempo, @timeSignature,
           @key, @keyClass, @sampleRate, @trackCount, @sampleCount, @missingSamples, @savedAt, @details)`,
      ),
      clearPlugins: db.prepare('DELETE FROM project_plugins WHERE session_seq = ?'),
      putPlugin: db.prepare(
        `INSERT INTO project_plugins (session_seq, name_key, format, name, vendor, instances)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (session_seq, name_key, format) DO UPDATE SET instances = instances + excluded.instances`,
      ),
      remove: db.prepare('DELETE FROM project_metadata WHERE session_seq = ?'),
      plugins: db.prepare(
        'SELECT name, vendor, format, sessions FROM plugin_usage ORDER BY sessions DESC, name_key, format LIMIT ?',
      ),
      missingCount: db.prepare('SELECT count(*) AS n FROM project_metadata WHERE missing_samples > 0'),
      session: db.prepare('SELECT seq, project_path AS projectPath FROM sessions WHERE id = ?'),
      backfillMark: db.prepare("SELECT value FROM settings WHERE key = 'projects.backfilledThrough'"),
      setBackfillMark: db.prepare(
        "INSERT INTO settings (key, value) VALUES ('projects.backfilledThrough', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ),
      readState: db.prepare(
        `SELECT s.seq, s.project_path AS projectPath, p.path, p.size, p.mtime_ms AS mtimeMs
         FROM sessions s LEFT JOIN project_metadata p ON p.session_seq = s.seq WHERE s.id = ?`,
      ),
      unread: db.prepare(
        `SELECT s.seq, s.id FROM sessions s WHERE s.seq > ? AND s.project_path IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM project_metadata p WHERE p.session_seq = s.seq)
         ORDER BY s.seq LIMIT ?`,
      ),
    };
  }

  /** A session's row number and project path, or null when there is no such session. */
  session(id: string): { seq: number; projectPath: string | null } | null {
    return (
      (this.statements.session.get(id) as { seq: number; projectPath: string | null } | undefined) ?? null
    );
  }

  /** A session's project path and what the last read saw of it, in one lookup (null: no session). */
  readState(id: string): {
    seq: number;
    projectPath: string | null;
    last: (ProjectFingerprint & { path: string }) | null;
  } | null {
    const row = this.statements.readState.get(id) as
      | { seq: number; projectPath: string | null; path: string | null; size: number; mtimeMs: number }
      | undefined;
    if (!row) return null;
    return {
      seq: row.seq,
      projectPath: row.projectPath,
      last: row.path === null ? null : { path: row.path, size: row.size, mtimeMs: row.mtimeMs },
    };
  }

  /** The row the backfill got through (0: it never ran). */
  backfillMark(): number {
    const row = this.statements.backfillMark.get() as { value: string } | undefined;
    const seq = row === undefined ? 0 : Number(row.value);
    return Number.isSafeInteger(seq) && seq > 0 ? seq : 0;
  }

  setBackfillMark(seq: number): void {
    this.statements.setBackfillMark.run(String(seq));
  }

  /** Sessions with a project that was never read, after `afterSeq` in row order (the backfill). */
  unread(afterSeq: number, limit: number): { seq: number; id: string }[] {
    return this.statements.unread.all(afterSeq, limit) as { seq: number; id: string }[];
  }

  get(seq: number): StoredProject | null {
    const row = this.statements.get.get(seq) as Row | undefined;
    if (!row) return null;
    const details = JSON.parse(row.details) as Details;
    return {
      path: row.path,
      size: row.size,
      mtimeMs: row.mtime_ms,
      status: row.status,
      message: row.message,
      readAt: row.read_at,
      sampleCount: row.sample_count,
      missingSampleCount: row.missing_samples,
      metadata:
        row.status === 'ready'
          ? {
              dawVersion: row.daw_version,
              tempo: row.tempo,
              timeSignature: row.time_signature,
              key: row.key,
              sampleRate: row.sample_rate,
              trackCount: row.track_count,
              tracks: details.tracks ?? [],
              plugins: details.plugins ?? [],
              samples: details.samples ?? [],
              savedAt: row.saved_at,
            }
          : null,
    };
  }

  /** The list's columns for many sessions at once (one statement per call, not per session). */
  summaries(
    seqs: readonly number[],
  ): Map<number, Omit<ProjectSummary, 'status'> & { status: StoredProject['status'] }> {
    const result = new Map<number, Omit<ProjectSummary, 'status'> & { status: StoredProject['status'] }>();
    if (seqs.length === 0) return result;
    const rows = this.db
      .prepare(
        `SELECT session_seq, status, daw_version, tempo, missing_samples FROM project_metadata
         WHERE session_seq IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(seqs)) as {
      session_seq: number;
      status: StoredProject['status'];
      daw_version: string | null;
      tempo: number | null;
      missing_samples: number;
    }[];
    for (const row of rows) {
      result.set(row.session_seq, {
        status: row.status,
        dawVersion: row.daw_version,
        tempo: row.tempo,
        missingSampleCount: row.missing_samples,
      });
    }
    return result;
  }

  /** Replaces a session's read, its plugin rows with it (one savepoint: never half-written). */
  save(
    seq: number,
    path: string,
    fingerprint: ProjectFingerprint,
    outcome: ProjectReadOutcome,
    readAt: string,
  ): void {
    const metadata = outcome.metadata;
    const samples = metadata?.samples ?? [];
    const missing = samples.filter((sample) => !sample.exists).length;
    const key = metadata?.key ? parseKey(metadata.key) : null;
    // Missing samples first, so a capped list still shows what needs attention.
    const kept = [
      ...samples.filter((sample) => !sample.exists),
      ...samples.filter((sample) => sample.exists),
    ].slice(0, LIST_CAPS.samples);
    const details: Details = metadata
      ? {
          tracks: metadata.tracks,
          plugins: metadata.plugins,
          samples: samples.length > kept.length ? kept : samples,
        }
      : {};
    this.db.transaction(() => {
      this.statements.put.run({
        seq,
        path,
        size: fingerprint.size,
        mtimeMs: fingerprint.mtimeMs,
        status: outcome.status,
        message: outcome.message,
        readAt,
        dawVersion: metadata?.dawVersion ?? null,
        tempo: metadata?.tempo ?? null,
        timeSignature: metadata?.timeSignature ?? null,
        key: metadata?.key ?? null,
        keyClass: key ? keyClass(key) : null,
        sampleRate:
          metadata?.sampleRate === null || metadata === null ? null : Math.round(metadata.sampleRate),
        trackCount: metadata?.trackCount ?? 0,
        sampleCount: samples.length,
        missingSamples: missing,
        savedAt: metadata?.savedAt ?? null,
        details: JSON.stringify(details),
      });
      this.statements.clearPlugins.run(seq);
      for (const plugin of metadata?.plugins ?? []) {
        this.statements.putPlugin.run(
          seq,
          pluginKey(plugin.name),
          plugin.format,
          plugin.name,
          plugin.vendor,
          Math.max(1, plugin.instances),
        );
      }
    })();
  }

  remove(seq: number): void {
    this.db.transaction(() => {
      this.statements.clearPlugins.run(seq);
      this.statements.remove.run(seq);
    })();
  }

  plugins(limit: number): PluginUsage[] {
    return this.statements.plugins.all(limit) as PluginUsage[];
  }

  missingSamplesCount(): number {
    return (this.statements.missingCount.get() as { n: number }).n;
  }
}
