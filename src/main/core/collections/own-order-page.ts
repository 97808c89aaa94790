import type { SessionListQuery } from '../../../shared/domain';
import type { ListSql } from '../sessions/list-sql';
import { SESSION_COLUMNS, type SessionRowWithChildren } from '../sessions/session-row';
import type { MemberPage, MemberPages } from './member-pages';

/** A manual collection's own order (positions are distinct; the session breaks ties anyway). */
const OWN_ORDER = 'ORDER BY c.position, c.session_seq';

/** A page of members in their order, found first and then read whole: columns for 50 rows, not all. */
function pageOf(from: string, where: string): string {
  return (
    `SELECT ${SESSION_COLUMNS} FROM (SELECT c.session_seq AS seq, c.position AS pos FROM ${from} ${where} ` +
    `${OWN_ORDER} LIMIT ? OFFSET ?) p CROSS JOIN sessions s ON s.seq = p.seq ORDER BY p.pos, p.seq`
  );
}

/**
 * A page of a manual collection in its own order (no `sort` given). `others` is the list's SQL
 * for the request's other filters. Members alone: a range of `collection_sessions_in_order`, the
 * count kept by triggers. Filtered: the matching members in order are remembered once (until the
 * library changes), so the count and every page after it are ranges, not a walk over every member
 * again; search and tags are looked up in the list's own remembered match set.
 */
export function ownOrderPage(
  pages: MemberPages,
  query: SessionListQuery,
  collectionSeq: number,
  others: ListSql,
  memberCount: number,
): MemberPage {
  const remember = pages.beginRemembering();
  const set = others.matchSet && remember ? pages.rememberedSet(others) : undefined;
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
  const direct = (total: number): MemberPage =>
    total === 0 || query.offset >= total
      ? { rows: [], total }
      : {
          rows: pages
            .statement(pageOf(from, where))
            .all(...params, query.limit, query.offset) as SessionRowWithChildren[],
          total,
        };

  if (conditions.length === 1) return direct(memberCount);
  const ordered = remember
    ? pages.rememberedOrder(
        `own order|${where}|${JSON.stringify(params)}`,
        `INSERT INTO temp.list_order (order_id, pos, seq) SELECT ?, row_number() OVER (${OWN_ORDER}) - 1, ` +
          `c.session_seq FROM ${from} ${where}`,
        params,
      )
    : undefined;
  if (ordered) return pages.pageOfOrder(ordered, query);
  return direct(pages.count(`SELECT count(*) FROM ${from} ${where}`, params, false));
}
