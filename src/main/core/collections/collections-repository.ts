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
 * Members are placed this far apart, so a drag or an insert between two members takes free
 * positions between them instead of moving every member after it (~10 ms for 5,000); only when
 * a run of inserts at one place has used the room up are the following members moved.
 */
export const POSITION_GAP = 1024;

/**
 * SQL for collections and their members. No rules here: the service validates first, and calls the
 * writes inside a transaction. Members keep a `position` each; the order is `(position,
 * session_seq)` and positions are kept distinct within a collection, POSITION_GAP apart when
 * placed in a row, closer where sessions were put between others.
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
    | 'insertPlaced'
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
      // Seqs as a JSON array, placed from `first` on, POSITION_GAP apart, in array order.
      insertMembers: db.prepare(
        `INSERT INTO collection_sessions (collection_seq, session_seq, position)
         SELECT ?, j.value, ? + j.key * ${POSITION_GAP} FROM json_each(?) j`,
      ),
      // [seq, position] pairs as a JSON array.
      insertPlaced: db.prepare(
        `INSERT INTO collection_sessions (collection_seq, session_seq, position)
         SELECT ?, j.value ->> 0, j.value ->> 1 FROM json_each(?) j`,
      ),
      membersAmong: db
        .prepare(
          'SELECT session_seq FROM collection_sessions WHERE collection_seq = ? AND session_seq IN (SELECT value FROM json_each(?))',
        )
        .pluck(),
      deleteMembers: db.prepare(
        'DELETE FROM collection_sessions WHERE collection_seq = ? AND session_seq IN (SELECT value FROM json_each(?))',
      ),
      // The positions at an index and the one before it (OFFSET index - 1, up to two rows).
      positionAt: db
        .prepare(
          'SELECT position FROM collection_sessions WHERE collection_seq = ? ORDER BY position, session_seq LIMIT ? OFFSET ?',
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
    const around =
      index === 0
        ? (this.statements.positionAt.all(collectionSeq, 1, 0) as number[])
        : (this.statements.positionAt.all(collectionSeq, 2, index - 1) as number[]);
    const [before, at] = index === 0 ? [undefined, around[0]] : [around[0], around[1]];
    if (at === undefined) {
      this.insertAt(collectionSeq, sessionSeqs, this.nextPosition(collectionSeq));
      return true;
    }
    const count = sessionSeqs.length;
    // Before the first member there is always room; between two, when they are far enough apart.
    const low = before ?? at - POSITION_GAP * (count + 1);
    if (at - low <= count) {
      this.statements.shiftFrom.run(count * POSITION_GAP, collectionSeq, at);
      this.insertAt(collectionSeq, sessionSeqs, at);
      return true;
    }
    // Spread over the room between `low` and `at`: distinct integers, strictly between the two.
    const step = (at - low) / (count + 1);
    const placed = sessionSeqs.map((seq, k) => [seq, low + Math.floor(step * (k + 1))]);
    this.statements.insertPlaced.run(collectionSeq, JSON.stringify(placed));
    return true;
  }

  /** Whether the session was a member. */
  removeMember(collectionSeq: number, sessionSeq: number): boolean {
    return this.statements.removeMember.run(collectionSeq, sessionSeq).changes > 0;
  }

  /** The manual collections holding a session (their seqs). */
  manualHolding(sessionSeq: number): Set<number> {
    const rows = this.db
      .prepare('SELECT collection_seq FROM collection_sessions WHERE session_seq = ?')
      .pluck()
      .all(sessionSeq) as number[];
    return new Set(rows);
  }

  /** Whether one session passes a list filter's WHERE clause (a smart collection's test). */
  sessionMatches(where: string, params: readonly unknown[], sessionSeq: number): boolean {
    const test = where === '' ? 'WHERE s.seq = ?' : `${where} AND s.seq = ?`;
    return this.db.prepare(`SELECT 1 FROM sessions s ${test}`).get(...params, sessionSeq) !== undefined;
  }

  private nextPosition(collectionSeq: number): number {
    const last = this.statements.lastPosition.get(collectionSeq) as number | null;
    return last === null ? 0 : last + POSITION_GAP;
  }

  private insertAt(collectionSeq: number, sessionSeqs: readonly number[], first: number): void {
    this.statements.insertMembers.run(collectionSeq, first, JSON.stringify(sessionSeqs));
  }
}
