import type { Database, Statement } from 'better-sqlite3';
import type {
  ExportedArtwork,
  ExportedCollection,
  ExportedPreview,
  ExportedProject,
  ExportedSession,
  ExportedWaveformNote,
} from './export-format';

/** Sessions per read: a chunk takes a few milliseconds, and the event loop runs between chunks. */
export const EXPORT_CHUNK = 500;

interface SessionRow {
  seq: number;
  id: string;
  title: string;
  kind: string;
  status: string;
  accent: string;
  client: string;
  notes: string;
  last_opened: string | null;
  created_at: string;
  updated_at: string;
  project_path: string | null;
  project_original_path: string | null;
  preferred_preview_id: string | null;
  preferred_by_user: number;
}

interface PreviewRow {
  id: string;
  session_seq: number;
  name: string;
  path: string;
  status: string;
  mime: string | null;
  source: string;
  added_at: string;
  size: number | null;
  mtime_ms: number | null;
}

interface NoteRow {
  id: string;
  preview_id: string;
  timestamp: number;
  text: string;
  created_at: string;
  updated_at: string;
}

/** Tables added by later migrations: exported when the library has them. */
function tablesOf(db: Database): Set<string> {
  return new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
}

/** snake_case columns as camelCase fields. */
function camel(row: Record<string, unknown>, leaveOut: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (leaveOut.includes(column)) continue;
    out[column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value;
  }
  return out;
}

/** Groups rows by their session's seq, keeping their order. */
function bySession<T extends { session_seq: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.session_seq);
    if (group) group.push(row);
    else groups.set(row.session_seq, [row]);
  }
  return groups;
}

/**
 * Reads the library for an export, a chunk of sessions at a time (by seq, so sessions added while
 * exporting are read too, and none twice), each with everything stored for it.
 */
export class LibraryReader {
  private readonly statements: {
    sessions: Statement;
    tags: Statement;
    previews: Statement;
    notes: Statement;
    project: Statement | null;
    plugins: Statement | null;
    artwork: Statement | null;
  };
  readonly hasCollections: boolean;

  constructor(private readonly db: Database) {
    const tables = tablesOf(db);
    const range = 'WHERE session_seq BETWEEN ? AND ?';
    this.statements = {
      sessions: db.prepare(
        `SELECT seq, id, title, kind, status, accent, client, notes, last_opened, created_at, updated_at,
           project_path, project_original_path, preferred_preview_id, preferred_by_user
         FROM sessions WHERE seq > ? ORDER BY seq LIMIT ?`,
      ),
      tags: db.prepare(`SELECT session_seq, label FROM session_tags ${range} ORDER BY session_seq, position`),
      previews: db.prepare(`SELECT * FROM previews ${range} ORDER BY session_seq, added_at, id`),
      notes: db.prepare(
        `SELECT session_seq, id, preview_id, timestamp, text, created_at, updated_at FROM waveform_notes ${range}
         ORDER BY session_seq, preview_id, timestamp, created_at, id`,
      ),
      project: tables.has('project_metadata') ? db.prepare(`SELECT * FROM project_metadata ${range}`) : null,
      plugins: tables.has('project_plugins')
        ? db.prepare(`SELECT * FROM project_plugins ${range} ORDER BY session_seq, name_key, format`)
        : null,
      artwork: tables.has('session_artwork') ? db.prepare(`SELECT * FROM session_artwork ${range}`) : null,
    };
    this.hasCollections = tables.has('collections') && tables.has('collection_sessions');
  }

  /** Up to `limit` sessions after `afterSeq`, and the last seq read (for the next chunk). */
  sessionsAfter(afterSeq: number, limit = EXPORT_CHUNK): { sessions: ExportedSession[]; lastSeq: number } {
    return this.db.transaction(() => {
      const rows = this.statements.sessions.all(afterSeq, limit) as SessionRow[];
      if (rows.length === 0) return { sessions: [], lastSeq: afterSeq };
      const low = rows[0]!.seq;
      const high = rows[rows.length - 1]!.seq;
      const tags = bySession(this.statements.tags.all(low, high) as { session_seq: number; label: string }[]);
      const previews = bySession(this.statements.previews.all(low, high) as PreviewRow[]);
      const notes = bySession(this.statements.notes.all(low, high) as (NoteRow & { session_seq: number })[]);
      const projects = this.keyed(this.statements.project, low, high);
      const plugins = this.statements.plugins
        ? bySession(this.statements.plugins.all(low, high) as { session_seq: number }[])
        : new Map<number, { session_seq: number }[]>();
      const artwork = this.keyed(this.statements.artwork, low, high);
      const sessions = rows.map((row) =>
        toExported(row, {
          tags: (tags.get(row.seq) ?? []).map((tag) => tag.label),
          previews: previews.get(row.seq) ?? [],
          notes: notes.get(row.seq) ?? [],
          project: projects.get(row.seq),
          plugins: plugins.get(row.seq) ?? [],
          artwork: artwork.get(row.seq),
        }),
      );
      return { sessions, lastSeq: high };
    })();
  }

  /** Every collection in the sidebar's order with its members in theirs; null without the table. */
  collections(): ExportedCollection[] | null {
    if (!this.hasCollections) return null;
    const members = this.db.prepare(
      `SELECT s.id FROM collection_sessions cs JOIN sessions s ON s.seq = cs.session_seq
       WHERE cs.collection_seq = ? ORDER BY cs.position, cs.session_seq`,
    );
    const rows = this.db
      .prepare(
        'SELECT seq, id, name, kind, query, position, created_at, updated_at FROM collections ORDER BY position, seq',
      )
      .all() as {
      seq: number;
      id: string;
      name: string;
      kind: 'manual' | 'smart';
      query: string | null;
      position: number;
      created_at: string;
      updated_at: string;
    }[];
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      query: row.query === null ? null : (JSON.parse(row.query) as Record<string, unknown>),
      position: row.position,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      sessionIds: row.kind === 'manual' ? (members.pluck().all(row.seq) as string[]) : [],
    }));
  }

  private keyed(
    statement: Statement | null,
    low: number,
    high: number,
  ): Map<number, Record<string, unknown>> {
    if (!statement) return new Map();
    const rows = statement.all(low, high) as (Record<string, unknown> & { session_seq: number })[];
    return new Map(rows.map((row) => [row.session_seq, row]));
  }
}

function toExported(
  row: SessionRow,
  children: {
    tags: string[];
    previews: PreviewRow[];
    notes: (NoteRow & { session_seq: number })[];
    project: Record<string, unknown> | undefined;
    plugins: Record<string, unknown>[];
    artwork: Record<string, unknown> | undefined;
  },
): ExportedSession {
  const notesByPreview = new Map<string, ExportedWaveformNote[]>();
  for (const note of children.notes) {
    const lane = notesByPreview.get(note.preview_id) ?? [];
    lane.push({
      id: note.id,
      timestamp: note.timestamp,
      text: note.text,
      createdAt: note.created_at,
      updatedAt: note.updated_at,
    });
    notesByPreview.set(note.preview_id, lane);
  }
  const previews: ExportedPreview[] = children.previews.map((preview) => ({
    id: preview.id,
    name: preview.name,
    path: preview.path,
    status: preview.status,
    mime: preview.mime,
    source: preview.source,
    addedAt: preview.added_at,
    size: preview.size,
    mtimeMs: preview.mtime_ms,
    waveformNotes: notesByPreview.get(preview.id) ?? [],
  }));
  const session: ExportedSession = {
    id: row.id,
    title: row.title,
    kind: row.kind,
    status: row.status,
    accent: row.accent,
    client: row.client,
    tags: children.tags,
    notes: row.notes,
    projectPath: row.project_path,
    projectOriginalPath: row.project_original_path,
    lastOpened: row.last_opened,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    preferredPreviewId: row.preferred_preview_id,
    preferredByUser: row.preferred_by_user === 1,
    previews,
  };
  if (children.project) {
    const project = camel(children.project, ['session_seq']);
    if (typeof project.details === 'string') project.details = parseJson(project.details);
    project.plugins = children.plugins.map((plugin) => camel(plugin, ['session_seq', 'name_key']));
    session.project = project as ExportedProject;
  }
  if (children.artwork)
    session.artwork = camel(children.artwork, ['session_seq']) as unknown as ExportedArtwork;
  return session;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
