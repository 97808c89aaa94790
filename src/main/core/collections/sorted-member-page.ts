import type { SessionListQuery } from '../../../shared/domain';
import type { ListSql } from '../sessions/list-sql';
import { SESSION_COLUMNS, type SessionRowWithChildren } from '../sessions/session-row';
import type { MemberPage, MemberPages } from './member-pages';

/**
 * The same trade-off as SessionsRepository's match-set pages: above this many members a page walks
 * the sort index testing membership, while the walk is shorter than this many times the members;
 * otherwise the members are sorted once (remembered) and pages are ranges.
 */
const WALK_ABOVE = 1000;
const WALK_WHILE_SHORTER_THAN = 4;

/**
 * A page of a manual collection in a sort order, when nothing but plain filters (kind, status,
 * recent) narrows it. The collection's own table is the set: a member is one lookup in its primary
 * key, so after a write nothing needs copying before the next page (the list's generic match-set
 * path first copies all members into the memo, ~5 ms for 10,000).
 */
export function sortedMemberPage(
  pages: MemberPages,
  query: SessionListQuery,
  collectionSeq: number,
  others: ListSql,
  memberCount: number,
  sessions: number,
): MemberPage {
  const remember = pages.beginRemembering();
  const plain = others.plainWhere.replace(/^WHERE /, '');
  const and = plain === '' ? '' : ` AND ${plain}`;
  const params = [collectionSeq, ...others.plainParams];
  const from = `collection_sessions c CROSS JOIN sessions s ON s.seq = c.session_seq WHERE c.collection_seq = ?${and}`;
  const total = plain === '' ? memberCount : pages.count(`SELECT count(*) FROM ${from}`, params, remember);
  if (total === 0 || query.offset >= total) return { rows: [], total };

  const rowsToWalk = ((query.offset + query.limit) * sessions) / total;
  if (total > WALK_ABOVE && rowsToWalk < WALK_WHILE_SHORTER_THAN * total) {
    const walk =
      `SELECT ${SESSION_COLUMNS} FROM sessions s INDEXED BY ${others.sortIndex} WHERE EXISTS ` +
      `(SELECT 1 FROM collection_sessions c WHERE c.collection_seq = ? AND c.session_seq = s.seq)${and} ` +
      `${others.orderBy} LIMIT ? OFFSET ?`;
    const rows = pages.statement(walk).all(...params, query.limit, query.offset) as SessionRowWithChildren[];
    return { rows, total };
  }
  const ordered = remember
    ? pages.rememberedOrder(
        `sorted members|${from}|${JSON.stringify(params)}|${others.orderBy}`,
        `INSERT INTO temp.list_order (order_id, pos, seq) SELECT ?, row_number() OVER (${others.orderBy}) - 1, ` +
          `s.seq FROM ${from}`,
        params,
      )
    : undefined;
  if (ordered) return pages.pageOfOrder(ordered, query);
  // Inside a transaction: sort the members' keys, then read whole sessions for the page only.
  const collect =
    `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.seq IN ` +
    `(SELECT s.seq FROM ${from} ${others.orderBy} LIMIT ? OFFSET ?) ${others.orderBy}`;
  const rows = pages.statement(collect).all(...params, query.limit, query.offset) as SessionRowWithChildren[];
  return { rows, total };
}
