// Sessions dragged inside the window (issue 13): onto a sidebar collection, or to a new place in a
// manual collection's own order. The ids travel in the drag data under the app's own type, which
// file drops (useFileDrop takes only 'Files') and other apps ignore; dragover cannot read the data,
// only its types, so the drag in progress is also remembered here for the reorder highlight.

export const SESSION_DRAG_TYPE = 'application/x-sessiondock-sessions';

let dragged: readonly string[] | null = null;

export function beginDrag(transfer: DataTransfer, ids: readonly string[], titles: readonly string[]): void {
  dragged = ids;
  transfer.setData(SESSION_DRAG_TYPE, JSON.stringify(ids));
  transfer.setData('text/plain', titles.join('\n'));
  transfer.effectAllowed = 'copyMove';
}

export function endDrag(): void {
  dragged = null;
}

/** Whether a drag event carries sessions (readable during dragover, unlike the data). */
export function carriesSessions(transfer: DataTransfer | null): boolean {
  return transfer?.types.includes(SESSION_DRAG_TYPE) ?? false;
}

/** The dragged ids (on drop), or the drag in progress when the data cannot be read. */
export function draggedIds(transfer: DataTransfer | null): string[] {
  const raw = transfer?.getData(SESSION_DRAG_TYPE);
  if (raw) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed) && parsed.every((id) => typeof id === 'string')) return parsed;
    } catch {
      // Not ours after all: fall back to the drag this window started.
    }
  }
  return dragged ? [...dragged] : [];
}

/** The drag this window started, if any (dragover cannot read the data itself). */
export function dragInProgress(): readonly string[] | null {
  return dragged;
}

export type DropSide = 'before' | 'after';

/**
 * Where a drop between members lands, counted in the order without the moved sessions (as the
 * contract's `position` is): `target` is the row's index in the full order, `movedIndexes` where
 * each moved session is now. null when the drop moves nothing (onto a moved row itself).
 */
export function dropPosition(target: number, side: DropSide, movedIndexes: readonly number[]): number | null {
  if (movedIndexes.includes(target)) return null;
  const insertAt = side === 'before' ? target : target + 1;
  return insertAt - movedIndexes.filter((index) => index < insertAt).length;
}
