import type { Database, Statement } from 'better-sqlite3';
import { UNDO_DELETES_KEPT } from '../../../shared/domain';

/** Every row SessionDock stores for one session, as read just before it was deleted. */
export interface SessionSnapshot {
  session: Record<string, unknown>;
  tags: Record<string, unknown>[];
  previews: Record<string, unknown>[];
  waveformNotes: Record<string, unknown>[];
  /** Its places in manual collections (issue 13): `collection_seq, position`. */
  collections: { collection_seq: number; position: number }[];
  /** Its artwork reference (issue 13), or null. */
  artwork: Record<string, unknown> | null;
}

const SESSION_TABLE_COLUMNS = [
  'seq',
  'id',
  'title',
  'title_key',
  'kind',
  'status',
  'accent',
  'client',
  'notes',
  'last_opened',
  'created_at',
  'updated_at',
  'project_path',
  'project_original_path',
  'preferred_preview_id',
];

/**
 * Keeps the last few deleted sessions in memory, whole, so the window's Undo brings one back
 * exactly as it was (tags, previews, waveform notes, same id). Nothing is kept across restarts:
 * a delete is final once the app closes, as the API promises.
 */
export class DeletedSessions {
  private readonly snapshots = new Map<string, SessionSnapshot>();
  private readonly read: {
    session: Statement;
    tags: Statement;
    previews: Statement;
    notes: Statement;
    collections: Statement;
    artwork: Statement;
  };

  constructor(
    private readonly db: Database,
    private readonly capacity = UNDO_DELETES_KEPT,
  ) {
    this.read = {
      session: db.prepare(`SELECT ${SESSION_TABLE_COLUMNS.join(', ')} FROM sessions WHERE id = ?`),
      tags: db.prepare('SELECT * FROM session_tags WHERE session_seq = ? ORDER BY position'),
      previews: db.prepare('SELECT * FROM previews WHERE session_seq = ?'),
      notes: db.prepare('SELECT * FROM waveform_notes WHERE session_seq = ?'),
      collections: db.prepare(
        'SELECT collection_seq, position FROM collection_sessions WHERE session_seq = ?',
      ),
      artwork: db.prepare('SELECT * FROM session_artwork WHERE session_seq = ?'),
    };
  }

  /** Reads everything stored for the session; call inside the deleting transaction. */
  capture(id: string): SessionSnapshot | null {
    const session = this.read.session.get(id) as Record<string, unknown> | undefined;
    if (!session) return null;
    const seq = session.seq;
    return {
      session,
      tags: this.read.tags.all(seq) as Record<string, unknown>[],
      previews: this.read.previews.all(seq) as Record<string, unknown>[],
      waveformNotes: this.read.notes.all(seq) as Record<string, unknown>[],
      collections: this.read.collections.all(seq) as SessionSnapshot['collections'],
      artwork: (this.read.artwork.get(seq) as Record<string, unknown> | undefined) ?? null,
    };
  }

  remember(snapshot: SessionSnapshot): void {
    const id = snapshot.session.id as string;
    this.snapshots.delete(id);
    this.snapshots.set(id, snapshot);
    if (this.snapshots.size > this.capacity) this.snapshots.delete(this.snapshots.keys().next().value!);
  }

  /** Puts the rows back (call inside a transaction); false when the id is unknown or taken again. */
  restore(id: string): boolean {
    const snapshot = this.snapshots.get(id);
    if (!snapshot) return false;
    if (this.db.prepare('SELECT 1 FROM sessions WHERE id = ?').get(id)) return false;
    const { seq: _oldSeq, ...session } = snapshot.session;
    const seq = Number(insert(this.db, 'sessions', session).lastInsertRowid);
    this.db
      .prepare('INSERT INTO sessions_fts (rowid, title, client, notes) VALUES (?, ?, ?, ?)')
      .run(seq, session.title, session.client, session.notes);
    for (const tag of snapshot.tags) {
      this.db
        .prepare('INSERT INTO tags (key, name) VALUES (?, ?) ON CONFLICT (key) DO NOTHING')
        .run(tag.tag_key, tag.label);
      insert(this.db, 'session_tags', { ...tag, session_seq: seq });
    }
    for (const preview of snapshot.previews) insert(this.db, 'previews', { ...preview, session_seq: seq });
    for (const note of snapshot.waveformNotes)
      insert(this.db, 'waveform_notes', { ...note, session_seq: seq });
    for (const place of snapshot.collections) this.restorePlace(seq, place);
    if (snapshot.artwork) insert(this.db, 'session_artwork', { ...snapshot.artwork, session_seq: seq });
    this.snapshots.delete(id);
    return true;
  }

  /**
   * Back in a collection that still exists, at the place it left: usually still free (a removal
   * leaves a gap in the positions); if a session was put there since, the rest move down one.
   */
  private restorePlace(sessionSeq: number, place: SessionSnapshot['collections'][number]): void {
    const { collection_seq: collectionSeq, position } = place;
    if (!this.db.prepare('SELECT 1 FROM collections WHERE seq = ?').get(collectionSeq)) return;
    const taken = this.db
      .prepare('SELECT 1 FROM collection_sessions WHERE collection_seq = ? AND position = ?')
      .get(collectionSeq, position);
    if (taken)
      this.db
        .prepare(
          'UPDATE collection_sessions SET position = position + 1 WHERE collection_seq = ? AND position >= ?',
        )
        .run(collectionSeq, position);
    this.db
      .prepare('INSERT INTO collection_sessions (collection_seq, session_seq, position) VALUES (?, ?, ?)')
      .run(collectionSeq, sessionSeq, position);
  }
}

function insert(db: Database, table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row);
  return db
    .prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    )
    .run(row);
}
