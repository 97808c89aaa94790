// What people do with collections (issue 13), shared by the sidebar, drops, the row menu, the bulk
// bar and the detail panel: show one, create (manual, or smart from the view), rename, move, delete,
// add sessions, take one out, and reorder a manual collection's sessions.
import type { Collection } from '../../../shared/domain';
import { call, dock, messageOf } from '../lib/bridge';
import { plural } from '../lib/labels';
import { freeName, smartQueryOf, suggestedSmartName } from '../lib/smart-query';
import { useCollectionsStore, useLibraryStore } from '../stores/app-stores';
import { useCollectionsUiStore, type NameEdit } from '../stores/collections-ui-store';
import { useDialogStore } from '../stores/dialog-store';
import { toastError, toastInfo, useToastStore } from '../stores/toast-store';
import { useUiStore } from '../stores/ui-store';

export const NEW_COLLECTION_NAME = 'New collection';

export function collectionById(id: string): Collection | undefined {
  return useCollectionsStore.getState().collections.find((collection) => collection.id === id);
}

/** The list shows the collection: a manual one in its own order, a smart one in the chosen sort. */
export function showCollection(collection: Collection): void {
  useUiStore.getState().setPage('library');
  useLibraryStore.getState().showCollection(collection.id, collection.kind === 'manual');
}

/** Opens the sidebar's name field for a new manual collection (optionally taking sessions at once). */
export function startNewCollection(sessionIds: string[] = []): void {
  const names = useCollectionsStore.getState().collections.map((collection) => collection.name);
  useCollectionsUiStore.getState().startEdit({
    type: 'create',
    initialName: freeName(NEW_COLLECTION_NAME, names),
    query: null,
    sessionIds,
  });
}

/** "Save search as smart collection": the name field, with a name made from the view's filters. */
export function startSaveSearch(): void {
  const saved = smartQueryOf(useLibraryStore.getState().query);
  if (saved === null) {
    toastInfo('Search or choose a filter first: a smart collection keeps them.');
    return;
  }
  const names = useCollectionsStore.getState().collections.map((collection) => collection.name);
  useCollectionsUiStore.getState().startEdit({
    type: 'create',
    initialName: freeName(suggestedSmartName(saved), names),
    query: saved,
    sessionIds: [],
  });
}

/**
 * The name field's Enter: creates or renames. Resolves to true when done; a refusal (a name taken,
 * too long) stays in the field with main's message.
 */
export async function submitName(edit: NameEdit, name: string): Promise<boolean> {
  const ui = useCollectionsUiStore.getState();
  try {
    if (edit.type === 'rename') {
      const current = collectionById(edit.id);
      if (current && current.name === name.trim()) {
        ui.endEdit();
        return true;
      }
      await call(dock().updateCollection(edit.id, { name }));
      ui.endEdit();
      return true;
    }
    const created = await call(
      dock().createCollection(edit.query === null ? { name } : { name, kind: 'smart', query: edit.query }),
    );
    ui.endEdit();
    if (edit.sessionIds.length > 0) await addToCollection(created, edit.sessionIds);
    // A saved search is shown as the collection it became: the same sessions, now kept.
    if (created.kind === 'smart') showCollection(created);
    return true;
  } catch (error) {
    useCollectionsUiStore.getState().setError(messageOf(error));
    return false;
  }
}

export async function deleteCollection(collection: Collection): Promise<void> {
  const confirmed = await useDialogStore.getState().ask({
    title: `Delete the collection “${collection.name}”?`,
    message:
      collection.kind === 'smart'
        ? 'Only the saved search is deleted. No session is deleted.'
        : `Only the collection is deleted: its ${plural(collection.sessionCount, 'session')} stay in your library.`,
    confirmLabel: 'Delete collection',
    danger: true,
    initialFocus: 'cancel',
  });
  if (!confirmed) return;
  try {
    await call(dock().deleteCollection(collection.id));
  } catch (error) {
    toastError(`Could not delete “${collection.name}”: ${messageOf(error)}`);
  }
}

/** Moves the collection to `position` in the sidebar (0 first). */
export async function moveCollection(collection: Collection, position: number): Promise<void> {
  try {
    await call(dock().updateCollection(collection.id, { position }));
  } catch (error) {
    toastError(`Could not move “${collection.name}”: ${messageOf(error)}`);
  }
}

/** Adds sessions to a manual collection (those already in it stay where they are). */
export async function addToCollection(collection: Collection, sessionIds: readonly string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  if (collection.kind === 'smart') {
    toastInfo(`“${collection.name}” is a smart collection: it holds what its search finds.`);
    return;
  }
  const before = collectionById(collection.id)?.sessionCount ?? collection.sessionCount;
  try {
    const after = await call(dock().addToCollection(collection.id, [...sessionIds]));
    const added = Math.max(0, after.sessionCount - before);
    useToastStore.getState().show({
      tone: 'success',
      message:
        added === 0
          ? `Already in “${collection.name}”`
          : `Added ${plural(added, 'session')} to “${collection.name}”`,
    });
  } catch (error) {
    toastError(`Could not add to “${collection.name}”: ${messageOf(error)}`);
  }
}

export async function removeFromCollection(
  collection: Collection,
  sessionIds: readonly string[],
): Promise<void> {
  try {
    for (const id of sessionIds) await call(dock().removeFromCollection(collection.id, id));
  } catch (error) {
    toastError(`Could not take it out of “${collection.name}”: ${messageOf(error)}`);
  }
}

/**
 * A drag inside a manual collection's own order: the sessions go to `position`, counted in the
 * order without them (as the contract's addSessions with a position does).
 */
export async function moveWithinCollection(
  collectionId: string,
  sessionIds: readonly string[],
  position: number,
): Promise<void> {
  try {
    await call(dock().addToCollection(collectionId, [...sessionIds], position));
  } catch (error) {
    toastError(`Could not reorder: ${messageOf(error)}`);
  }
}
