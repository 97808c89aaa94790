// The sidebar's collections (issue 13), in the user's order, with their counts. A change from main
// is applied at once (a new name or count shows without a round trip), then the whole list is asked
// again shortly after: a move renumbers the others, and a session's edit, delete or restore moves
// counts (a smart collection's most of all) without any collection event.
// A factory: the bridge and timers are handed in (app-stores.ts wires the window's own).
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Collection } from '../../../shared/domain';
import type { CollectionChange } from '../../../shared/ipc';
import { call, messageOf } from '../lib/bridge';
import type { StoreDeps, TimerHandle } from '../lib/store-deps';

/** After a collection change: soon, so a move's renumbering follows the drop. */
const AFTER_COLLECTION_CHANGE_MS = 80;
/** After session changes (typing autosaves often): counts are decoration, batch them. */
const AFTER_SESSION_CHANGE_MS = 400;

interface CollectionsState {
  /** In the sidebar's order (`position`). */
  collections: Collection[];
  /** False until the first answer. */
  loaded: boolean;
  /** Why the last load failed, or null. */
  error: string | null;
  refresh(): Promise<void>;
}

export type CollectionsStore = UseBoundStore<StoreApi<CollectionsState>>;

/**
 * The list after one change, before main's full answer confirms it: a changed collection takes its
 * new place and the others close up around it, as main renumbers them.
 */
export function applyCollectionChange(collections: Collection[], change: CollectionChange): Collection[] {
  const id = change.type === 'deleted' ? change.id : change.collection.id;
  const next = collections.filter((collection) => collection.id !== id);
  if (change.type !== 'deleted')
    next.splice(Math.min(Math.max(0, change.collection.position), next.length), 0, change.collection);
  return next.map((collection, position) =>
    collection.position === position ? collection : { ...collection, position },
  );
}

export function createCollectionsStore({ bridge, timers }: StoreDeps): CollectionsStore {
  // Answers can cross: only the newest request may write.
  let generation = 0;
  const store = create<CollectionsState>()((set) => ({
    collections: [],
    loaded: false,
    error: null,
    async refresh() {
      const asked = ++generation;
      try {
        const collections = await call(bridge.listCollections());
        if (asked === generation) set({ collections, loaded: true, error: null });
      } catch (error) {
        if (asked === generation) set({ error: messageOf(error) });
      }
    },
  }));

  let refreshTimer: TimerHandle | undefined;
  const scheduleRefresh = (ms: number): void => {
    timers.clearTimeout(refreshTimer);
    refreshTimer = timers.setTimeout(() => void store.getState().refresh(), ms);
  };

  bridge.on('collections:changed', (change) => {
    // An answer already on its way predates this change: it must not undo it.
    generation++;
    store.setState((state) => ({ collections: applyCollectionChange(state.collections, change) }));
    scheduleRefresh(AFTER_COLLECTION_CHANGE_MS);
  });
  bridge.on('sessions:changed', () => scheduleRefresh(AFTER_SESSION_CHANGE_MS));
  return store;
}
