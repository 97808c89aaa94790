import type { Database, Statement } from 'better-sqlite3';
import type { CollectionKind } from '../../../shared/domain';

/** A `collections` row as better-sqlite3 returns it (migration 010). */
export interface CollectionRow {
  seq: number;
  id: string;
  name: string;
  name_key: string;
  kind: CollectionKind;
  /** JSON of the saved filters; smart only. */
  query: string | null;
  position: number;
  member_count: number;
  created_at: string;
  updated_at: string;
}

export interface NewCollectionRow {
  id: string;
  name: string;
  nameKey: string;
  kind: CollectionKind;
  query: string | null;
  createdAt: string;
}

const COLUMNS = 'seq, id, name, name_key, kind, query, position, member_count, created_at, updated_at';

/**
 * SQL for collections and their members. No rules here: the service validates first, and calls the
 * writes inside a transaction. Members keep a `position` each; the order is `(position,
 * session_seq)` and positions are kept distinct within a collection, gaps allowed.
 */
export class CollectionsRepository {
  private readonly statements: Record<
    | 'all'
    | 'byId'
    | 'bySeq'
    | 'count'
    | 'seqByNameKey'
    | 'insert'
    | 'setPosition'
    | 'rename'
    | 'setQuery'
    | 'touch'
    | 'delete'
    | 'sessionSeqs'
    | 'clearMembers'
    | 'insertMembers'
    | 'membersAmong'
    | 'deleteMembers'
    | 'positionAt'
    | 'shiftFrom'
    | 'lastPosition'
    | 'removeMember',
    Statement
  >;

  constructor(private readonly db: Database) {
    this.statements = {
      all: db.prepare(`SELECT ${COLUMNS} FROM collections ORDER BY position, seq`),
      byId: db.prepare(`SELECT ${COLUMNS} FROM collections WHERE id = ?`),
      bySeq: db.prepare(`SELECT ${COLUMNS} FROM collections WHERE seq = ?`),
      count: db.prepare('SELECT count(*) FROM collections').pluck(),
      seqByNameKey: db.prepare('SELECT seq FROM collections WHERE name_key = ?').pluck(),
      insert: db.prepare(
        `INSERT INTO collections (id, name, name_key, kind, query, position, created_at, updated_at)
         VALUES (@id, @name, @nameKey, @kind, @query,
           (SELECT coalesce(max(position) + 1, 0) FROM collections), @createdAt, @createdAt)`,
      ),
      setPosition: db.prepare('UPDATE collections SET position = ? WHERE seq = ?'),
      rename: db.prepare('UPDATE collections SET name = ?, name_key = ? WHERE seq = ?'),
      setQuery: db.prepare('UPDATE collections SET query = ? WHERE seq = ?'),
      touch: db.prepare('UPDATE collections SET updated_at = ? WHERE seq = ?'),
      delete: db.prepare('DELETE FROM collections WHERE seq = ?'),
      // One statement for any number of ids (a JSON array): each is a lookup in sessions' id index.
      sessionSeqs: db.prepare(
        'SELECT j.value AS id, s.seq AS seq FROM json_each(?) j LEFT JOIN sessions s ON s.id = j.value ORDER BY j.key',
      ),
      clearMembers: db.prepare('DELETE FROM collection_sessions WHERE collection_seq = ?'),
      // Seqs as a JSON array, placed from `first` on in array order.
      insertMembers: db.prepare(
        `INSERT INTO collection_sessions (collection_seq, session_seq, position)
         SELECT ?, j.value, ? + j.key FROM json_each(?) j`,
      ),
      membersAmong: db
        .prepare(
          'SELECT session_seq FROM collection_sessions WHERE collection_seq = ? AND session_seq IN (SELECT value FROM json_each(?))',
        )
        .pluck(),
      deleteMembers: db.prepare(
        'DELETE FROM collection_sessions WHERE collection_seq = ? AND session_seq IN (SELECT value FROM json_each(?))',
      ),
      positionAt: db
        .prepare(
          'SELECT position FROM collection_sessions WHERE collection_seq = ? ORDER BY position, session_seq LIMIT 1 OFFSET ?',
        )
        .pluck(),
      shiftFrom: db.prepare(
        'UPDATE collection_sessions SET position = position + ? WHERE collection_seq = ? AND position >= ?',
      ),
      lastPosition: db
        .prepare('SELECT max(position) FROM collection_sessions WHERE collection_seq = ?')
        .pluck(),
      removeMember: db.prepare(
        'DELETE FROM collection_sessions WHERE collection_seq = ? AND session_seq = ?',
      ),
    };
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Every collection in the sidebar's order. */
  all(): CollectionRow[] {
    return this.statements.all.all() as CollectionRow[];
  }

  byId(id: string): CollectionRow | undefined {
    return this.statements.byId.get(id) as CollectionRow | undefined;
  }

  bySeq(seq: number): CollectionRow | undefined {
    return this.statements.bySeq.get(seq) as CollectionRow | undefined;
  }

  count(): number {
    return this.statements.count.get() as number;
  }

  seqByNameKey(nameKey: string): number | undefined {
    return this.statements.seqByNameKey.get(nameKey) as number | undefined;
  }

  /** Adds the collection at the end of the sidebar; returns its seq. */
  insert(row: NewCollectionRow): number {
    return Number(this.statements.insert.run(row).lastInsertRowid);
  }

  /** Numbers the collections 0, 1, 2… in the given order. */
  setOrder(seqs: readonly number[]): void {
    seqs.forEach((seq, position) => this.statements.setPosition.run(position, seq));
  }

  rename(seq: number, name: string, nameKey: string): void {
    this.statements.rename.run(name, nameKey, seq);
  }

  setQuery(seq: number, query: string): void {
    this.statements.setQuery.run(query, seq);
  }

  touch(seq: number, updatedAt: string): void {
    this.statements.touch.run(updatedAt, seq);
  }

  /** Deletes the collection; its memberships go with it (never a session). */
  delete(seq: number): void {
    this.statements.delete.run(seq);
  }

  /** Each id's session seq, or undefined for an id no session has; in the order given. */
  sessionSeqs(ids: readonly string[]): { id: string; seq: number | undefined }[] {
    return (this.statements.sessionSeqs.all(JSON.stringify(ids)) as { id: string; seq: number | null }[]).map(
      (row) => ({ id: row.id, seq: row.seq ?? undefined }),
    );
  }

  /** The collection holds exactly these sessions, in this order. */
  replaceMembers(collectionSeq: number, sessionSeqs: readonly number[]): void {
    this.statements.clearMembers.run(collectionSeq);
    this.statements.insertMembers.run(collectionSeq, 0, JSON.stringify(sessionSeqs));
  }

  /**
   * Puts the sessions at `index` of the order (null: at the end), in the order given. Without an
   * index, members stay where they are and only new ones are added; with one, members among them
   * move there too (`index` counts in the order without them). Returns whether anything changed.
   */
  placeMembers(collectionSeq: number, sessionSeqs: readonly number[], index: number | null): boolean {
    const already = new Set(
      this.statements.membersAmong.all(collectionSeq, JSON.stringify(sessionSeqs)) as number[],
    );
    if (index === null) {
      const fresh = sessionSeqs.filter((seq) => !already.has(seq));
      if (fresh.length === 0) return false;
      this.insertAt(collectionSeq, fresh, this.nextPosition(collectionSeq));
      return true;
    }
    if (sessionSeqs.length === 0) return false;
    if (already.size > 0) this.statements.deleteMembers.run(collectionSeq, JSON.stringify([...already]));
    const at = this.statements.positionAt.get(collectionSeq, index) as number | undefined;
    if (at === undefined) {
      this.insertAt(collectionSeq, sessionSeqs, this.nextPosition(collectionSeq));
    } else {
      this.statements.shiftFrom.run(sessionSeqs.length, collectionSeq, at);
      this.insertAt(collectionSeq, sessionSeqs, at);
    }
    return true;
  }

  /** Whether the session was a member. */
  removeMember(collectionSeq: number, sessionSeq: number): boolean {
    return this.statements.removeMember.run(collectionSeq, sessionSeq).changes > 0;
  }

  private nextPosition(collectionSeq: number): number {
    const last = this.statements.lastPosition.get(collectionSeq) as number | null;
    return last === null ? 0 : last + 1;
  }

  private insertAt(collectionSeq: number, sessionSeqs: readonly number[], first: number): void {
    this.statements.insertMembers.run(collectionSeq, first, JSON.stringify(sessionSeqs));
  }
}
