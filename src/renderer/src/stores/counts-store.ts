// Sidebar counts: everything, recently opened, per status, per kind, and the tag cloud. Each count
// is a `listSessions` call with limit 1 (the service counts with an index), refreshed lazily after
// changes rather than on every single one.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import {
  SESSION_KINDS,
  SESSION_STATUSES,
  type SessionKind,
  type SessionStatus,
  type Session,
  type TagCount,
} from '../../../shared/domain';
import type { ListQueryInput, SessionChange } from '../../../shared/ipc';
import { call } from '../lib/bridge';
import type { StoreDeps, TimerHandle } from '../lib/store-deps';

const REFRESH_DEBOUNCE_MS = 400;

interface CountsState {
  /** null until first counted. */
  total: number | null;
  recent: number | null;
  byStatus: Partial<Record<SessionStatus, number>>;
  byKind: Partial<Record<SessionKind, number>>;
  tags: TagCount[];
  refresh(): Promise<void>;
}

export type CountsStore = UseBoundStore<StoreApi<CountsState>>;

/** What the sidebar counts of one session; an edit that leaves it alone needs no recount. */
const countedShape = (session: Session): string =>
  JSON.stringify([
    session.status,
    session.kind,
    session.lastOpened !== null,
    session.tags.map((t) => t.toLowerCase()),
  ]);
const MAX_REMEMBERED = 5000;

export function createCountsStore({ bridge, timers }: StoreDeps): CountsStore {
  const count = async (query: ListQueryInput): Promise<number> => {
    const result = await call(bridge.listSessions({ ...query, limit: 1 }));
    return result.meta.total;
  };

  const store = create<CountsState>()((set) => ({
    total: null,
    recent: null,
    byStatus: {},
    byKind: {},
    tags: [],
    async refresh() {
      try {
        const [total, recent, statusCounts, kindCounts, tags] = await Promise.all([
          count({}),
          count({ recent: true }),
          Promise.all(SESSION_STATUSES.map((status) => count({ status }))),
          Promise.all(SESSION_KINDS.map((kind) => count({ kind }))),
          call(bridge.tagCounts()),
        ]);
        set({
          total,
          recent,
          byStatus: Object.fromEntries(SESSION_STATUSES.map((status, i) => [status, statusCounts[i]])),
          byKind: Object.fromEntries(SESSION_KINDS.map((kind, i) => [kind, kindCounts[i]])),
          tags,
        });
      } catch {
        // Counts are decoration: the list shows its own error banner if the library is unreachable.
      }
    },
  }));

  let refreshTimer: TimerHandle | undefined;
  const scheduleRefresh = (): void => {
    timers.clearTimeout(refreshTimer);
    refreshTimer = timers.setTimeout(() => void store.getState().refresh(), REFRESH_DEBOUNCE_MS);
  };

  const lastCounted = new Map<string, string>();
  bridge.on('sessions:changed', (change: SessionChange) => {
    if (change.type === 'updated') {
      // Typing a title or notes autosaves often; only status, kind, tags or first open move counts.
      // A session seen for the first time is recounted once, since its previous shape is unknown.
      const shape = countedShape(change.session);
      const previous = lastCounted.get(change.session.id);
      if (lastCounted.size > MAX_REMEMBERED) lastCounted.clear();
      lastCounted.set(change.session.id, shape);
      if (previous === shape) return;
    }
    scheduleRefresh();
  });
  return store;
}
