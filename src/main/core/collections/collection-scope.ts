import type { Database, Statement } from 'better-sqlite3';
import type { CollectionKind, SessionListQuery } from '../../../shared/domain';
import { invalidInput } from '../../../shared/errors';
import { parseListQuery } from '../../../shared/validation/list-query';
import { ListMemo, type MatchSet } from '../sessions/list-memo';
import { buildListSql, matchSetInsert, type ListSql } from '../sessions/list-sql';
import { SESSION_COLUMNS, type SessionRowWithChildren } from '../sessions/session-row';
import type { ListScope } from '../sessions/sessions-service';
import { mergeFilters } from './merge-filters';

interface ScopeRow {
  seq: number;
  kind: CollectionKind;
  query: string | null;
  member_count: number;
}

/** Prepared statements kept per SQL text (a few shapes per collection and filter combination). */
const MAX_STATEMENTS = 256;

/**
 * What `collection=<id>` means for the session list (GET /sessions, `sessions:list`). A manual
 * collection limits the list to its members (a match set, like tags: see list-sql.ts) and, with no
 * `sort`, lists them in the collection's own order; a smart collection's saved filters are merged
 * into the request's (mergeFilters). An unknown id is a bad query value: 400 invalid_input.
 */
export class CollectionScope implements ListScope {
  private readonly byId: Statement;
  private readonly memberCount: Statement;
  private readonly statements = new Map<string, Statement>();
  private readonly memo: ListMemo;

  constructor(private readonly db: Database) {
    this.byId = db.prepare('SELECT seq, kind, query, member_count FROM collections WHERE id = ?');
    this.memberCount = db.prepare('SELECT member_count FROM collections WHERE seq = ?').pluck();
    this.memo = ListMemo.for(db);
  }

  resolve(query: SessionListQuery): SessionListQuery | null {
    if (query.collection === null) return query;
    const row = this.byId.get(query.collection) as ScopeRow | undefined;
    if (!row) throw collectionNotInLibrary(query.collection);
    if (row.kind === 'manual') return { ...query, collectionSeq: row.seq };
    // Stored in the spelling the parser accepts (collection-write.ts): parsing it cannot fail.
    return mergeFilters(parseListQuery(JSON.parse(row.query!)), query);
  }

  /**
   * A page of a manual collection in its own order: when no `sort` is given (and not `recent`,
   * whose published order is most recently opened first). Undefined for any other list.
   */
  ownOrderPage(query: SessionListQuery): { rows: SessionRowWithChildren[]; total: number } | undefined {
    const collectionSeq = query.collectionSeq;
    if (collectionSeq === null || query.sortGiven || query.recent) return undefined;
    // The other filters, without the membership set this order already walks.
    const others = buildListSql({ ...query, collectionSeq: null });
    const remember = !this.db.inTransaction;
    if (remember) this.memo.sync();
    const set = others.matchSet && remember ? this.rememberedSet(others) : undefined;
    const conditions = ['c.collection_seq = ?'];
    const params: unknown[] = [collectionSeq];
    if (set) {
      conditions.push(
        'EXISTS (SELECT 1 FROM temp.list_matches m WHERE m.set_id = ? AND m.seq = c.session_seq)',
      );
      params.push(set.id);
    } else if (others.matchSet) {
      conditions.push(`c.session_seq IN (${others.matchSet.sql})`);
      params.push(...others.matchSet.params);
    }
    const plain = others.plainWhere.replace(/^WHERE /, '');
    if (plain !== '') {
      conditions.push(plain);
      params.push(...others.plainParams);
    }
    // Sessions are joined only when a filter reads their columns (kind, status, recent).
    const from =
      'collection_sessions c INDEXED BY collection_sessions_in_order' +
      (plain === '' ? '' : ' CROSS JOIN sessions s ON s.seq = c.session_seq');
    const where = `WHERE ${conditions.join(' AND ')}`;

    const total =
      conditions.length === 1
        ? (this.memberCount.get(collectionSeq) as number)
        : this.count(`SELECT count(*) FROM ${from} ${where}`, params, remember);
    if (total === 0 || query.offset >= total) return { rows: [], total };
    // The page's members found in order first, then read whole: columns for 50 rows, not all.
    const page = this.statement(
      `SELECT ${SESSION_COLUMNS} FROM (SELECT c.session_seq AS seq, c.position AS pos FROM ${from} ${where} ` +
        'ORDER BY c.position, c.session_seq LIMIT ? OFFSET ?) p CROSS JOIN sessions s ON s.seq = p.seq ' +
        'ORDER BY p.pos, p.seq',
    );
    const rows = page.all(...params, query.limit, query.offset) as SessionRowWithChildren[];
    return { rows, total };
  }

  private count(sql: string, params: readonly unknown[], remember: boolean): number {
    const compute = (): number =>
      this.statement(sql)
        .pluck()
        .get(...params) as number;
    return remember ? this.memo.count(`${sql}|${JSON.stringify(params)}`, compute) : compute();
  }

  /** The same remembered set SessionsRepository.list uses for these filters (same key). */
  private rememberedSet(sql: ListSql): MatchSet | undefined {
    const { sql: text, params } = sql.matchSet!;
    const fill = this.statement(matchSetInsert(sql)!);
    try {
      return this.memo.matchSet(`${text}|${JSON.stringify(params)}`, (id) => fill.run(id, ...params).changes);
    } catch {
      return undefined;
    }
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** `collection=<id>` naming no collection (deleted, or never was). */
export function collectionNotInLibrary(id: string): Error {
  return invalidInput(`collection must name an existing collection: ${id} not found`);
}
