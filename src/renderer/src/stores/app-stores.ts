// The window's stores, wired once by main.tsx (wireStores) to the real bridge, timers and clock.
// Components and actions use these instances as hooks, as before; the store modules themselves only
// export factories, so unit tests build their own with a fake bridge and a hand-driven clock.
// (Live ES-module bindings: importers see the instances as soon as wireStores has run, which
// main.tsx does before the first render and before any action can run.)
import type { StoreDeps } from '../lib/store-deps';
import { createArtworkStore, type ArtworkStore } from './artwork-store';
import { tickClock } from './clock-store';
import { createCollectionsStore, type CollectionsStore } from './collections-store';
import { createCountsStore, type CountsStore } from './counts-store';
import { createDetailStore, type DetailStore } from './detail-store';
import { createImportStore, type ImportStore } from './import-store';
import { createLibraryStore, type LibraryStore, type SortStorage } from './library-store';
import { createPlayerStore, type AnimationFrames, type AudioLike, type PlayerStore } from './player-store';
import { createProjectDetailStore, type ProjectDetailStore } from './project-detail-store';
import { createProjectSummaryStore, type ProjectSummaryStore } from './project-summary-store';
import { createProjectUsageStore, type ProjectUsageStore } from './project-usage-store';
import { toastError } from './toast-store';

export let useDetailStore: DetailStore;
export let useLibraryStore: LibraryStore;
export let useCountsStore: CountsStore;
export let useImportStore: ImportStore;
export let usePlayerStore: PlayerStore;
export let useProjectSummaryStore: ProjectSummaryStore;
export let useProjectUsageStore: ProjectUsageStore;
export let useProjectDetailStore: ProjectDetailStore;
export let useCollectionsStore: CollectionsStore;
export let useArtworkStore: ArtworkStore;

export interface WindowDeps extends StoreDeps {
  storage: SortStorage | null;
  createAudio: () => AudioLike;
  frames: AnimationFrames;
}

let wired = false;

/** Builds every store once and starts what loads at start (the list's first chunk, the counts). */
export function wireStores(deps: WindowDeps): void {
  if (wired) throw new Error('The window stores are already wired.');
  wired = true;
  useDetailStore = createDetailStore({ ...deps, reportError: toastError, onSaved: tickClock });
  useProjectSummaryStore = createProjectSummaryStore(deps);
  useArtworkStore = createArtworkStore(deps);
  useLibraryStore = createLibraryStore({
    ...deps,
    onRowsLoaded: (sessions) => {
      useProjectSummaryStore.getState().request(sessions);
      useArtworkStore.getState().request(sessions);
    },
  });
  useProjectUsageStore = createProjectUsageStore(deps);
  useProjectDetailStore = createProjectDetailStore(deps);
  useCountsStore = createCountsStore(deps);
  useImportStore = createImportStore(deps);
  usePlayerStore = createPlayerStore(deps);
  useCollectionsStore = createCollectionsStore(deps);
  useLibraryStore.getState().reload();
  void useCollectionsStore.getState().refresh();
  void useCountsStore.getState().refresh();
  void useProjectUsageStore.getState().refresh();
}

export function isImportDialogOpen(): boolean {
  return useImportStore.getState().phase !== 'idle';
}

/** Leaving the window (another app, closing it) must not strand a debounced edit. */
export function flushDraftsOnLeave(target: Window): void {
  const flushAll = (): void => useDetailStore.getState().flushAll();
  target.addEventListener('blur', flushAll);
  target.addEventListener('beforeunload', flushAll);
  target.document.addEventListener('visibilitychange', () => {
    if (target.document.visibilityState === 'hidden') flushAll();
  });
}
