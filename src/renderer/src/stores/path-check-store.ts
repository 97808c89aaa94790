// Whether project paths exist, for the missing-project indicator. Rows ask for their own path; asks
// are batched into one `checkProjectPaths` call (at most 1000 paths, the handler's cap) and cached.
// Answers go stale when the window regains focus — that is when files have usually moved (the
// person was in their file manager or DAW) — and mounted rows then ask again. Old answers stay on
// screen meanwhile, so indicators never blink.
import { useEffect } from 'react';
import { create } from 'zustand';
import { call, dock, hasBridge } from '../lib/bridge';

const MAX_PER_CALL = 1000;
const BATCH_DELAY_MS = 30;

interface PathCheckState {
  /**
   * Whether each path exists, and the round it was last checked in (a path is fresh when that equals
   * `round`). Updated in place: a window that has shown tens of thousands of rows (scrolling a big
   * library) must not copy them all for every batch of a few dozen answers.
   */
  checks: Map<string, { exists: boolean | undefined; round: number }>;
  /** Bumped on every change to `checks`, so that subscribers are told (and selectors run again). */
  version: number;
  round: number;
  request(path: string): void;
  invalidate(): void;
}

const queued = new Set<string>();
const inFlight = new Set<string>();
let batchTimer: ReturnType<typeof setTimeout> | undefined;

export const usePathCheckStore = create<PathCheckState>()((set, get) => {
  const flush = async (): Promise<void> => {
    batchTimer = undefined;
    const paths = [...queued].slice(0, MAX_PER_CALL);
    for (const path of paths) {
      queued.delete(path);
      inFlight.add(path);
    }
    if (queued.size > 0) batchTimer = setTimeout(() => void flush(), 0);
    if (paths.length === 0) return;
    const round = get().round;
    try {
      const answer = await call(dock().checkProjectPaths(paths));
      const { checks } = get();
      for (const path of paths)
        checks.set(path, { exists: path in answer ? answer[path] : checks.get(path)?.exists, round });
      set((state) => ({ version: state.version + 1 }));
    } catch {
      // Unknown stays unknown: no indicator rather than a false alarm.
    } finally {
      for (const path of paths) inFlight.delete(path);
    }
  };

  return {
    checks: new Map(),
    version: 0,
    round: 0,
    request(path) {
      if (queued.has(path) || inFlight.has(path)) return;
      queued.add(path);
      batchTimer ??= setTimeout(() => void flush(), BATCH_DELAY_MS);
    },
    invalidate() {
      set((state) => ({ round: state.round + 1 }));
    },
  };
});

/**
 * Whether `path` exists on disk: true, false, or undefined while unknown (and for no path).
 * Asks for a check when the answer is missing or stale.
 */
export function useProjectExists(path: string | null): boolean | undefined {
  // Selectors run again on every change to the store (a new `version` after `checks` changed).
  const value = usePathCheckStore((state) => (path === null ? undefined : state.checks.get(path)?.exists));
  const fresh = usePathCheckStore((state) => path !== null && state.checks.get(path)?.round === state.round);
  useEffect(() => {
    if (path !== null && !fresh) usePathCheckStore.getState().request(path);
  }, [path, fresh]);
  return value;
}

if (hasBridge()) {
  window.addEventListener('focus', () => usePathCheckStore.getState().invalidate());
  // A session whose path was just set (relinked) is checked again rather than trusted from cache.
  dock().on('sessions:changed', (change) => {
    if (change.type !== 'updated' || !change.session.projectPath) return;
    const check = usePathCheckStore.getState().checks.get(change.session.projectPath);
    if (!check) return;
    check.round = -1;
    usePathCheckStore.setState((state) => ({ version: state.version + 1 }));
  });
}
