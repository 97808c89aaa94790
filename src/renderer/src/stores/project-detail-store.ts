// The detail panel's Project section: what the selected session's project file says. Asked for
// when the panel shows a session, asked again when its read lands (`projects:read`: a `pending`
// project fills in by itself) or its project path changes, and read again on request (Re-read).
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { SessionChange } from '../../../shared/ipc';
import type { ProjectView } from '../../../shared/project-metadata';
import { call, messageOf } from '../lib/bridge';
import type { StoreDeps } from '../lib/store-deps';

interface ProjectDetailState {
  sessionId: string | null;
  /** The last answer for `sessionId`; null until the first one. */
  view: ProjectView | null;
  /** Why the last ask failed (the library could not answer), or null. */
  error: string | null;
  /** True while Re-read waits for the file to be read. */
  rereading: boolean;
  /** Shows this session's project (null: none); a new session starts empty. */
  show(sessionId: string | null): void;
  load(): Promise<void>;
  reread(): Promise<void>;
}

export type ProjectDetailStore = UseBoundStore<StoreApi<ProjectDetailState>>;

export function createProjectDetailStore({ bridge }: StoreDeps): ProjectDetailStore {
  /** Answers for an earlier session, or overtaken by a later ask, are dropped. */
  let generation = 0;

  const store = create<ProjectDetailState>()((set, get) => {
    const ask = async (fetch: (id: string) => Promise<ProjectView>): Promise<void> => {
      const id = get().sessionId;
      if (id === null) return;
      const gen = ++generation;
      try {
        const view = await fetch(id);
        if (gen === generation) set({ view, error: null });
      } catch (error) {
        if (gen === generation) set({ error: messageOf(error) });
      }
    };

    return {
      sessionId: null,
      view: null,
      error: null,
      rereading: false,
      show(sessionId) {
        if (sessionId === get().sessionId) return;
        generation++;
        set({ sessionId, view: null, error: null, rereading: false });
        void get().load();
      },
      load: () => ask((id) => call(bridge.getProject(id))),
      async reread() {
        const id = get().sessionId;
        if (id === null || get().rereading) return;
        set({ rereading: true });
        try {
          await ask((sessionId) => call(bridge.refreshProject(sessionId)));
        } finally {
          if (get().sessionId === id) set({ rereading: false });
        }
      },
    };
  });

  bridge.on('projects:read', ({ sessionId }) => {
    if (sessionId === store.getState().sessionId) void store.getState().load();
  });
  bridge.on('sessions:changed', (change: SessionChange) => {
    if (change.type !== 'updated') return;
    const { sessionId, view } = store.getState();
    // A relink changes the project; autosaving other fields does not.
    if (change.session.id === sessionId && view !== null && view.projectPath !== change.session.projectPath)
      void store.getState().load();
  });

  return store;
}
