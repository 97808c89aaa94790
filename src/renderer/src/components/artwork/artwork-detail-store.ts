// The detail panel's artwork: what the image is (file, size, whether it can be shown), loaded
// for the selected session, and what is being done to it. Answers for a session no longer shown
// are dropped.
import { create } from 'zustand';
import type { ArtworkView } from '../../../../shared/ipc';
import { call, dock, messageOf } from '../../lib/bridge';

type Busy = 'setting' | 'removing' | null;

interface ArtworkDetailState {
  /** The session the panel shows. */
  sessionId: string | null;
  /** Its artwork, null without; undefined until the first answer. */
  view: ArtworkView | null | undefined;
  loadError: string | null;
  busy: Busy;
  /** Loads (or reloads) the artwork of the session the panel shows. */
  load(sessionId: string): Promise<void>;
  /** An answer already in hand (a set or a remove). */
  show(sessionId: string, view: ArtworkView | null): void;
  setBusy(sessionId: string, busy: Busy): void;
}

export const useArtworkDetailStore = create<ArtworkDetailState>()((set, get) => ({
  sessionId: null,
  view: undefined,
  loadError: null,
  busy: null,
  async load(sessionId) {
    if (get().sessionId !== sessionId) set({ sessionId, view: undefined, loadError: null, busy: null });
    try {
      const view = await call(dock().getArtwork(sessionId));
      if (get().sessionId === sessionId) set({ view, loadError: null });
    } catch (error) {
      if (get().sessionId === sessionId) set({ loadError: messageOf(error) });
    }
  },
  show(sessionId, view) {
    if (get().sessionId === sessionId) set({ view, loadError: null });
  },
  setBusy(sessionId, busy) {
    if (get().sessionId === sessionId) set({ busy });
  },
}));
