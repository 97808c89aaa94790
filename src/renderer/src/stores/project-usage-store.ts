// The sidebar's project counts: plugins by the sessions using them (like tags) and how many
// sessions miss samples. Refreshed in batches after reads land (an import fires one event per
// session) and after changes that move them (a delete, an import, a relink).
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { SessionChange } from '../../../shared/ipc';
import type { PluginUsage } from '../../../shared/project-metadata';
import { call } from '../lib/bridge';
import type { StoreDeps } from '../lib/store-deps';
import { createBatchTimer } from './batch-timer';

export const USAGE_REFRESH_MS = 500;
export const USAGE_REFRESH_MAX_MS = 2000;
const MAX_REMEMBERED = 5000;

interface ProjectUsageState {
  /** Most used first; empty until first asked. */
  plugins: PluginUsage[];
  /** null until first counted. */
  missingSamples: number | null;
  refresh(): Promise<void>;
}

export type ProjectUsageStore = UseBoundStore<StoreApi<ProjectUsageState>>;

export function createProjectUsageStore({ bridge, timers }: StoreDeps): ProjectUsageStore {
  let generation = 0;
  const store = create<ProjectUsageState>()((set) => ({
    plugins: [],
    missingSamples: null,
    async refresh() {
      const gen = ++generation;
      try {
        const [plugins, missingSamples] = await Promise.all([
          call(bridge.pluginUsage()),
          call(bridge.missingSamplesCount()),
        ]);
        if (gen === generation) set({ plugins, missingSamples });
      } catch {
        // Decoration: the sidebar keeps what it showed.
      }
    },
  }));

  const batch = createBatchTimer(timers, USAGE_REFRESH_MS, USAGE_REFRESH_MAX_MS, () => {
    void store.getState().refresh();
  });

  bridge.on('projects:read', () => batch.schedule());

  // Only a project path that changed can move the counts (a path that leads nowhere drops its read
  // without a `projects:read`); autosaving a title or notes cannot.
  const lastPath = new Map<string, string | null>();
  bridge.on('sessions:changed', (change: SessionChange) => {
    if (change.type === 'updated') {
      const { id, projectPath } = change.session;
      const known = lastPath.has(id);
      const previous = lastPath.get(id);
      if (lastPath.size > MAX_REMEMBERED) lastPath.clear();
      lastPath.set(id, projectPath);
      // First seen: its previous path is unknown, so it is counted again once.
      if (known && previous === projectPath) return;
    }
    // A new session has not been read yet: its `projects:read` will follow.
    if (change.type === 'created') return;
    batch.schedule();
  });

  return store;
}
