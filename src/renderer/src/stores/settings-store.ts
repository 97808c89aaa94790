// The Local API and library as Settings shows them. Main pushes `localApi:changed` after every
// settings change or token rotation; Settings also polls once a second while open for the live
// request log. The library problem (a damaged library moved aside) is shown in the main window.
import { create } from 'zustand';
import type { ApiMode } from '../../../shared/domain';
import type { LocalApiView } from '../../../shared/ipc';
import { call, dock, hasBridge, messageOf } from '../lib/bridge';

type Busy = 'mode' | 'port' | 'token' | null;

interface SettingsState {
  view: LocalApiView | null;
  /** Why the last status read failed, for a Retry banner. */
  loadError: string | null;
  /** A refused change (mode, port, rotation), shown next to its control. */
  actionError: { what: Exclude<Busy, null>; message: string } | null;
  busy: Busy;
  libraryProblemDismissed: boolean;
  refresh(): Promise<void>;
  setMode(mode: ApiMode): Promise<void>;
  setPort(port: number): Promise<boolean>;
  rotateToken(): Promise<boolean>;
  dismissLibraryProblem(): void;
}

export const useSettingsStore = create<SettingsState>()((set, get) => {
  const change = async (what: Exclude<Busy, null>, work: () => Promise<LocalApiView>): Promise<boolean> => {
    set({ busy: what, actionError: null });
    try {
      const view = await work();
      set({ view, busy: null });
      return true;
    } catch (error) {
      set({ busy: null, actionError: { what, message: messageOf(error) } });
      return false;
    }
  };

  return {
    view: null,
    loadError: null,
    actionError: null,
    busy: null,
    libraryProblemDismissed: false,
    async refresh() {
      try {
        const view = await call(dock().localApiStatus());
        set({ view, loadError: null });
      } catch (error) {
        set({ loadError: messageOf(error) });
      }
    },
    async setMode(mode) {
      if (get().view?.configuredMode === mode) return;
      await change('mode', () => call(dock().setLocalApiMode(mode)));
    },
    setPort(port) {
      return change('port', () => call(dock().setLocalApiPort(port)));
    },
    rotateToken() {
      return change('token', () => call(dock().rotateLocalApiToken()));
    },
    dismissLibraryProblem() {
      set({ libraryProblemDismissed: true });
    },
  };
});

if (hasBridge()) {
  dock().on('localApi:changed', (view) => useSettingsStore.setState({ view }));
  // Read once at start: the library problem banner and the API status must not wait for Settings.
  void useSettingsStore.getState().refresh();
}
