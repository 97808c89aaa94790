// The session list: a window onto `listSessions` for the current query. A 100,000-session library
// (or 1,000,000) is never loaded whole: rows live in a sparse array, filled in place in chunks of
// CHUNK_SIZE as the list scrolls, `meta.total` long as far as the list is concerned. Changes from main patch loaded rows in place (updates) or refresh
// the visible chunks without blanking them (creates, deletes, imports).
// A factory: the bridge, timers and the sort's storage are handed in (app-stores.ts wires them).
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Session } from '../../../shared/domain';
import type { ErrorCode } from '../../../shared/errors';
import type { CollectionChange, SessionChange } from '../../../shared/ipc';
import { call, codeOf, messageOf } from '../lib/bridge';
import type { StoreDeps, TimerHandle } from '../lib/store-deps';
import { RECENT_SORT, DEFAULT_SORT } from '../lib/labels';
import {
  DEFAULT_QUERY,
  NO_PROJECT_FILTERS,
  OWN_ORDER_SORT,
  sameProjectFilters,
  sameScope,
  toListQuery,
  type LibraryQuery,
  type ProjectFilters,
  type Scope,
} from './library-query';

// Small enough that a new query's first answer crosses to the window fast (search as you type).
export const CHUNK_SIZE = 100;
const PREFETCH_ROWS = 60;
const LOCATE_MAX_CHUNKS = 25;
const REFRESH_DEBOUNCE_MS = 60;
const SORT_STORAGE_KEY = 'sessiondock.sort';

interface LibraryState {
  /** The text in the search box, ahead of the debounced query. */
  searchText: string;
  query: LibraryQuery;
  /** Bumped when the query changes, so the list scrolls back to the top. */
  queryVersion: number;
  /** null until the first answer for the current query. */
  total: number | null;
  /**
   * Sparse: `undefined` where a chunk is not loaded yet, and only as long as the furthest loaded
   * row (`total` is the length of the list). Updated in place, so its cost follows the rows loaded,
   * not the library's size: a new array only for a new query's first answer. Read it with
   * `revision`, which changes on every update.
   */
  rows: (Session | undefined)[];
  /** Bumped on every change to `rows`: what components and effects that read rows subscribe to. */
  revision: number;
  /** True while a new query's first chunk is on its way. */
  loading: boolean;
  error: string | null;
  /** The error's code: `invalid_input` is a refused filter, shown calmly beside the filters. */
  errorCode: ErrorCode | null;

  setSearchText(text: string): void;
  clearSearch(): void;
  setScope(scope: Scope): void;
  /**
   * Shows a collection (issue 13): a manual one in its own order (no sort sent), a smart one in
   * the chosen sort. Search, tags and project filters are cleared: the collection is the view.
   */
  showCollection(id: string, ownOrder: boolean): void;
  toggleTag(tag: string): void;
  clearTags(): void;
  /** Sets some of the project filters (plugin, tempo range, key), keeping the others. */
  setProjectFilters(patch: Partial<ProjectFilters>): void;
  clearProjectFilters(): void;
  setSort(sort: string): void;
  showEverything(): void;
  reload(): void;
  /** The list reports the rows it shows; missing chunks around them are fetched. */
  showRange(start: number, end: number): void;
  /** Fetches the chunks on screen that are not loaded (after they were marked stale). */
  refreshVisible(): Promise<void>;
  indexOf(id: string, hint?: number): number;
  /**
   * Finds a session that is not loaded by loading chunks from the top, up to LOCATE_MAX_CHUNKS.
   * (The contract has no "position of this session in this query" call, so a session further down
   * a huge library is selected without scrolling to it.) Resolves to its index or -1.
   */
  locate(id: string): Promise<number>;
}

export type LibraryStore = UseBoundStore<StoreApi<LibraryState>>;

/** Where the chosen sort is remembered between runs (the window's localStorage). */
export interface SortStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface LibraryStoreDeps extends StoreDeps {
  storage?: SortStorage | null;
  /** Told about every chunk of rows that arrives (the project columns load theirs from it). */
  onRowsLoaded?: (sessions: readonly Session[]) => void;
}

export function createLibraryStore({
  bridge,
  timers,
  storage = null,
  onRowsLoaded,
}: LibraryStoreDeps): LibraryStore {
  const savedSort = (): string => {
    try {
      return storage?.getItem(SORT_STORAGE_KEY) || DEFAULT_SORT;
    } catch {
      return DEFAULT_SORT;
    }
  };

  // Fetch bookkeeping lives outside React state: it never affects what is drawn.
  let generation = 0;
  /** A new query's first answer replaces the rows wholesale instead of patching them. */
  let resetPending = false;
  const loadedChunks = new Set<number>();
  const pendingChunks = new Set<number>();
  let visible = { start: 0, end: 0 };
  /**
   * Search as you type without a debounce: a keystroke queries at once unless a search is still on
   * its way, and then only the latest text goes next (stale answers are dropped by `generation`).
   */
  let searchRunning = false;
  let searchQueued: string | null = null;
  /** The sort chosen before a manual collection's own order took over: it comes back after. */
  let sortBeforeOwnOrder: string | null = null;
  const sortAfterOwnOrder = (): string => sortBeforeOwnOrder ?? savedSort();
  let refreshTimer: TimerHandle | undefined;

  const store = create<LibraryState>()((set, get) => {
    const chunksFor = (start: number, end: number): number[] => {
      const first = Math.max(0, Math.floor(start / CHUNK_SIZE));
      const last = Math.max(first, Math.floor(Math.max(start, end) / CHUNK_SIZE));
      const chunks: number[] = [];
      for (let chunk = first; chunk <= last; chunk++) chunks.push(chunk);
      return chunks;
    };

    const fetchChunk = async (chunk: number): Promise<void> => {
      const gen = generation;
      pendingChunks.add(chunk);
      try {
        const result = await call(
          bridge.listSessions(toListQuery(get().query, CHUNK_SIZE, chunk * CHUNK_SIZE)),
        );
        if (gen !== generation) return;
        const { total } = result.meta;
        set((state) => {
          // Filled in place (see `rows`): copying a million-entry array for every chunk would cost
          // more than fetching the chunk.
          const rows = resetPending ? [] : state.rows;
          resetPending = false;
          if (rows.length > total) rows.length = total;
          result.data.forEach((session, i) => {
            rows[chunk * CHUNK_SIZE + i] = session;
          });
          return { rows, total, revision: state.revision + 1, loading: false, error: null, errorCode: null };
        });
        loadedChunks.add(chunk);
        onRowsLoaded?.(result.data);
        // The total may have moved: make sure what is on screen is covered.
        void ensureVisible();
      } catch (error) {
        if (gen !== generation) return;
        set({ loading: false, error: messageOf(error), errorCode: codeOf(error) });
      } finally {
        if (gen === generation) pendingChunks.delete(chunk);
      }
    };

    const ensureVisible = async (): Promise<void> => {
      const total = get().total;
      const end = total === null ? visible.end : Math.min(visible.end, Math.max(0, total - 1));
      for (const chunk of chunksFor(visible.start, end)) {
        if (total !== null && chunk * CHUNK_SIZE >= Math.max(total, 1)) continue;
        if (!loadedChunks.has(chunk) && !pendingChunks.has(chunk)) void fetchChunk(chunk);
      }
    };

    /** Drops every chunk and starts over for a new query; the old rows stay until the answer comes. */
    const restart = (): Promise<void> => {
      generation++;
      resetPending = true;
      loadedChunks.clear();
      pendingChunks.clear();
      visible = { start: 0, end: Math.max(visible.end - visible.start, CHUNK_SIZE - 1) };
      set((state) => ({
        loading: true,
        error: null,
        errorCode: null,
        queryVersion: state.queryVersion + 1,
      }));
      const first = fetchChunk(0);
      void ensureVisible();
      return first;
    };

    const applyQuery = (patch: Partial<LibraryQuery>): Promise<void> => {
      set((state) => ({ query: { ...state.query, ...patch } }));
      return restart();
    };

    const runSearch = (text: string): void => {
      if (get().query.q === text) return;
      searchRunning = true;
      void applyQuery({ q: text }).finally(() => {
        searchRunning = false;
        const next = searchQueued;
        searchQueued = null;
        if (next !== null) runSearch(next);
      });
    };

    return {
      searchText: '',
      query: { ...DEFAULT_QUERY, sort: savedSort() },
      queryVersion: 0,
      total: null,
      rows: [],
      revision: 0,
      loading: true,
      error: null,
      errorCode: null,

      setSearchText(text) {
        set({ searchText: text });
        if (searchRunning) searchQueued = text;
        else runSearch(text);
      },
      clearSearch() {
        searchQueued = null;
        set({ searchText: '' });
        if (get().query.q !== '') void applyQuery({ q: '' });
      },
      setScope(scope) {
        const { query } = get();
        if (sameScope(query.scope, scope)) return;
        // "Recently opened" reads best newest-opened first, as the API's own default for recent=true.
        const sort =
          scope.type === 'recent' && query.sort === DEFAULT_SORT
            ? RECENT_SORT
            : query.sort === OWN_ORDER_SORT
              ? sortAfterOwnOrder()
              : query.scope.type === 'recent' && query.sort === RECENT_SORT
                ? savedSort()
                : query.sort;
        applyQuery({ scope, sort });
      },
      showCollection(id, ownOrder) {
        searchQueued = null;
        const { query } = get();
        if (ownOrder && query.sort !== OWN_ORDER_SORT)
          sortBeforeOwnOrder = query.scope.type === 'recent' ? savedSort() : query.sort;
        const sort = ownOrder
          ? OWN_ORDER_SORT
          : query.sort === OWN_ORDER_SORT
            ? sortAfterOwnOrder()
            : query.sort;
        const scope: Scope = { type: 'collection', id };
        if (sameScope(query.scope, scope) && query.sort === sort) return;
        set({ searchText: '' });
        void applyQuery({ scope, sort, q: '', tags: [], project: NO_PROJECT_FILTERS });
      },
      toggleTag(tag) {
        const key = tag.toLowerCase();
        const tags = get().query.tags;
        const next = tags.some((t) => t.toLowerCase() === key)
          ? tags.filter((t) => t.toLowerCase() !== key)
          : [...tags, tag];
        applyQuery({ tags: next });
      },
      clearTags() {
        if (get().query.tags.length > 0) applyQuery({ tags: [] });
      },
      setProjectFilters(patch) {
        const current = get().query.project;
        const project = { ...current, ...patch };
        if (!sameProjectFilters(current, project)) void applyQuery({ project });
      },
      clearProjectFilters() {
        if (!sameProjectFilters(get().query.project, NO_PROJECT_FILTERS))
          void applyQuery({ project: NO_PROJECT_FILTERS });
      },
      setSort(sort) {
        try {
          // The recent view's and a collection's own order are theirs, not the library's choice.
          if (get().query.scope.type !== 'recent' && sort !== OWN_ORDER_SORT)
            storage?.setItem(SORT_STORAGE_KEY, sort);
        } catch {
          // Storage can be unavailable; the sort still applies for this run.
        }
        applyQuery({ sort });
      },
      showEverything() {
        searchQueued = null;
        set({ searchText: '' });
        void applyQuery({ q: '', tags: [], scope: { type: 'all' }, project: NO_PROJECT_FILTERS });
      },
      reload() {
        restart();
      },
      showRange(start, end) {
        // A margin either side, so the next chunk is usually there before it scrolls into view.
        visible = { start: Math.max(0, start - PREFETCH_ROWS), end: end + PREFETCH_ROWS };
        void ensureVisible();
      },
      refreshVisible: ensureVisible,
      indexOf(id, hint) {
        const { rows } = get();
        if (hint !== undefined && rows[hint]?.id === id) return hint;
        return rows.findIndex((row) => row?.id === id);
      },
      async locate(id) {
        const gen = generation;
        for (let chunk = 0; chunk < LOCATE_MAX_CHUNKS; chunk++) {
          const found = get().indexOf(id);
          if (found >= 0) return found;
          const total = get().total;
          if (gen !== generation || total === null || chunk * CHUNK_SIZE >= total) return -1;
          if (!loadedChunks.has(chunk)) await fetchChunk(chunk);
        }
        return get().indexOf(id);
      },
    };
  });
  /**
   * Refreshes the chunks on screen without blanking them: the rows already shown stay until fresh
   * ones arrive, so a create or delete elsewhere never flashes the list. Other chunks are marked
   * stale and reload when scrolled to.
   */
  function scheduleRefresh(): void {
    timers.clearTimeout(refreshTimer);
    refreshTimer = timers.setTimeout(() => {
      generation++;
      loadedChunks.clear();
      pendingChunks.clear();
      void store.getState().refreshVisible();
    }, REFRESH_DEBOUNCE_MS);
  }

  /** Applies a change from main to the loaded rows. */
  function applySessionChange(change: SessionChange): void {
    switch (change.type) {
      case 'updated': {
        // In place, without re-sorting: a row never jumps away while someone works on it.
        const { rows, indexOf } = store.getState();
        const index = indexOf(change.session.id);
        if (index < 0) return;
        rows[index] = change.session;
        store.setState((state) => ({ revision: state.revision + 1 }));
        return;
      }
      case 'deleted': {
        const { rows, indexOf, total } = store.getState();
        const index = indexOf(change.id);
        if (index >= 0) {
          rows.splice(index, 1);
          store.setState((state) => ({
            total: total === null ? null : Math.max(0, total - 1),
            revision: state.revision + 1,
          }));
        }
        scheduleRefresh();
        return;
      }
      case 'created':
      case 'many':
        scheduleRefresh();
        return;
    }
  }

  /**
   * A collection's change reaches the list only when it is the one shown: its sessions or their
   * order changed (refreshed in place, as after a create), a smart one's filters changed, or it is
   * gone (back to every session).
   */
  function applyCollectionChange(change: CollectionChange): void {
    const { scope } = store.getState().query;
    if (scope.type !== 'collection') return;
    if (change.type === 'deleted') {
      if (change.id === scope.id) store.getState().setScope({ type: 'all' });
      return;
    }
    if (change.collection.id !== scope.id) return;
    if (change.type === 'sessions' || (change.type === 'updated' && change.collection.kind === 'smart'))
      scheduleRefresh();
  }

  // Fed by main from the start, so the list is live whether or not a component is mounted.
  bridge.on('sessions:changed', applySessionChange);
  bridge.on('collections:changed', applyCollectionChange);
  return store;
}
