import type { Database, Statement } from 'better-sqlite3';
import type { SessionListQuery, SessionWrite, TagCount } from '../../../shared/domain';
import { tagKey } from '../../../shared/validation';
import { buildListSql } from './list-sql';
import { SESSION_COLUMNS, titleSortKey, type PreviewRow, type SessionRow } from './session-row';

export interface NewSessionRow extends SessionWrite {
  id: string;
  createdAt: string;
}

/** SQL for sessions and their tags. No rules here: the service validates before calling. */
export class SessionsRepository {
  private readonly statements: {
    insert: Statement;
    bySeqOrId: Statement;
    deleteById: Statement;
    tagsOf: Statement;
    deleteTags: Statement;
    ensureTag: Statement;
    insertTag: Statement;
    tagCounts: Statement;
    previewsOf: Statement;
    byProjectPath: Statement;
  };
  private readonly listCache = new Map<string, { rows: Statement; count: Statement }>();

  constructor(private readonly db: Database) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO sessions (id, title, title_key, kind, status, accent, client, notes, created_at, updated_at,
           project_path, project_original_path)
         VALUES (@id, @title, @titleKey, @kind, @status, @accent, @client, @notes, @createdAt, @createdAt,
           @projectPath, @projectPath)`,
      ),
      bySeqOrId: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.id = ?`),
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
      previewsOf: db.prepare(
        'SELECT id, session_seq, name, path, status, mime FROM previews WHERE session_seq = ? ORDER BY added_at DESC, id',
      ),
      byProjectPath: db.prepare('SELECT id FROM sessions WHERE project_path = ? LIMIT 1'),
    };
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  insert(row: NewSessionRow): number {
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
    this.db
      .prepare(`UPDATE sessions SET ${assignments.join(', ')} WHERE seq = @seq`)
      .run({ ...columns, seq });
    if (changes.tags !== undefined) this.replaceTags(seq, changes.tags);
  }

  setLastOpened(seq: number, at: string): void {
    this.db.prepare('UPDATE sessions SET last_opened = ? WHERE seq = ?').run(at, seq);
  }

  touch(seq: number, updatedAt: string): void {
    this.db.prepare('UPDATE sessions SET updated_at = ? WHERE seq = ?').run(updatedAt, seq);
  }

  findById(id: string): SessionRow | undefined {
    return this.statements.bySeqOrId.get(id) as SessionRow | undefined;
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

  /** Tags for many sessions at once, keyed by seq, in each session's order. */
  tagsOfMany(seqs: readonly number[]): Map<number, string[]> {
    const result = new Map<number, string[]>(seqs.map((seq) => [seq, []]));
    if (seqs.length === 0) return result;
    const rows = this.db
      .prepare(
        `SELECT session_seq, label FROM session_tags WHERE session_seq IN (${seqs.map(() => '?').join(',')})
         ORDER BY session_seq, position`,
      )
      .all(...seqs) as { session_seq: number; label: string }[];
    for (const row of rows) result.get(row.session_seq)!.push(row.label);
    return result;
  }

  replaceTags(seq: number, tags: readonly string[]): void {
    this.statements.deleteTags.run(seq);
    tags.forEach((tag, position) => {
      const key = tagKey(tag);
      this.statements.ensureTag.run(key, tag);
      this.statements.insertTag.run(seq, key, position, tag);
    });
  }

  previewsOf(seq: number): PreviewRow[] {
    return this.statements.previewsOf.all(seq) as PreviewRow[];
  }

  previewsOfMany(seqs: readonly number[]): Map<number, PreviewRow[]> {
    const result = new Map<number, PreviewRow[]>(seqs.map((seq) => [seq, []]));
    if (seqs.length === 0) return result;
    const rows = this.db
      .prepare(
        `SELECT id, session_seq, name, path, status, mime FROM previews
         WHERE session_seq IN (${seqs.map(() => '?').join(',')}) ORDER BY session_seq, added_at DESC, id`,
      )
      .all(...seqs) as PreviewRow[];
    for (const row of rows) result.get(row.session_seq)!.push(row);
    return result;
  }

  list(query: SessionListQuery): { rows: SessionRow[]; total: number } {
    const sql = buildListSql(query);
    const statements = this.listStatements(sql.where, sql.orderBy);
    const rows = statements.rows.all(...sql.params, query.limit, query.offset) as SessionRow[];
    // The page already tells the total when it is the first page and not full.
    const total =
      query.offset === 0 && rows.length < query.limit
        ? rows.length
        : (statements.count.get(...sql.params) as { total: number }).total;
    return { rows, total };
  }

  tagCounts(): TagCount[] {
    return this.statements.tagCounts.all() as TagCount[];
  }

  /** Prepared statements per query shape; the number of shapes is small and bounded. */
  private listStatements(where: string, orderBy: string): { rows: Statement; count: Statement } {
    const key = `${where}|${orderBy}`;
    let cached = this.listCache.get(key);
    if (!cached) {
      cached = {
        rows: this.db.prepare(
          `SELECT ${SESSION_COLUMNS} FROM sessions s ${where} ${orderBy} LIMIT ? OFFSET ?`,
        ),
        count: this.db.prepare(`SELECT count(*) AS total FROM sessions s ${where}`),
      };
      if (this.listCache.size > 256) this.listCache.clear();
      this.listCache.set(key, cached);
    }
    return cached;
  }
}
