import type { Database, Statement } from 'better-sqlite3';
import type { SessionListQuery } from '../../../shared/domain';
import { ListMemo, type MatchSet } from '../sessions/list-memo';
import { matchSetInsert, type ListSql } from '../sessions/list-sql';
import { SESSION_COLUMNS, type SessionRowWithChildren } from '../sessions/session-row';

export interface MemberPage {
  rows: SessionRowWithChildren[];
  total: number;
}

/** Prepared statements kept per SQL text (a few shapes per collection and filter combination). */
const MAX_STATEMENTS = 256;

/** A page of a remembered order (as SessionsRepository reads its ordered sets): order id, offset, limit. */
const FROM_ORDER =
  `SELECT ${SESSION_COLUMNS} FROM temp.list_order o CROSS JOIN sessions s ON s.seq = o.seq ` +
  'WHERE o.order_id = ? AND o.pos >= ? ORDER BY o.pos LIMIT ?';

/**
 * What the pages of a manual collection share: prepared statements, the connection's list memo
 * (remembered until the library changes, never inside a transaction, as SessionsRepository.list
 * does), and pages read from a remembered order.
 */
export class MemberPages {
  private readonly statements = new Map<string, Statement>();
  readonly memo: ListMemo;

  constructor(private readonly db: Database) {
    this.memo = ListMemo.for(db);
  }

  /** Whether this call may remember (and so syncs the memo first). */
  beginRemembering(): boolean {
    if (this.db.inTransaction) return false;
    this.memo.sync();
    return true;
  }

  statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** The list's remembered match set for these filters (the same key SessionsRepository uses). */
  rememberedSet(sql: ListSql): MatchSet | undefined {
    const { sql: text, params } = sql.matchSet!;
    const fill = this.statement(matchSetInsert(sql)!);
    try {
      return this.memo.matchSet(`${text}|${JSON.stringify(params)}`, (id) => fill.run(id, ...params).changes);
    } catch {
      return undefined;
    }
  }

  /**
   * Rows in an order, remembered in `temp.list_order` by `key`: `fillSql` inserts them given the
   * order id first, then `params`. Undefined when it cannot be stored (the caller reads directly).
   */
  rememberedOrder(key: string, fillSql: string, params: readonly unknown[]): MatchSet | undefined {
    const fill = this.statement(fillSql);
    try {
      return this.memo.matchSet(key, (orderId) => fill.run(orderId, ...params).changes, 'order');
    } catch {
      return undefined;
    }
  }

  pageOfOrder(order: MatchSet, query: SessionListQuery): MemberPage {
    if (order.size === 0 || query.offset >= order.size) return { rows: [], total: order.size };
    const rows = this.statement(FROM_ORDER).all(
      order.id,
      query.offset,
      query.limit,
    ) as SessionRowWithChildren[];
    return { rows, total: order.size };
  }

  count(sql: string, params: readonly unknown[], remember: boolean): number {
    const compute = (): number =>
      this.statement(sql)
        .pluck()
        .get(...params) as number;
    return remember ? this.memo.count(`${sql}|${JSON.stringify(params)}`, compute) : compute();
  }
}
