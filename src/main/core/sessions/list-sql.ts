import type { SessionListQuery, SortKey } from '../../../shared/domain';

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
  orderBy: string;
  /** The index that yields rows already in order. */
  sortIndex: string;
}

/**
 * Turns a validated list query into SQL. Every filter narrows with a sub-select on an index, and
 * the sort follows an index (`<column>, id`) in one direction, so paging needs no full sort.
 * Ties are broken by id in the same direction.
 */
export function buildListSql(query: SessionListQuery): ListSql {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (query.terms.length > 0) {
    conditions.push('s.seq IN (SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?)');
    params.push(ftsMatchExpression(query.terms));
  }
  if (query.kind) {
    conditions.push('s.kind = ?');
    params.push(query.kind);
  }
  if (query.status) {
    conditions.push('s.status = ?');
    params.push(query.status);
  }
  for (const tag of query.tags) {
    conditions.push('s.seq IN (SELECT session_seq FROM session_tags WHERE tag_key = ?)');
    params.push(tag);
  }
  if (query.recent) conditions.push('s.last_opened IS NOT NULL');

  const direction = query.descending ? 'DESC' : 'ASC';
  return {
    where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '',
    params,
    orderBy: `ORDER BY ${SORT_COLUMNS[query.sort]} ${direction}, s.id ${direction}`,
    sortIndex: SORT_INDEXES[query.sort],
  };
}

/**
 * Each term becomes a quoted prefix query, all joined with AND: every term must match the start
 * of a word. Quoting makes FTS5 operators and punctuation in user text literal.
 */
export function ftsMatchExpression(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replaceAll('"', '""')}"*`).join(' AND ');
}
