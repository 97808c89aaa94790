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
   * Counts the matches: from the trigger-kept session count when nothing filters (migration 006)
   * and the facet counts for one kind, one status or "recent" alone (migration 008), from the
   * search and tag sets alone when nothing else filters.
   */
  count: string;
  countParams: unknown[];
  orderBy: string;
  /** The index that yields rows already in order. */
  sortIndex: string;
  /** The sort column, as in orderBy (`s.updated_at`). */
  sortColumn: string;
  direction: 'ASC' | 'DESC';
  /** The filters without search terms and tags (kind, status, recent) and their parameters. */
  plainWhere: string;
  plainParams: unknown[];
  /**
   * The sessions the search terms and tags select, as one compound SELECT of `seq`s (ascending,
   * distinct), and its parameters; null when nothing is searched or tagged.
   */
  matchSet: { sql: string; params: unknown[] } | null;
  /**
   * The same filter with the search and tags tested row by row (`EXISTS`, parameters as `params`),
   * when every search term is one word of at most 3 characters: the index holds those prefixes
   * (migration 007), so each row's test is a lookup, not a merge of every word with that prefix.
   * For a broad one-letter search, walking the sort index this way fills a page after a few
   * hundred rows. Null otherwise.
   */
  rowByRowWhere: string | null;
  /**
   * Whether positions in this order can be reached through anchors: no search or tag sets, and
   * every matching row has a sort value (`last_opened` only under `recent`), so `(value, id)`
   * comparisons see every row.
   */
  anchorable: boolean;
}

/** One word of 1–3 letters or digits: its prefix is in the search index (migration 007). */
const SHORT_TERM = /^[\p{L}\p{N}]{1,3}$/u;

/**
 * Turns a validated list query into SQL. Search terms and tags become sets of session seqs that
 * are intersected once (`s.seq IN (fts INTERSECT tag INTERSECT …)`); the sort follows an index
 * (`<column>, id`) in one direction, ties broken by id in the same direction.
 */
export function buildListSql(query: SessionListQuery): ListSql {
  const sets: string[] = [];
  const setParams: unknown[] = [];
  if (query.terms.length > 0) {
    sets.push('SELECT rowid AS seq FROM sessions_fts WHERE sessions_fts MATCH ?');
    setParams.push(ftsMatchExpression(query.terms));
  }
  for (const tag of query.tags) {
    sets.push('SELECT session_seq AS seq FROM session_tags WHERE tag_key = ?');
    setParams.push(tag);
  }

  const projectFilters = [...collectionFilterSets(query), ...projectFilterSets(query)];
  for (const filter of projectFilters) {
    sets.push(filter.set);
    setParams.push(...filter.params);
  }

  const shortTerms = query.terms.length > 0 && query.terms.every((term) => SHORT_TERM.test(term));
  const rowByRow = [
    'EXISTS (SELECT 1 FROM sessions_fts f WHERE f.sessions_fts MATCH ? AND f.rowid = s.seq)',
    ...query.tags.map(
      () => 'EXISTS (SELECT 1 FROM session_tags t WHERE t.session_seq = s.seq AND t.tag_key = ?)',
    ),
    ...projectFilters.map((filter) => filter.rowByRow),
  ];

  const plain: string[] = [];
  const plainParams: unknown[] = [];
  if (query.kind) {
    plain.push('s.kind = ?');
    plainParams.push(query.kind);
  }
  if (query.status) {
    // status_rank is indexed; status itself is not.
    plain.push('s.status_rank = ?');
    plainParams.push(SESSION_STATUSES.indexOf(query.status));
  }
  if (query.recent) plain.push('s.last_opened IS NOT NULL');

  const conditions = [...(sets.length > 0 ? [`s.seq IN (${sets.join(' INTERSECT ')})`] : []), ...plain];
  const params = [...setParams, ...plainParams];
  const whereOf = (parts: readonly string[]): string =>
    parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
  const where = whereOf(conditions);
  // Every session has exactly one row in the search index, so a count of the sets alone needs no
  // lookup in `sessions` per match.
  const setsOnly = sets.length > 0 && conditions.length === 1;
  const direction = query.descending ? 'DESC' : 'ASC';
  // One kind, one status or "recent" alone: the count kept by triggers (migration 008).
  const facet =
    sets.length === 0 && plain.length === 1
      ? query.kind
        ? `kind:${query.kind}`
        : query.status
          ? `status:${query.status}`
          : 'recent'
      : null;
  const counting: { count: string; countParams: unknown[] } =
    conditions.length === 0
      ? { count: 'SELECT sessions AS total FROM session_count WHERE id = 0', countParams: [] }
      : facet !== null
        ? {
            count: 'SELECT coalesce((SELECT sessions FROM session_facets WHERE facet = ?), 0) AS total',
            countParams: [facet],
          }
        : setsOnly
          ? { count: `SELECT count(*) AS total FROM (${sets.join(' INTERSECT ')})`, countParams: setParams }
          : { count: `SELECT count(*) AS total FROM sessions s ${where}`, countParams: params };
  return {
    where,
    params,
    ...counting,
    orderBy: `ORDER BY ${SORT_COLUMNS[query.sort]} ${direction}, s.id ${direction}`,
    sortIndex: SORT_INDEXES[query.sort],
    sortColumn: SORT_COLUMNS[query.sort],
    direction,
    plainWhere: whereOf(plain),
    plainParams,
    matchSet: sets.length > 0 ? { sql: sets.join(' INTERSECT '), params: setParams } : null,
    rowByRowWhere: shortTerms ? whereOf([...rowByRow, ...plain]) : null,
    anchorable: sets.length === 0 && (query.sort !== 'lastOpened' || query.recent),
  };
}

interface FilterSet {
  /** The sessions it selects, as distinct `seq`s (a match set's rows are unique). */
  set: string;
  /** The same test for one row `s`. */
  rowByRow: string;
  params: unknown[];
}

/**
 * The project filters (issue 12) as match sets, like search terms and tags: a plugin by name
 * (any format), a tempo range, a key, missing samples. Each reads an index of migration 009.
 */
function projectFilterSets(query: SessionListQuery): FilterSet[] {
  const filters: FilterSet[] = [];
  for (const plugin of query.plugins) {
    filters.push({
      set: 'SELECT DISTINCT session_seq AS seq FROM project_plugins WHERE name_key = ?',
      rowByRow: 'EXISTS (SELECT 1 FROM project_plugins p WHERE p.session_seq = s.seq AND p.name_key = ?)',
      params: [plugin],
    });
  }
  if (query.tempoMin !== null || query.tempoMax !== null) {
    const range = 'tempo BETWEEN ? AND ?';
    filters.push({
      set: `SELECT session_seq AS seq FROM project_metadata WHERE ${range}`,
      rowByRow: `EXISTS (SELECT 1 FROM project_metadata p WHERE p.session_seq = s.seq AND p.${range})`,
      params: [query.tempoMin ?? 0, query.tempoMax ?? Number.MAX_VALUE],
    });
  }
  if (query.keyClass !== null) {
    filters.push({
      set: 'SELECT session_seq AS seq FROM project_metadata WHERE key_class = ?',
      rowByRow: 'EXISTS (SELECT 1 FROM project_metadata p WHERE p.session_seq = s.seq AND p.key_class = ?)',
      params: [query.keyClass],
    });
  }
  if (query.missingSamples) {
    filters.push({
      set: 'SELECT session_seq AS seq FROM project_metadata WHERE missing_samples > 0',
      rowByRow:
        'EXISTS (SELECT 1 FROM project_metadata p WHERE p.session_seq = s.seq AND p.missing_samples > 0)',
      params: [],
    });
  }
  return filters;
}

/**
 * A manual collection (issue 13, migration 010) as a match set: its members. A smart collection
 * needs none: the collections scope has already merged its saved filters into the query.
 */
function collectionFilterSets(query: SessionListQuery): FilterSet[] {
  if (query.collectionSeq === null) return [];
  return [
    {
      set: 'SELECT session_seq AS seq FROM collection_sessions WHERE collection_seq = ?',
      rowByRow:
        'EXISTS (SELECT 1 FROM collection_sessions c WHERE c.collection_seq = ? AND c.session_seq = s.seq)',
      params: [query.collectionSeq],
    },
  ];
}

/** The statements SessionsRepository.list prepares for one query shape (also shown by bench:store). */
export interface ListStatementTexts {
  count: string;
  /** Collects the matches, sorts their keys, then reads the page. */
  collectThenSort: string;
  /** Walks the sort index, keeping the rows that match, until the page is full. */
  walkIndex: string;
  /**
   * With a remembered match set (`temp.list_matches`, set id first among the parameters): its
   * count under the other filters, a page collected then sorted, and a page found by walking the
   * sort index and looking each row up in the set.
   */
  inMatchSet: {
    count: string;
    walkIndex: string;
    /** Sorts the set (under the other filters) once: order id, set id, then the filters' parameters. */
    fillOrder: string;
    /** A page of an ordered set: order id, offset, limit. */
    fromOrder: string;
  } | null;
  /** Walks the sort index testing each row (ListSql.rowByRowWhere). */
  walkRowByRow: string | null;
  /** A page from an anchor on (ascending: at or after it; descending: at or before it). */
  fromAnchor: string;
  /** The sort value and id of the row `OFFSET ?` rows into the order (ascending). */
  anchorAt: string;
  /** The same, counted from the first row after `(?, ?)`. */
  anchorAfter: string;
}

/** The remembered match sets (ListMemo): `set_id, seq`, one set per search-and-tags filter. */
export const MATCH_SET_TABLE = `CREATE TEMP TABLE IF NOT EXISTS list_matches (
  set_id INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (set_id, seq)) WITHOUT ROWID`;
/** A match set in one order (ListMemo): position 0 is the first row of the page at offset 0. */
export const ORDERED_SET_TABLE = `CREATE TEMP TABLE IF NOT EXISTS list_order (
  order_id INTEGER NOT NULL, pos INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (order_id, pos)) WITHOUT ROWID`;
const IN_MATCH_SET = 's.seq IN (SELECT m.seq FROM temp.list_matches m WHERE m.set_id = ?)';
const MATCH_SET_HAS_ROW = 'EXISTS (SELECT 1 FROM temp.list_matches m WHERE m.set_id = ? AND m.seq = s.seq)';

/** Fills a match set: `INSERT … SELECT ?, seq FROM (<the set>)`, the set id first. */
export function matchSetInsert(sql: ListSql): string | null {
  return sql.matchSet === null
    ? null
    : `INSERT INTO temp.list_matches (set_id, seq) SELECT ?, seq FROM (${sql.matchSet.sql})`;
}

export function listStatementTexts(sql: ListSql): ListStatementTexts {
  const page = `${sql.where} ${sql.orderBy} LIMIT ? OFFSET ?`;
  const walk = `SELECT ${SESSION_COLUMNS} FROM sessions s INDEXED BY ${sql.sortIndex}`;
  // A condition after the filter's own (its parameters last) or before them (its parameters first).
  const and = (where: string, condition: string): string =>
    where ? `${where} AND ${condition}` : `WHERE ${condition}`;
  const firstThen = (condition: string, where: string): string =>
    where ? `WHERE ${condition} AND ${where.slice('WHERE '.length)}` : `WHERE ${condition}`;
  // Sorts the matches by their keys alone, then reads whole sessions (tags and previews as JSON)
  // for the page only: SQLite computes every result column before sorting, ~10 µs a match.
  const sortKeysThenRead = (where: string): string =>
    `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.seq IN ` +
    `(SELECT s.seq FROM sessions s ${where} ${sql.orderBy} LIMIT ? OFFSET ?) ${sql.orderBy}`;
  const rowKey = `(${sql.sortColumn}, s.id)`;
  const ascending = `ORDER BY ${sql.sortColumn} ASC, s.id ASC`;
  const anchorColumns = `SELECT ${sql.sortColumn} AS key, s.id AS id FROM sessions s INDEXED BY ${sql.sortIndex}`;
  return {
    count: sql.count,
    collectThenSort: sortKeysThenRead(sql.where),
    walkIndex: `${walk} ${page}`,
    inMatchSet:
      sql.matchSet === null
        ? null
        : {
            count: `SELECT count(*) AS total FROM sessions s ${firstThen(IN_MATCH_SET, sql.plainWhere)}`,
            walkIndex: `${walk} ${firstThen(MATCH_SET_HAS_ROW, sql.plainWhere)} ${sql.orderBy} LIMIT ? OFFSET ?`,
            fillOrder:
              `INSERT INTO temp.list_order (order_id, pos, seq) SELECT ?, row_number() OVER (${sql.orderBy}) - 1, s.seq ` +
              `FROM sessions s ${firstThen(IN_MATCH_SET, sql.plainWhere)}`,
            fromOrder:
              `SELECT ${SESSION_COLUMNS} FROM temp.list_order o CROSS JOIN sessions s ON s.seq = o.seq ` +
              'WHERE o.order_id = ? AND o.pos >= ? ORDER BY o.pos LIMIT ?',
          },
    walkRowByRow:
      sql.rowByRowWhere === null ? null : `${walk} ${sql.rowByRowWhere} ${sql.orderBy} LIMIT ? OFFSET ?`,
    fromAnchor: `${walk} ${and(sql.plainWhere, `${rowKey} ${sql.direction === 'ASC' ? '>=' : '<='} (?, ?)`)} ${sql.orderBy} LIMIT ? OFFSET ?`,
    anchorAt: `${anchorColumns} ${sql.plainWhere} ${ascending} LIMIT 1 OFFSET ?`,
    anchorAfter: `${anchorColumns} ${and(sql.plainWhere, `${rowKey} > (?, ?)`)} ${ascending} LIMIT 1 OFFSET ?`,
  };
}

/**
 * Each term becomes a quoted prefix query, all joined with AND: every term must match the start
 * of a word. Quoting makes FTS5 operators and punctuation in user text literal.
 */
export function ftsMatchExpression(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replaceAll('"', '""')}"*`).join(' AND ');
}
