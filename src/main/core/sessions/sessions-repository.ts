import type { Database, Statement } from 'better-sqlite3';
import type { SessionListQuery, SessionWrite, TagCount } from '../../../shared/domain';
import { tagKey } from '../../../shared/validation';
import { buildListSql, listStatementTexts, matchSetInsert, type ListSql } from './list-sql';
import { ListMemo, type MatchSet } from './list-memo';
import { OrderAnchors, type OrderKey } from './order-anchors';
import { SESSION_COLUMNS, titleSortKey, type SessionRowWithChildren } from './session-row';

/**
 * Above this many matches, a filtered list walks the sort index and keeps the rows that match,
 * stopping at the page end; below it, SQLite collects the matches first and sorts them. A broad
 * search ("mix") then costs a short index walk instead of sorting a third of the library.
 */
const WALK_SORT_INDEX_ABOVE = 1000;

/**
 * Rows between anchors (OrderAnchors): a deep page skips at most this many index entries
 * (~0.1 ms), and a million sessions need about 1,000 anchors per order.
 */
const ANCHOR_STEP = 1024;

/**
 * Walking the sort index and looking each row up in a match set costs about as much per row as
 * collecting a match and sorting it; walk while the expected walk is shorter than this many times
 * the number of matches.
 */
const WALK_WHILE_SHORTER_THAN = 4;

/** Most rows a row-by-row page of a short-word search may test (~20–30 µs each). */
const ROW_BY_ROW_MAX_TESTS = 300;

/** How a list page was found (see SessionsRepository.list). */
export type ListPlan =
  'collect' | 'walk' | 'anchor' | 'row-by-row' | 'match-set order' | 'match-set walk' | 'empty';

export interface NewSessionRow extends SessionWrite {
  id: string;
  createdAt: string;
}

/** SQL for sessions and their tags. No rules here: the service validates before calling. */
export class SessionsRepository {
  private readonly statements: {
    insert: Statement;
    bySeqOrId: Statement;
    byIds: Statement;
    seqById: Statement;
    indexRange: Statement;
    deleteById: Statement;
    tagsOf: Statement;
    deleteTags: Statement;
    ensureTag: Statement;
    insertTag: Statement;
    tagCounts: Statement;
    byProjectPath: Statement;
    setLastOpened: Statement;
    touch: Statement;
    sessionCount: Statement;
  };
  private readonly listCache = new Map<string, ListStatements>();
  private readonly updateCache = new Map<string, Statement>();
  private readonly memo: ListMemo;
  /** The plan the last list page used (for tests and benchmarks). */
  lastPlan: ListPlan = 'collect';

  constructor(private readonly db: Database) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO sessions (id, title, title_key, kind, status, accent, client, notes, created_at, updated_at,
           project_path, project_original_path)
         VALUES (@id, @title, @titleKey, @kind, @status, @accent, @client, @notes, @createdAt, @createdAt,
           @projectPath, @projectPath)`,
      ),
      bySeqOrId: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.id = ?`),
      byIds: db.prepare(
        `SELECT ${SESSION_COLUMNS} FROM json_each(?) j JOIN sessions s ON s.id = j.value ORDER BY j.key`,
      ),
      seqById: db.prepare('SELECT seq FROM sessions WHERE id = ?'),
      indexRange: db.prepare(
        'INSERT INTO sessions_fts (rowid, title, client, notes) SELECT seq, title, client, notes FROM sessions WHERE seq BETWEEN ? AND ?',
      ),
      deleteById: db.prepare('DELETE FROM sessions WHERE id = ?'),
      tagsOf: db.prepare('SELECT label FROM session_tags WHERE session_seq = ? ORDER BY position'),
      deleteTags: db.prepare('DELETE FROM session_tags WHERE session_seq = ?'),
      ensureTag: db.prepare('INSERT INTO tags (key, name) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
      insertTag: db.prepare(
        'INSERT INTO session_tags (session_seq, tag_key, position, label) VALUES (?, ?, ?, ?)',
      ),
      tagCounts: db.prepare(
        'SELECT name AS tag, usage_count AS count FROM tags WHERE usage_count > 0 ORDER BY usage_count DESC, key',
      ),
      byProjectPath: db.prepare('SELECT id FROM sessions WHERE project_path = ? LIMIT 1'),
      setLastOpened: db.prepare('UPDATE sessions SET last_opened = ? WHERE seq = ?'),
      touch: db.prepare('UPDATE sessions SET updated_at = ? WHERE seq = ?'),
      sessionCount: db.prepare('SELECT sessions FROM session_count WHERE id = 0').pluck(),
    };
    this.memo = ListMemo.for(db);
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Inserts one session with its tags and search-index entry. Call inside a transaction. */
  insert(row: NewSessionRow): number {
    const seq = this.insertRow(row);
    this.statements.indexRange.run(seq, seq);
    return seq;
  }

  /**
   * Inserts many sessions and indexes them for search with one statement at the end: the fast
   * path for imports (100,000 sessions in seconds). Call inside a transaction.
   */
  insertMany(rows: readonly NewSessionRow[]): number[] {
    const seqs = rows.map((row) => this.insertRow(row));
    // A loop, not Math.min(...seqs): spreading a million arguments overflows the stack.
    if (seqs.length > 0) {
      let low = seqs[0]!;
      let high = low;
      for (const seq of seqs) {
        if (seq < low) low = seq;
        if (seq > high) high = seq;
      }
      this.statements.indexRange.run(low, high);
    }
    return seqs;
  }

  private insertRow(row: NewSessionRow): number {
    const result = this.statements.insert.run({ ...row, titleKey: titleSortKey(row.title) });
    const seq = Number(result.lastInsertRowid);
    this.replaceTags(seq, row.tags);
    return seq;
  }

  /** Updates the given columns (already validated) and `updated_at`. */
  update(seq: number, changes: Partial<SessionWrite>, updatedAt: string): void {
    const columns: Record<string, unknown> = { updated_at: updatedAt };
    if (changes.title !== undefined) {
      columns.title = changes.title;
      columns.title_key = titleSortKey(changes.title);
    }
    if (changes.kind !== undefined) columns.kind = changes.kind;
    if (changes.status !== undefined) columns.status = changes.status;
    if (changes.accent !== undefined) columns.accent = changes.accent;
    if (changes.client !== undefined) columns.client = changes.client;
    if (changes.notes !== undefined) columns.notes = changes.notes;
    if (changes.projectPath !== undefined) {
      columns.project_path = changes.projectPath;
    }
    const assignments = Object.keys(columns).map((column) => `${column} = @${column}`);
    // project_original_path is the first path ever given: only filled while still empty.
    if (changes.projectPath)
      assignments.push('project_original_path = COALESCE(project_original_path, @project_path)');
    this.updateStatement(assignments).run({ ...columns, seq });
    if (changes.tags !== undefined) this.replaceTags(seq, changes.tags);
  }

  /** One prepared UPDATE per set of changed columns (at most 2^9 shapes, a handful in practice). */
  private updateStatement(assignments: readonly string[]): Statement {
    const sql = `UPDATE sessions SET ${assignments.join(', ')} WHERE seq = @seq`;
    let statement = this.updateCache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.updateCache.set(sql, statement);
    }
    return statement;
  }

  setLastOpened(seq: number, at: string): void {
    this.statements.setLastOpened.run(at, seq);
  }

  touch(seq: number, updatedAt: string): void {
    this.statements.touch.run(updatedAt, seq);
  }

  findById(id: string): SessionRowWithChildren | undefined {
    return this.statements.bySeqOrId.get(id) as SessionRowWithChildren | undefined;
  }

  /** The sessions of these ids that exist, in the order given: one query for many rows. */
  findByIds(ids: readonly string[]): SessionRowWithChildren[] {
    return this.statements.byIds.all(JSON.stringify(ids)) as SessionRowWithChildren[];
  }

  seqOf(id: string): number | undefined {
    return (this.statements.seqById.get(id) as { seq: number } | undefined)?.seq;
  }

  findIdByProjectPath(path: string): string | undefined {
    return (this.statements.byProjectPath.get(path) as { id: string } | undefined)?.id;
  }

  /** Deletes the session; foreign keys cascade to its tags, previews and waveform notes. */
  deleteById(id: string): boolean {
    return this.statements.deleteById.run(id).changes > 0;
  }

  tagsOf(seq: number): string[] {
    return (this.statements.tagsOf.all(seq) as { label: string }[]).map((row) => row.label);
  }

  replaceTags(seq: number, tags: readonly string[]): void {
    this.statements.deleteTags.run(seq);
    tags.forEach((tag, position) => {
      const key = tagKey(tag);
      this.statements.ensureTag.run(key, tag);
      this.statements.insertTag.run(seq, key, position, tag);
    });
  }

  list(query: SessionListQuery): { rows: SessionRowWithChildren[]; total: number } {
    const sql = buildListSql(query);
    const statements = this.listStatements(sql);
    // Inside a transaction nothing is remembered: a rollback would take back what the memo saw
    // (uncommitted rows, the match set's own rows) without moving the change stamp.
    if (this.db.inTransaction) return this.listUnremembered(sql, statements, query);
    this.memo.sync();
    if (statements.walkRowByRow) {
      const rows = this.pageRowByRow(sql, statements, statements.walkRowByRow, query);
      if (rows) return rows;
    }
    if (sql.matchSet && statements.inMatchSet && statements.fillMatchSet) {
      const set = this.rememberedMatchSet(sql, statements.fillMatchSet);
      if (set) return this.pageOfMatchSet(sql, statements.inMatchSet, set, query);
    }
    const total = this.rememberedCount(sql, statements);
    if (total === 0 || query.offset >= total) return this.empty(total);
    const rows = this.page(sql, statements, query, total) as SessionRowWithChildren[];
    return { rows, total };
  }

  /**
   * A broad search of short words: count (a prefix-index read), then walk the sort index testing
   * rows, when a page needs few tests. Undefined when the matches are too sparse for that.
   */
  private pageRowByRow(
    sql: ListSql,
    statements: ListStatements,
    walk: Statement,
    query: SessionListQuery,
  ): { rows: SessionRowWithChildren[]; total: number } | undefined {
    const total = this.rememberedCount(sql, statements);
    if (total === 0 || query.offset >= total) return this.empty(total);
    const sessions = this.statements.sessionCount.get() as number;
    if (((query.offset + query.limit) * sessions) / total > ROW_BY_ROW_MAX_TESTS) return undefined;
    this.lastPlan = 'row-by-row';
    const rows = walk.all(...sql.params, query.limit, query.offset) as SessionRowWithChildren[];
    return { rows, total };
  }

  private rememberedCount(sql: ListSql, statements: ListStatements): number {
    return this.memo.count(`${sql.count}|${JSON.stringify(sql.countParams)}`, () =>
      this.countNow(sql, statements),
    );
  }

  private countNow(sql: ListSql, statements: ListStatements): number {
    return (statements.count.get(...sql.countParams) as { total: number }).total;
  }

  /** The filter's match set, or undefined when it cannot be stored (then the plain plans serve). */
  private rememberedMatchSet(sql: ListSql, fill: Statement): MatchSet | undefined {
    const { sql: text, params } = sql.matchSet!;
    try {
      return this.memo.matchSet(`${text}|${JSON.stringify(params)}`, (id) => fill.run(id, ...params).changes);
    } catch {
      return undefined;
    }
  }

  private pageOfMatchSet(
    sql: ListSql,
    statements: NonNullable<ListStatements['inMatchSet']>,
    set: MatchSet,
    query: SessionListQuery,
  ): { rows: SessionRowWithChildren[]; total: number } {
    const params = [set.id, ...sql.plainParams];
    const total =
      sql.plainParams.length === 0 && !query.recent
        ? set.size
        : this.memo.count(
            `set ${set.id}|${sql.plainWhere}|${JSON.stringify(sql.plainParams)}`,
            () => (statements.count.get(...params) as { total: number }).total,
          );
    if (total === 0 || query.offset >= total) return this.empty(total);
    const sessions = this.statements.sessionCount.get() as number;
    const rowsToWalk = ((query.offset + query.limit) * sessions) / total;
    const walk = total > WALK_SORT_INDEX_ABOVE && rowsToWalk < WALK_WHILE_SHORTER_THAN * total;
    // Few matches, or a page far down: sort them once in this order, then every page is a range.
    const ordered = walk ? undefined : this.orderedMatchSet(sql, statements, set, params);
    if (!ordered) {
      this.lastPlan = 'match-set walk';
      const rows = statements.walkIndex.all(...params, query.limit, query.offset) as SessionRowWithChildren[];
      return { rows, total };
    }
    this.lastPlan = 'match-set order';
    const rows = statements.fromOrder.all(ordered.id, query.offset, query.limit) as SessionRowWithChildren[];
    return { rows, total };
  }

  /** The set sorted in this order, or undefined when it cannot be stored (walking gives the same rows). */
  private orderedMatchSet(
    sql: ListSql,
    statements: NonNullable<ListStatements['inMatchSet']>,
    set: MatchSet,
    params: readonly unknown[],
  ): MatchSet | undefined {
    try {
      return this.memo.matchSet(
        `${set.id}|${sql.plainWhere}|${JSON.stringify(sql.plainParams)}|${sql.orderBy}`,
        (orderId) => statements.fillOrder.run(orderId, ...params).changes,
        'order',
      );
    } catch {
      return undefined;
    }
  }

  private listUnremembered(
    sql: ListSql,
    statements: ListStatements,
    query: SessionListQuery,
  ): { rows: SessionRowWithChildren[]; total: number } {
    const total = this.countNow(sql, statements);
    if (total === 0 || query.offset >= total) return this.empty(total);
    return { rows: this.plainPage(sql, statements, query, total), total };
  }

  /** Walks the sort index when there are many matches, else collects and sorts them. */
  private plainPage(
    sql: ListSql,
    statements: ListStatements,
    query: SessionListQuery,
    total: number,
  ): SessionRowWithChildren[] {
    const walk = total > WALK_SORT_INDEX_ABOVE;
    this.lastPlan = walk ? 'walk' : 'collect';
    const statement = walk ? statements.walkIndex : statements.collectThenSort;
    return statement.all(...sql.params, query.limit, query.offset) as SessionRowWithChildren[];
  }

  private empty(total: number): { rows: SessionRowWithChildren[]; total: number } {
    this.lastPlan = 'empty';
    return { rows: [], total };
  }

  /** Picks the cheapest way to one page; every way returns the same rows. */
  private page(sql: ListSql, statements: ListStatements, query: SessionListQuery, total: number): unknown[] {
    const { limit, offset } = query;
    if (sql.anchorable && offset >= ANCHOR_STEP) {
      const anchors = this.memo.anchorsFor(
        `${sql.plainWhere}|${sql.sortIndex}|${JSON.stringify(sql.plainParams)}`,
        () => this.anchors(statements, sql.plainParams),
      );
      // Descending pages count from the end: the first row shown is this far into ascending order.
      const placed =
        sql.direction === 'ASC' ? anchors.atOrBefore(offset) : anchors.atOrAfter(total - 1 - offset);
      if (placed) {
        this.lastPlan = 'anchor';
        const skip =
          sql.direction === 'ASC' ? offset - placed.position : placed.position - (total - 1 - offset);
        return statements.fromAnchor.all(
          ...sql.plainParams,
          placed.anchor.key,
          placed.anchor.id,
          limit,
          skip,
        );
      }
    }
    return this.plainPage(sql, statements, query, total);
  }

  private anchors(statements: ListStatements, params: readonly unknown[]): OrderAnchors {
    return new OrderAnchors(
      ANCHOR_STEP,
      (offset) => statements.anchorAt.get(...params, offset) as OrderKey | undefined,
      (after, offset) =>
        statements.anchorAfter.get(...params, after.key, after.id, offset) as OrderKey | undefined,
    );
  }

  tagCounts(): TagCount[] {
    return this.statements.tagCounts.all() as TagCount[];
  }

  /** Prepared statements per query shape; the number of shapes is small and bounded. */
  private listStatements(sql: ListSql): ListStatements {
    // Short-word searches share the SQL of long-word ones but not their plans (rowByRowWhere).
    const key = `${sql.where}|${sql.orderBy}|${sql.rowByRowWhere !== null}`;
    let cached = this.listCache.get(key);
    if (!cached) {
      const texts = listStatementTexts(sql);
      const fill = matchSetInsert(sql);
      cached = {
        count: this.db.prepare(texts.count),
        collectThenSort: this.db.prepare(texts.collectThenSort),
        walkIndex: this.db.prepare(texts.walkIndex),
        inMatchSet:
          texts.inMatchSet === null
            ? null
            : {
                count: this.db.prepare(texts.inMatchSet.count),
                walkIndex: this.db.prepare(texts.inMatchSet.walkIndex),
                fillOrder: this.db.prepare(texts.inMatchSet.fillOrder),
                fromOrder: this.db.prepare(texts.inMatchSet.fromOrder),
              },
        fillMatchSet: fill === null ? null : this.db.prepare(fill),
        walkRowByRow: texts.walkRowByRow === null ? null : this.db.prepare(texts.walkRowByRow),
        fromAnchor: this.db.prepare(texts.fromAnchor),
        anchorAt: this.db.prepare(texts.anchorAt),
        anchorAfter: this.db.prepare(texts.anchorAfter),
      };
      if (this.listCache.size > 256) this.listCache.clear();
      this.listCache.set(key, cached);
    }
    return cached;
  }
}

interface ListStatements {
  count: Statement;
  collectThenSort: Statement;
  walkIndex: Statement;
  inMatchSet: {
    count: Statement;
    walkIndex: Statement;
    fillOrder: Statement;
    fromOrder: Statement;
  } | null;
  fillMatchSet: Statement | null;
  walkRowByRow: Statement | null;
  fromAnchor: Statement;
  anchorAt: Statement;
  anchorAfter: Statement;
}
