import { SESSION_STATUSES, type SessionListQuery, type SortKey } from '../../../shared/domain';
import { SESSION_COLUMNS } from './session-row';

/** The index that serves each sort key (`<column>, id`), see migration 001. */
export const SORT_INDEXES: Record<SortKey, string> = {
  title: 'sessions_by_title',
  lastOpened: 'sessions_by_last_opened',
  createdAt: 'sessions_by_created',
  updatedAt: 'sessions_by_updated',
  status: 'sessions_by_status',
  kind: 'sessions_by_kind',
};

const SORT_COLUMNS: Record<SortKey, string> = {
  title: 's.title_key',
  lastOpened: 's.last_opened',
  createdAt: 's.created_at',
  updatedAt: 's.updated_at',
  status: 's.status_rank',
  kind: 's.kind',
};

export interface ListSql {
  where: string;
  params: unknown[];
  /**
   * Counts the matches: from the trigger-kept session count when nothing filters (migration 006),
   * from the search and tag sets alone when nothing else filters.
   */
  count: string;
  countParams: unknown[];
  orderBy: string;
  /** The index that yields rows already in order. */
  sortIndex: string;
}

/**
 * Turns a validated list query into SQL. Search terms and tags become sets of session seqs that
 * are intersected once (`s.seq IN (fts INTERSECT tag INTERSECT …)`); the sort follows an index
 * (`<column>, id`) in one direction, ties broken by id in the same direction.
 */
export function buildListSql(query: SessionListQuery): ListSql {
  const sets: string[] = [];
  const setParams: unknown[] = [];
  if (query.terms.length > 0) {
    sets.push('SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?');
    setParams.push(ftsMatchExpression(query.terms));
  }
  for (const tag of query.tags) {
    sets.push('SELECT session_seq FROM session_tags WHERE tag_key = ?');
    setParams.push(tag);
  }

  const conditions: string[] = [];
  const params: unknown[] = [];
  if (sets.length > 0) {
    conditions.push(`s.seq IN (${sets.join(' INTERSECT ')})`);
    params.push(...setParams);
  }
  if (query.kind) {
    conditions.push('s.kind = ?');
    params.push(query.kind);
  }
  if (query.status) {
    // status_rank is indexed; status itself is not.
    conditions.push('s.status_rank = ?');
    params.push(SESSION_STATUSES.indexOf(query.status));
  }
  if (query.recent) conditions.push('s.last_opened IS NOT NULL');

  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  // Every session has exactly one row in the search index, so a count of the sets alone needs no
  // lookup in `sessions` per match.
  const setsOnly = sets.length > 0 && conditions.length === 1;
  const direction = query.descending ? 'DESC' : 'ASC';
  return {
    where,
    params,
    count:
      conditions.length === 0
        ? 'SELECT sessions AS total FROM session_count WHERE id = 0'
        : setsOnly
          ? `SELECT count(*) AS total FROM (${sets.join(' INTERSECT ')})`
          : `SELECT count(*) AS total FROM sessions s ${where}`,
    countParams: setsOnly ? setParams : params,
    orderBy: `ORDER BY ${SORT_COLUMNS[query.sort]} ${direction}, s.id ${direction}`,
    sortIndex: SORT_INDEXES[query.sort],
  };
}

/** The statements SessionsRepository.list prepares for one query shape (also shown by bench:store). */
export interface ListStatementTexts {
  count: string;
  /** Collects the matches, then sorts them. */
  collectThenSort: string;
  /** Walks the sort index, keeping the rows that match, until the page is full. */
  walkIndex: string;
}

export function listStatementTexts(sql: ListSql): ListStatementTexts {
  const page = `${sql.where} ${sql.orderBy} LIMIT ? OFFSET ?`;
  return {
    count: sql.count,
    collectThenSort: `SELECT ${SESSION_COLUMNS} FROM sessions s ${page}`,
    walkIndex: `SELECT ${SESSION_COLUMNS} FROM sessions s INDEXED BY ${sql.sortIndex} ${page}`,
  };
}

/**
 * Each term becomes a quoted prefix query, all joined with AND: every term must match the start
 * of a word. Quoting makes FTS5 operators and punctuation in user text literal.
 */
export function ftsMatchExpression(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replaceAll('"', '""')}"*`).join(' AND ');
}
