import type { Database, Statement } from 'better-sqlite3';
import { MATCH_SET_TABLE, ORDERED_SET_TABLE } from './list-sql';
import type { OrderAnchors } from './order-anchors';

/**
 * A search-and-tags filter's matching sessions, stored once in `temp.list_matches`; or the same
 * (under any other filters) in one sort order, with their positions, in `temp.list_order`.
 */
export interface MatchSet {
  id: number;
  size: number;
  kind: 'matches' | 'order';
}

/**
 * What a list query learned about the library, kept until the library changes: the sessions a
 * search or tag filter matches (a temporary table: its size is the exact `meta.total`, and every
 * further page looks rows up in it instead of running the search again: a word in 400,000 of a
 * million sessions costs ~15 ms to count and ~50 ms to collect, each time), the number of matches
 * per filter, and the anchors that turn deep offsets into seeks.
 *
 * "Changed" is read from SQLite itself, not from events: `total_changes()` counts every row this
 * connection wrote (triggers included, rolled-back work too, which only costs a recount), and
 * `data_version` moves when another connection commits. So no writer, present or future, can leave
 * a stale count behind by forgetting to tell the memo.
 */
/** One memo per connection: its temporary tables belong to the connection, not to a repository. */
const memos = new WeakMap<Database, ListMemo>();

export class ListMemo {
  /** The connection's memo (a second repository on one connection shares it). */
  static for(db: Database): ListMemo {
    let memo = memos.get(db);
    if (!memo) {
      memo = new ListMemo(db);
      memos.set(db, memo);
    }
    return memo;
  }

  private nextSetId = 1;
  private readonly stampStatement: Statement;
  private stamp = '';
  private readonly counts = new Map<string, number>();
  private readonly anchors = new Map<string, OrderAnchors>();
  private readonly matchSets = new Map<string, MatchSet>();
  private matchSetRows = 0;
  private readonly forget: Record<MatchSet['kind'], { one: Statement; all: Statement }>;

  private constructor(
    db: Database,
    private readonly maxCounts = 512,
    private readonly maxAnchorSets = 32,
    /** Rows kept across all match sets (~20 bytes each in memory). */
    private readonly maxMatchSetRows = 4_000_000,
  ) {
    // The temporary database is the connection's own, in memory: never part of the library file.
    db.pragma('temp_store = MEMORY');
    db.exec(MATCH_SET_TABLE);
    db.exec(ORDERED_SET_TABLE);
    this.stampStatement = db.prepare(
      "SELECT total_changes() || ':' || (SELECT data_version FROM pragma_data_version) AS stamp",
    );
    this.forget = {
      matches: {
        one: db.prepare('DELETE FROM temp.list_matches WHERE set_id = ?'),
        // Emptying a whole table is ~8x faster than deleting its sets one by one.
        all: db.prepare('DELETE FROM temp.list_matches'),
      },
      order: {
        one: db.prepare('DELETE FROM temp.list_order WHERE order_id = ?'),
        all: db.prepare('DELETE FROM temp.list_order'),
      },
    };
  }

  /** Forgets everything when the library has changed since the last call. */
  sync(): void {
    const stamp = this.readStamp();
    if (stamp === this.stamp) return;
    this.counts.clear();
    this.anchors.clear();
    if (this.matchSets.size > 0) {
      this.forget.matches.all.run();
      this.forget.order.all.run();
      this.matchSets.clear();
      this.matchSetRows = 0;
    }
    // Emptying the sets counted as changes: the stamp is read after them.
    this.stamp = this.readStamp();
  }

  private readStamp(): string {
    return (this.stampStatement.get() as { stamp: string }).stamp;
  }

  /**
   * The set for `key`, filled by `fill(setId)` (which returns the rows it inserted) the first
   * time. Call right after `sync()`: the rows written here are the memo's own, not a change.
   */
  matchSet(key: string, fill: (setId: number) => number, kind: MatchSet['kind'] = 'matches'): MatchSet {
    key = `${kind}|${key}`;
    const known = this.matchSets.get(key);
    if (known) {
      // Most recently used last, so the oldest is forgotten first.
      this.matchSets.delete(key);
      this.matchSets.set(key, known);
      return known;
    }
    const id = this.nextSetId++;
    const set: MatchSet = { id, size: fill(id), kind };
    this.matchSets.set(key, set);
    this.matchSetRows += set.size;
    for (const [oldKey, old] of this.matchSets) {
      if (this.matchSetRows <= this.maxMatchSetRows || old === set) break;
      this.forget[old.kind].one.run(old.id);
      this.matchSets.delete(oldKey);
      this.matchSetRows -= old.size;
    }
    this.stamp = this.readStamp();
    return set;
  }

  count(key: string, compute: () => number): number {
    const known = this.counts.get(key);
    if (known !== undefined) return known;
    const total = compute();
    if (this.counts.size >= this.maxCounts) this.counts.delete(this.counts.keys().next().value!);
    this.counts.set(key, total);
    return total;
  }

  anchorsFor(key: string, create: () => OrderAnchors): OrderAnchors {
    let anchors = this.anchors.get(key);
    if (!anchors) {
      anchors = create();
      if (this.anchors.size >= this.maxAnchorSets) this.anchors.delete(this.anchors.keys().next().value!);
      this.anchors.set(key, anchors);
    }
    return anchors;
  }
}
