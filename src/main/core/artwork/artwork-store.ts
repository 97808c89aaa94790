import type { Database, Statement } from 'better-sqlite3';
import type { ArtworkFormat } from './image-formats';

export type ArtworkSource = 'file' | 'found' | 'stored';

/** A `session_artwork` row (migration 011). */
export interface ArtworkRow {
  sessionSeq: number;
  source: ArtworkSource;
  /** The user's absolute path (`file`, `found`), or the stored image's name (`stored`). */
  path: string;
  format: ArtworkFormat;
  width: number;
  height: number;
  setAt: string;
}

const COLUMNS = 'session_seq AS sessionSeq, source, path, format, width, height, set_at AS setAt';

/** The `session_artwork` table: one image per session at most. */
export class ArtworkStore {
  private readonly statements: Record<
    'get' | 'ofSessions' | 'upsert' | 'insertIfNone' | 'remove' | 'storedUsed' | 'page',
    Statement
  >;

  constructor(db: Database) {
    this.statements = {
      get: db.prepare(`SELECT ${COLUMNS} FROM session_artwork WHERE session_seq = ?`),
      ofSessions: db.prepare(
        `SELECT s.id AS sessionId, a.session_seq AS sessionSeq, a.source, a.path, a.format, a.width,
           a.height, a.set_at AS setAt
         FROM json_each(?) AS wanted
         JOIN sessions AS s ON s.id = wanted.value
         JOIN session_artwork AS a ON a.session_seq = s.seq`,
      ),
      upsert: db.prepare(
        `INSERT INTO session_artwork (session_seq, source, path, format, width, height, set_at)
         VALUES (@sessionSeq, @source, @path, @format, @width, @height, @setAt)
         ON CONFLICT (session_seq) DO UPDATE SET source = excluded.source, path = excluded.path,
           format = excluded.format, width = excluded.width, height = excluded.height,
           set_at = excluded.set_at`,
      ),
      insertIfNone: db.prepare(
        `INSERT INTO session_artwork (session_seq, source, path, format, width, height, set_at)
         VALUES (@sessionSeq, @source, @path, @format, @width, @height, @setAt)
         ON CONFLICT (session_seq) DO NOTHING`,
      ),
      remove: db.prepare('DELETE FROM session_artwork WHERE session_seq = ?'),
      storedUsed: db.prepare("SELECT 1 FROM session_artwork WHERE source = 'stored' AND path = ? LIMIT 1"),
      page: db.prepare(
        `SELECT ${COLUMNS} FROM session_artwork WHERE session_seq > ? ORDER BY session_seq LIMIT ?`,
      ),
    };
  }

  get(seq: number): ArtworkRow | null {
    return (this.statements.get.get(seq) as ArtworkRow | undefined) ?? null;
  }

  /** The rows of these sessions (by id), with each session's id; unknown ids are left out. */
  ofSessions(ids: readonly string[]): (ArtworkRow & { sessionId: string })[] {
    if (ids.length === 0) return [];
    return this.statements.ofSessions.all(JSON.stringify(ids)) as (ArtworkRow & { sessionId: string })[];
  }

  set(row: ArtworkRow): void {
    this.statements.upsert.run(row);
  }

  /** Sets the row unless the session already has artwork (found on import never replaces a choice). */
  setIfNone(row: ArtworkRow): boolean {
    return this.statements.insertIfNone.run(row).changes > 0;
  }

  remove(seq: number): boolean {
    return this.statements.remove.run(seq).changes > 0;
  }

  /** Whether any session's artwork is this stored image. */
  isStoredUsed(name: string): boolean {
    return this.statements.storedUsed.get(name) !== undefined;
  }

  /** Rows in session order after `afterSeq`, `limit` at a time (for sweeps that yield between pages). */
  page(afterSeq: number, limit: number): ArtworkRow[] {
    return this.statements.page.all(afterSeq, limit) as ArtworkRow[];
  }
}
