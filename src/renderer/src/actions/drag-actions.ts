// Dragging sessions (issue 13): a row or card starts a drag of itself, or of the whole selection
// when it is part of one; a sidebar collection takes the drop; inside a manual collection shown in
// its own order (nothing else narrowing it), rows take drops between them to reorder. The
// highlight is a data attribute set on the row under the pointer, so a drag re-renders nothing.
import type { DragEvent as ReactDragEvent } from 'react';
import type { Collection } from '../../../shared/domain';
import {
  beginDrag,
  carriesSessions,
  dragInProgress,
  draggedIds,
  dropPosition,
  endDrag,
  type DropSide,
} from '../lib/session-drag';
import { useLibraryStore } from '../stores/app-stores';
import { hasRefinements, OWN_ORDER_SORT } from '../stores/library-query';
import { useSelectionStore } from '../stores/selection-store';
import { toastInfo } from '../stores/toast-store';
import { addToCollection, collectionById, moveWithinCollection } from './collection-actions';
import { selectionInListOrder } from './selection-actions';

const DRAG_IMAGE_CLASS = 'session-drag-image';

/** A row or card starts a drag: the selection if the row is in it, else the row alone. */
export function startSessionDrag(event: ReactDragEvent<HTMLElement>, id: string, title: string): void {
  const { selectedIds } = useSelectionStore.getState();
  const ids = selectedIds.has(id) && selectedIds.size > 1 ? selectionInListOrder() : [id];
  const library = useLibraryStore.getState();
  const titles = ids.map((one) => (one === id ? title : (library.rows[library.indexOf(one)]?.title ?? one)));
  beginDrag(event.dataTransfer, ids, titles);
  if (ids.length > 1) setCountImage(event.dataTransfer, ids.length);
}

export function finishSessionDrag(): void {
  endDrag();
  for (const element of document.querySelectorAll('[data-drop]')) element.removeAttribute('data-drop');
}

/** "3 sessions" under the pointer instead of a picture of one row. */
function setCountImage(transfer: DataTransfer, count: number): void {
  const image = document.createElement('div');
  image.className = DRAG_IMAGE_CLASS;
  image.textContent = `${count.toLocaleString('en-US')} sessions`;
  document.body.appendChild(image);
  transfer.setDragImage(image, -12, -12);
  // The browser copies the image when the drag starts.
  setTimeout(() => image.remove(), 0);
}

// ── Dropping on a sidebar collection ────────────────────────────────────────────────────────────

/**
 * dragenter/dragover on a collection: a manual one accepts dragged sessions, a smart one refuses
 * them visibly ("not here" cursor); null when the drag carries no sessions (files, text).
 */
export function collectionDragOver(
  event: ReactDragEvent<HTMLElement>,
  collection: Collection,
): 'accept' | 'refuse' | null {
  if (!carriesSessions(event.dataTransfer)) return null;
  event.preventDefault();
  const accepts = collection.kind === 'manual';
  event.dataTransfer.dropEffect = accepts ? 'copy' : 'none';
  return accepts ? 'accept' : 'refuse';
}

export function dropOnCollection(event: ReactDragEvent<HTMLElement>, collection: Collection): void {
  if (!carriesSessions(event.dataTransfer)) return;
  event.preventDefault();
  const ids = draggedIds(event.dataTransfer);
  finishSessionDrag();
  void addToCollection(collection, ids);
}

// ── Reordering a manual collection's sessions ───────────────────────────────────────────────────

/** The manual collection whose own order the list shows unnarrowed, or null (reorder is off). */
export function reorderableCollection(): Collection | null {
  const { query } = useLibraryStore.getState();
  if (query.scope.type !== 'collection' || query.sort !== OWN_ORDER_SORT || hasRefinements(query))
    return null;
  const collection = collectionById(query.scope.id);
  return collection?.kind === 'manual' ? collection : null;
}

export type Orientation = 'vertical' | 'horizontal';

function sideOf(event: ReactDragEvent<HTMLElement>, orientation: Orientation): DropSide {
  const rect = event.currentTarget.getBoundingClientRect();
  return orientation === 'vertical'
    ? event.clientY < rect.top + rect.height / 2
      ? 'before'
      : 'after'
    : event.clientX < rect.left + rect.width / 2
      ? 'before'
      : 'after';
}

/** Drop handlers for a row (list) or a card (grid) at `index`; inert unless reorder is on. */
export function reorderDropHandlers(index: number, orientation: Orientation) {
  return {
    onDragOver(event: ReactDragEvent<HTMLElement>): void {
      if (!carriesSessions(event.dataTransfer) || reorderableCollection() === null) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      const moving = dragInProgress();
      const self = useLibraryStore.getState().rows[index]?.id;
      const side = moving && self && moving.includes(self) ? null : sideOf(event, orientation);
      if (side === null) event.currentTarget.removeAttribute('data-drop');
      else event.currentTarget.setAttribute('data-drop', side);
    },
    onDragLeave(event: ReactDragEvent<HTMLElement>): void {
      const next = event.relatedTarget;
      if (next instanceof Node && event.currentTarget.contains(next)) return;
      event.currentTarget.removeAttribute('data-drop');
    },
    onDrop(event: ReactDragEvent<HTMLElement>): void {
      const collection = reorderableCollection();
      if (!carriesSessions(event.dataTransfer) || collection === null) return;
      event.preventDefault();
      const side = sideOf(event, orientation);
      const ids = draggedIds(event.dataTransfer);
      finishSessionDrag();
      void reorder(collection, ids, index, side);
    },
  };
}

async function reorder(collection: Collection, ids: string[], target: number, side: DropSide): Promise<void> {
  const library = useLibraryStore.getState();
  const indexes = ids.map((id) => library.indexOf(id));
  // A moved session not among the loaded rows has no known place: the position would be a guess.
  if (indexes.some((index) => index < 0)) {
    toastInfo('Reorder the sessions you can see: some of those dragged are not loaded in the list.');
    return;
  }
  const position = dropPosition(target, side, indexes);
  if (position === null) return;
  await moveWithinCollection(collection.id, ids, position);
}
