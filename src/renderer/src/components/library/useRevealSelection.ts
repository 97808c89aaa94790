import { useEffect, useRef } from 'react';
import type { Session } from '../../../../shared/domain';
import { useLibraryStore } from '../../stores/app-stores';
import { useSelectionStore } from '../../stores/selection-store';

const GIVE_UP_MS = 3000;

/**
 * Scrolls the selection into view when asked (arrow keys, a new session, focus from the API).
 * A session that is not loaded yet (just created, still refreshing) is revealed once it appears;
 * after a few seconds the request lapses so the list never jumps long after the fact.
 */
export function useRevealSelection(scrollToIndex: (index: number) => void): void {
  const revealRequest = useSelectionStore((state) => state.revealRequest);
  const revision = useLibraryStore((state) => state.revision);
  const state = useRef({ handled: 0, waiting: 0, since: 0 });

  useEffect(() => {
    const mark = state.current;
    if (revealRequest === mark.handled) return;
    if (revealRequest !== mark.waiting) {
      mark.waiting = revealRequest;
      mark.since = performance.now();
    }
    if (performance.now() - mark.since > GIVE_UP_MS) {
      mark.handled = revealRequest;
      return;
    }
    const { selectedId, indexHint, pendingIndex } = useSelectionStore.getState();
    const index =
      pendingIndex ?? (selectedId ? useLibraryStore.getState().indexOf(selectedId, indexHint) : -1);
    if (index < 0) return;
    mark.handled = revealRequest;
    scrollToIndex(index);
  }, [revealRequest, revision, scrollToIndex]);
}

/** Whether the session is among the rendered rows (aria-activedescendant must name a real element). */
export function isShown(
  rows: (Session | undefined)[],
  first: number,
  last: number,
  id: string | null,
): boolean {
  if (id === null) return false;
  for (let i = first; i <= last && i < rows.length; i++) if (rows[i]?.id === id) return true;
  return false;
}
