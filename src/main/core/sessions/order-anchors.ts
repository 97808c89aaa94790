/** A row's place in a sort order: its sort value and id (ties are broken by id). */
export interface OrderKey {
  key: string | number;
  id: string;
}

/** An anchor and its 0-based position in ascending order. */
export interface PlacedAnchor {
  anchor: OrderKey;
  position: number;
}

/**
 * Every `step`-th row of one sort order (ascending, one filter), found lazily: a page at offset
 * 500,000 of a million sessions then seeks to the nearest anchor (`(value, id) >= (?, ?)`) and
 * skips fewer than `step` rows, instead of walking half a million index entries. SQLite has no
 * "row at position N" lookup, so positions are learned once by walking the index in steps, and
 * forgotten when the library changes (ListMemo).
 */
export class OrderAnchors {
  /** known[j] is the row at ascending position (j + 1) × step. */
  private readonly known: OrderKey[] = [];
  private complete = false;

  constructor(
    readonly step: number,
    /** The row `offset` rows after the first one, in ascending order. */
    private readonly rowAt: (offset: number) => OrderKey | undefined,
    /** The row `offset` rows after the first row that follows `after`. */
    private readonly rowAfter: (after: OrderKey, offset: number) => OrderKey | undefined,
  ) {}

  /** The anchor at the largest multiple of `step` not above `position`, if `position >= step`. */
  atOrBefore(position: number): PlacedAnchor | undefined {
    const index = Math.floor(position / this.step) - 1;
    return this.placed(index);
  }

  /** The anchor at the smallest multiple of `step` not below `position`, if the order has one. */
  atOrAfter(position: number): PlacedAnchor | undefined {
    const index = Math.max(1, Math.ceil(position / this.step)) - 1;
    return this.placed(index);
  }

  private placed(index: number): PlacedAnchor | undefined {
    if (index < 0) return undefined;
    const anchor = this.extendTo(index);
    return anchor ? { anchor, position: (index + 1) * this.step } : undefined;
  }

  private extendTo(index: number): OrderKey | undefined {
    while (this.known.length <= index && !this.complete) {
      const last = this.known.at(-1);
      const next = last === undefined ? this.rowAt(this.step) : this.rowAfter(last, this.step - 1);
      if (next === undefined) this.complete = true;
      else this.known.push(next);
    }
    return this.known[index];
  }
}
