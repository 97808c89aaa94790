// The arithmetic of a multi-selection (issue 13), kept pure so it is tested without a window:
// Shift-click ranges, ⌘/Ctrl-click toggles, and which stretches of a sparse list still have to be
// asked for before a range or "select all" knows its ids.

/**
 * The most sessions one selection holds. ⌘/Ctrl+A and Shift ranges stop here: the list is
 * virtualized over up to a million sessions, and a selection's ids are fetched (as list pages) and
 * acted on one request per session for status and tags, so "all" means "the first 5,000 in the
 * view's order" past this size, and the window says so.
 */
export const SELECTION_MAX = 5000;

export interface IndexRange {
  start: number;
  /** Inclusive. */
  end: number;
  /** The range asked for was longer than `max` and was cut at its far end from the anchor. */
  capped: boolean;
}

/** From the anchor to the clicked row, in list order, at most `max` rows counted from the anchor. */
export function rangeBetween(anchor: number, index: number, max = SELECTION_MAX): IndexRange {
  const length = Math.abs(index - anchor) + 1;
  if (length <= max) return { start: Math.min(anchor, index), end: Math.max(anchor, index), capped: false };
  return index > anchor
    ? { start: anchor, end: anchor + max - 1, capped: true }
    : { start: anchor - max + 1, end: anchor, capped: true };
}

export interface Stretch {
  offset: number;
  count: number;
}

/** The runs of rows in [start, end] that are not loaded, as list pages of at most `pageSize`. */
export function missingStretches(
  rows: readonly unknown[],
  start: number,
  end: number,
  pageSize: number,
): Stretch[] {
  const stretches: Stretch[] = [];
  let runStart = -1;
  const close = (runEnd: number): void => {
    for (let offset = runStart; offset <= runEnd; offset += pageSize)
      stretches.push({ offset, count: Math.min(pageSize, runEnd - offset + 1) });
    runStart = -1;
  };
  for (let index = start; index <= end; index++) {
    const loaded = rows[index] !== undefined;
    if (!loaded && runStart < 0) runStart = index;
    else if (loaded && runStart >= 0) close(index - 1);
  }
  if (runStart >= 0) close(end);
  return stretches;
}

export interface Toggled {
  ids: Set<string>;
  /** The session the detail panel follows now: the one just added, or the last one left. */
  lead: string | null;
}

/** ⌘/Ctrl-click: adds the session, or takes it out. */
export function toggleId(selected: ReadonlySet<string>, lead: string | null, id: string): Toggled {
  const ids = new Set(selected);
  if (!ids.has(id)) {
    ids.add(id);
    return { ids, lead: id };
  }
  ids.delete(id);
  if (lead !== id && lead !== null && ids.has(lead)) return { ids, lead };
  let last: string | null = null;
  for (const remaining of ids) last = remaining;
  return { ids, lead: last };
}

/** Ids in list order where the list knows them; the rest (not loaded) after, as given. */
export function inListOrder(ids: readonly string[], rows: readonly ({ id: string } | undefined)[]): string[] {
  if (ids.length < 2) return [...ids];
  const wanted = new Set(ids);
  const ordered: string[] = [];
  for (const row of rows) {
    if (row && wanted.has(row.id)) {
      ordered.push(row.id);
      wanted.delete(row.id);
      if (wanted.size === 0) break;
    }
  }
  return [...ordered, ...ids.filter((id) => wanted.has(id))];
}
