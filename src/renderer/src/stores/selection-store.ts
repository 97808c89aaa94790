// Which sessions are selected, and requests for the list to scroll the selection into view.
// One session or many (issue 13): `selectedIds` is the whole selection, keyed by id, so a row asks
// only about itself (`useIsSelected`) and a change re-renders only the rows whose answer changed,
// never the whole list. `selectedId` is the lead: the one clicked last, which the detail panel
// shows while it is the only one and keyboard moves start from.
import { create } from 'zustand';

export const NO_SELECTION: ReadonlySet<string> = new Set();

interface SelectionState {
  selectedId: string | null;
  /** Every selected session, the lead included; empty when nothing is selected. */
  selectedIds: ReadonlySet<string>;
  /** Where a Shift-click range starts: the last row clicked without Shift. */
  anchor: { id: string; index: number } | null;
  /**
   * Set when ⌘/Ctrl+A or a Shift range met the selection's ceiling: how many sessions the view
   * holds, of which only the first SELECTION_MAX are selected.
   */
  cappedFrom: number | null;
  /** Where the selected row was last seen, so it is found again without scanning the rows. */
  indexHint: number | undefined;
  /**
   * A row the keyboard moved to before its chunk arrived: selected as soon as it loads.
   * (Holding ArrowDown can outrun the prefetch on a slow disk.)
   */
  pendingIndex: number | null;
  /** Incremented to ask the list to scroll the selection (or pendingIndex) into view. */
  revealRequest: number;
}

export const useSelectionStore = create<SelectionState>()(() => ({
  selectedId: null,
  selectedIds: NO_SELECTION,
  anchor: null,
  cappedFrom: null,
  indexHint: undefined,
  pendingIndex: null,
  revealRequest: 0,
}));

/** A row's own question: re-renders it only when its answer changes. */
export function useIsSelected(id: string): boolean {
  return useSelectionStore((state) => state.selectedIds.has(id));
}

/** How many sessions are selected (the bulk bar and the detail panel switch at 2). */
export function useSelectionSize(): number {
  return useSelectionStore((state) => state.selectedIds.size);
}

/** The selection now, in the order it was made (for actions: a snapshot, not a subscription). */
export function selectedIdsNow(): string[] {
  return [...useSelectionStore.getState().selectedIds];
}
