// Which sessions have artwork, and their thumbnail URLs, for the list, the grid and the detail
// panel: one `artworkSummaries` call per chunk of rows the library loads (never one per row),
// cached by session id. The published Session does not say whether it has artwork, but setting or
// removing it bumps `updatedAt`: a cached summary whose session comes back (an event, a reloaded
// chunk) with another `updatedAt` is asked for again, in batches, since autosave sends many updates.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Session } from '../../../shared/domain';
import type { ArtworkSummary, SessionChange } from '../../../shared/ipc';
import { call } from '../lib/bridge';
import type { StoreDeps } from '../lib/store-deps';
import { createSummaryBatcher } from './summary-batcher';

/** The handler's cap on ids per call. */
export const ARTWORK_SUMMARIES_PER_CALL = 1000;
/** Updates come in bursts (typing autosaves, an import): wait for the burst to go quiet… */
export const ARTWORK_BATCH_MS = 250;
/** …but never longer than this. */
export const ARTWORK_BATCH_MAX_MS = 1500;

type SessionStamp = Pick<Session, 'id' | 'updatedAt'>;

interface ArtworkState {
  /**
   * Each asked session's artwork, or null for none; absent until its chunk's answer arrives.
   * Updated in place (a big library scrolled must not copy every entry per chunk); `version` is
   * what changes.
   */
  summaries: Map<string, ArtworkSummary | null>;
  version: number;
  /** Asks for the artwork of these sessions unless it is cached for the same `updatedAt`. */
  request(sessions: readonly SessionStamp[]): void;
  /** What a set (its answer) or a remove (null) made of a session's artwork, known without asking. */
  put(sessionId: string, summary: ArtworkSummary | null): void;
}

export type ArtworkStore = UseBoundStore<StoreApi<ArtworkState>>;

export function createArtworkStore({ bridge, timers }: StoreDeps): ArtworkStore {
  /** The `updatedAt` each cached (or asked) summary belongs to. */
  const stamps = new Map<string, string>();

  /** Keeps the cached object when nothing shown changed, so rows do not re-render. */
  const remember = (id: string, next: ArtworkSummary | null): boolean => {
    const { summaries } = store.getState();
    const current = summaries.get(id);
    if (current !== undefined && sameSummary(current, next)) return false;
    summaries.set(id, next);
    return true;
  };

  const batcher = createSummaryBatcher<ArtworkSummary>({
    timers,
    perCall: ARTWORK_SUMMARIES_PER_CALL,
    laterMs: ARTWORK_BATCH_MS,
    laterMaxMs: ARTWORK_BATCH_MAX_MS,
    fetch: (ids) => call(bridge.artworkSummaries(ids)),
    answered(ids, answer) {
      let changed = false;
      // Sessions without artwork (and unknown ids) are left out of the answer.
      for (const id of ids) changed = remember(id, answer[id] ?? null) || changed;
      if (changed) store.setState((state) => ({ version: state.version + 1 }));
    },
    failed(ids) {
      // Placeholders rather than wrong images; the next chunk or update asks again.
      for (const id of ids) stamps.delete(id);
    },
  });

  const store = create<ArtworkState>()(() => ({
    summaries: new Map(),
    version: 0,
    request(sessions) {
      const wanted: string[] = [];
      for (const { id, updatedAt } of sessions) {
        if (stamps.get(id) === updatedAt) continue;
        stamps.set(id, updatedAt);
        wanted.push(id);
      }
      batcher.queue(wanted, 'now');
    },
    put(sessionId, summary) {
      // An answer already on its way may predate this change: ask again once it lands.
      batcher.changedWhileAsked(sessionId);
      if (remember(sessionId, summary)) store.setState((state) => ({ version: state.version + 1 }));
    },
  }));

  bridge.on('sessions:changed', (change: SessionChange) => {
    if (change.type === 'deleted') {
      stamps.delete(change.id);
      if (store.getState().summaries.delete(change.id))
        store.setState((state) => ({ version: state.version + 1 }));
      return;
    }
    if (change.type !== 'updated') return;
    const { id, updatedAt } = change.session;
    // Sessions never shown are asked for when their rows load.
    if (!stamps.has(id) || stamps.get(id) === updatedAt) return;
    stamps.set(id, updatedAt);
    batcher.queue([id], 'later');
  });

  return store;
}

function sameSummary(a: ArtworkSummary | null, b: ArtworkSummary | null): boolean {
  if (a === null || b === null) return a === b;
  return a.source === b.source && a.smallUrl === b.smallUrl && a.largeUrl === b.largeUrl;
}
