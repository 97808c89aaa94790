// The context menu of a row or card (issue 13): Open, Add to collection ▸, Remove from the shown
// collection, Set status ▸, Delete — for the row, or for the whole selection when the row is in it.
// The bulk bar and the detail panel's "N selected" reuse the submenus.
import type { MouseEvent as ReactMouseEvent } from 'react';
import { SESSION_STATUSES } from '../../../shared/domain';
import { plural, STATUS_LABELS } from '../lib/labels';
import { useCollectionsStore, useLibraryStore } from '../stores/app-stores';
import { useContextMenuStore, type MenuItem } from '../stores/context-menu-store';
import { useSelectionStore } from '../stores/selection-store';
import { bulkDelete, bulkSetStatus } from './bulk-actions';
import {
  addToCollection,
  collectionById,
  removeFromCollection,
  startNewCollection,
} from './collection-actions';
import { selectionInListOrder } from './selection-actions';
import { deleteSession, openSession, selectSession } from './session-actions';

/** Add to collection ▸: every manual collection, then "New collection…" taking the sessions. */
export function addToCollectionItems(ids: readonly string[]): MenuItem[] {
  const manual = useCollectionsStore.getState().collections.filter((c) => c.kind === 'manual');
  return [
    ...manual.map((collection) => ({
      label: collection.name,
      hint: collection.sessionCount.toLocaleString('en-US'),
      testId: 'menu-add-to-collection',
      run: () => void addToCollection(collection, ids),
    })),
    {
      label: 'New collection…',
      testId: 'menu-new-collection',
      separator: manual.length > 0,
      run: () => startNewCollection([...ids]),
    },
  ];
}

export function setStatusItems(ids: readonly string[]): MenuItem[] {
  return SESSION_STATUSES.map((status) => ({
    label: STATUS_LABELS[status],
    testId: `menu-status-${status}`,
    run: () => void bulkSetStatus(ids, status),
  }));
}

export function sessionMenuItems(ids: readonly string[]): MenuItem[] {
  const one = ids.length === 1 ? ids[0]! : null;
  const { scope } = useLibraryStore.getState().query;
  const shown = scope.type === 'collection' ? collectionById(scope.id) : undefined;
  const items: MenuItem[] = [];
  if (one) items.push({ label: 'Open', testId: 'menu-open', run: () => void openSession(one) });
  items.push({ label: 'Add to collection', testId: 'menu-add-to', submenu: addToCollectionItems(ids) });
  if (shown?.kind === 'manual')
    items.push({
      label: `Remove from “${shown.name}”`,
      testId: 'menu-remove-from-collection',
      run: () => void removeFromCollection(shown, ids),
    });
  items.push({ label: 'Set status', testId: 'menu-set-status', submenu: setStatusItems(ids) });
  items.push({
    label: one ? 'Delete' : `Delete ${plural(ids.length, 'session')}`,
    testId: 'menu-delete',
    danger: true,
    separator: true,
    run: () => void (one ? deleteSession(one) : bulkDelete(ids)),
  });
  return items;
}

/** Right-click on a row or card: the menu for the selection if the row is in it, else for the row. */
export function openSessionMenu(event: ReactMouseEvent, id: string, index: number, title: string): void {
  event.preventDefault();
  const { selectedIds } = useSelectionStore.getState();
  if (!selectedIds.has(id)) selectSession(id, { index });
  const ids = selectedIds.has(id) && selectedIds.size > 1 ? selectionInListOrder() : [id];
  useContextMenuStore.getState().open({
    x: event.clientX,
    y: event.clientY,
    label: ids.length === 1 ? title : plural(ids.length, 'session'),
    items: sessionMenuItems(ids),
    testId: 'session-menu',
  });
}
